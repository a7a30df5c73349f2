/** The topic registry: every {@code ralf.*} Kafka topic with key, value type and configuration. */
package org.ralf.schemas.topic;
