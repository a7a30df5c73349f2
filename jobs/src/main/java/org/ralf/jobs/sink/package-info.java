/** The Flink face of the one batching sink: checkpoint-aligned flushes over {@code sinks.batch}. */
package org.ralf.jobs.sink;
