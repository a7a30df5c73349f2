/** An in-process Kafka broker (KRaft) for tests, one per JVM. */
package org.ralf.testing.kafka;
