/** Ingest benchmark: remote_write samples/s and syslog lines/s acknowledged by Kafka. */
package org.ralf.bench.ingest;
