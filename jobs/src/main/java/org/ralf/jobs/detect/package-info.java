/**
 * The detect job: metrics, logs, discovery and CDC to explained anomalies in Kafka and PostgreSQL.
 */
package org.ralf.jobs.detect;
