package org.ralf.connectors.discovery;

import java.net.URI;
import java.time.Duration;
import javax.annotation.Nullable;

/**
 * How to read a Proxmox VE cluster (read-only: the token needs only {@code PVEAuditor}).
 *
 * @param baseUri any cluster node, e.g. {@code https://pve1.lab.example:8006} ({@code /api2/json}
 *     is appended)
 * @param tokenId API token id {@code USER@REALM!TOKENID}
 * @param tokenSecret its secret (UUID)
 * @param fingerprint SHA-256 fingerprint of the node's certificate to pin (hex, colons optional),
 *     or null to use the JVM trust store
 * @param timeout connect and request timeout
 * @param maxResponseBytes limit of one response body
 */
public record ProxmoxSettings(
        URI baseUri,
        String tokenId,
        String tokenSecret,
        @Nullable String fingerprint,
        Duration timeout,
        int maxResponseBytes) {

    /** Default response limit: 8 MiB. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

    /** Validates the invariants; see the component descriptions. */
    public ProxmoxSettings {
        if (!tokenId.contains("!") || !tokenId.contains("@")) {
            throw new IllegalArgumentException(
                    "tokenId must look like USER@REALM!TOKENID, was " + tokenId);
        }
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be >= 1");
        }
    }
}
