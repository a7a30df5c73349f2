package org.ralf.connectors.logs;

import java.time.Duration;
import org.ralf.connectors.http.PushSettings;

/**
 * Settings of a {@link LokiPushReceiver}.
 *
 * @param name connector name (record source, dead-letter source)
 * @param bindHost address to listen on
 * @param port TCP port (0 = any free port, for tests)
 * @param maxBodyBytes largest request body accepted (413 above), before decompression
 * @param maxDecompressedBytes largest decompressed body accepted (400 and dead letter above)
 * @param ackTimeout how long a push waits for Kafka before answering 503
 * @param threads requests handled at once
 */
public record LokiSettings(
        String name,
        String bindHost,
        int port,
        int maxBodyBytes,
        int maxDecompressedBytes,
        Duration ackTimeout,
        int threads)
        implements PushSettings {

    /** Defaults: 8 MiB bodies, 64 MiB decompressed, 30 s for Kafka, 4 threads. */
    public static LokiSettings defaults(String name, String bindHost, int port) {
        return new LokiSettings(name, bindHost, port, 8 << 20, 64 << 20, Duration.ofSeconds(30), 4);
    }

    /** Validates the settings. */
    public LokiSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + ": port must be in [0, 65535]");
        }
        if (maxBodyBytes < 1 || maxDecompressedBytes < 1 || threads < 1) {
            throw new IllegalArgumentException(name + ": limits and threads must be positive");
        }
    }
}
