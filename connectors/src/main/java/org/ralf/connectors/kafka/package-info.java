/**
 * Publishing connector output to Kafka: idempotent, acks=all, backpressure instead of dropping,
 * dead letters.
 */
package org.ralf.connectors.kafka;
