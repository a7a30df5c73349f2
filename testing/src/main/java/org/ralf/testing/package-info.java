/**
 * Shared test fixtures: real services (Kafka, PostgreSQL, Flink MiniCluster) and fakes of what
 * cannot run here.
 */
package org.ralf.testing;
