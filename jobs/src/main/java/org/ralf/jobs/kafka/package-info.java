/** Kafka sources and exactly-once sinks for RALF jobs, built from configuration. */
package org.ralf.jobs.kafka;
