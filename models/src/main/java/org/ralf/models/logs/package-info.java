/**
 * Online log template mining: masking, Drain-style grouping, merging, snapshots, pgvector store.
 */
package org.ralf.models.logs;
