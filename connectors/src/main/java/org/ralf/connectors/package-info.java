/**
 * Ingestion into Kafka: each connector speaks a source's native protocol and produces to the
 * registry's topics.
 */
package org.ralf.connectors;
