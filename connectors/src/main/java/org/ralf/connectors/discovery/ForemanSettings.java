package org.ralf.connectors.discovery;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How to read a Foreman server.
 *
 * @param baseUri server base, e.g. {@code https://foreman.lab.example} ({@code /api/v2/...} is
 *     appended)
 * @param user API user
 * @param password its password or personal access token (HTTP Basic)
 * @param perPage page size of the hosts index
 * @param facts fact names to fetch per host and report as {@code fact.<name>} attributes; empty: no
 *     facts requests at all
 * @param timeout connect and request timeout
 * @param maxResponseBytes limit of one response body
 */
public record ForemanSettings(
        URI baseUri,
        String user,
        String password,
        int perPage,
        List<String> facts,
        Duration timeout,
        int maxResponseBytes) {

    /** Default response limit: 8 MiB. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

    /** Validates the invariants; see the component descriptions. */
    public ForemanSettings {
        facts = List.copyOf(facts);
        if (perPage < 1 || perPage > 1000) {
            throw new IllegalArgumentException("perPage must be in [1, 1000], was " + perPage);
        }
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be >= 1");
        }
    }
}
