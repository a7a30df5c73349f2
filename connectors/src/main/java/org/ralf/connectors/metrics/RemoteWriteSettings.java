package org.ralf.connectors.metrics;

import java.time.Duration;
import org.ralf.connectors.http.PushSettings;

/**
 * Settings of a {@link RemoteWriteReceiver}.
 *
 * @param name connector name (dead-letter source, thread names)
 * @param bindHost address to listen on ({@code 0.0.0.0} for all, {@code 127.0.0.1} for loopback)
 * @param port TCP port (0 = any free port, for tests)
 * @param maxBodyBytes largest compressed request body accepted (413 above)
 * @param maxDecompressedBytes largest decompressed WriteRequest accepted (400 and dead letter
 *     above)
 * @param ackTimeout how long a request waits for Kafka's acknowledgement before answering 503
 * @param threads requests handled at once
 */
public record RemoteWriteSettings(
        String name,
        String bindHost,
        int port,
        int maxBodyBytes,
        int maxDecompressedBytes,
        Duration ackTimeout,
        int threads)
        implements PushSettings {

    /** Defaults: Prometheus sends at most a few MB per request (max_samples_per_send 2000). */
    public static RemoteWriteSettings defaults(String name, String bindHost, int port) {
        return new RemoteWriteSettings(
                name, bindHost, port, 16 << 20, 64 << 20, Duration.ofSeconds(30), 4);
    }

    /** Validates the settings. */
    public RemoteWriteSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + ": port must be in [0, 65535], was " + port);
        }
        if (maxBodyBytes < 1 || maxDecompressedBytes < 1 || threads < 1) {
            throw new IllegalArgumentException(name + ": limits and threads must be positive");
        }
    }
}
