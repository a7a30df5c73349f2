/**
 * The pass-through job: Kafka to Flink to Kafka with exactly-once, the baseline of the pipeline
 * benchmark.
 */
package org.ralf.jobs.passthrough;
