package org.ralf.connectors.http;

import java.time.Duration;

/**
 * What a {@link PushReceiver} needs from its settings record: the listener and the limits every
 * push route enforces the same way. The receivers' settings records implement it, so each keeps its
 * own defaults and validation.
 */
public interface PushSettings {

    /** Connector name (thread names, dead-letter source). */
    String name();

    /** Address to listen on. */
    String bindHost();

    /** TCP port (0 = any free port). */
    int port();

    /** Largest request body accepted before decompression (413 above). */
    int maxBodyBytes();

    /** Largest decompressed body accepted (400 and dead letter above). */
    int maxDecompressedBytes();

    /** How long a request waits for Kafka's acknowledgement before answering 503. */
    Duration ackTimeout();

    /** Requests handled at once. */
    int threads();
}
