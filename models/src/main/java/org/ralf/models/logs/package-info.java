/**
 * Online log template mining: masking, Drain-style grouping, merging, snapshots, the template store
 * interface.
 */
package org.ralf.models.logs;
