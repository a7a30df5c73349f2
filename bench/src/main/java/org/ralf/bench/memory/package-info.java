/** Recall and latency benchmark of the pgvector incident memory lookup. */
package org.ralf.bench.memory;
