/** Kafka sources and exactly-once sinks of the jobs, and their one record carrier. */
package org.ralf.jobs.kafka;
