package org.ralf.connectors.discovery;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.discovery.DiscoveryKind;
import org.ralf.schemas.discovery.DiscoverySource;

/**
 * One host as one source reports it in one poll. Two observations of the same host are "the same"
 * (no change) when every field is equal; the poll time is not part of it.
 *
 * @param hostId stable identity ({@link DiscoveryEvent#hostIdOf})
 * @param mac lowercase colon-separated MAC, if known
 * @param vmid Proxmox guest id, if a guest
 * @param fqdn lowercase name, if known
 * @param ip primary address, if known
 * @param source which source reported it
 * @param attributes source-specific attributes (sorted)
 */
public record HostObservation(
        String hostId,
        @Nullable String mac,
        @Nullable Integer vmid,
        @Nullable String fqdn,
        @Nullable String ip,
        DiscoverySource source,
        Map<String, String> attributes) {

    /** Validates the invariants; see the component descriptions. */
    public HostObservation {
        if (hostId == null || hostId.isBlank()) {
            throw new IllegalArgumentException("hostId must not be blank");
        }
        Objects.requireNonNull(source, "source");
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /**
     * An observation whose identity is derived from its identifiers (MAC, then vmid, then FQDN).
     *
     * @throws IllegalArgumentException if all three are absent
     */
    public static HostObservation of(
            @Nullable String mac,
            @Nullable Integer vmid,
            @Nullable String fqdn,
            @Nullable String ip,
            DiscoverySource source,
            Map<String, String> attributes) {
        String m = normaliseMac(mac);
        String f = blankToNull(fqdn) == null ? null : fqdn.trim().toLowerCase(Locale.ROOT);
        return new HostObservation(
                DiscoveryEvent.hostIdOf(m, vmid, f),
                m,
                vmid,
                f,
                blankToNull(ip),
                source,
                attributes);
    }

    /** The event that reports this observation. */
    public DiscoveryEvent toEvent(DiscoveryKind kind, java.time.Instant at) {
        return new DiscoveryEvent(
                DiscoveryEvent.SCHEMA_VERSION,
                kind,
                hostId,
                mac,
                vmid,
                fqdn,
                ip,
                source,
                attributes,
                at);
    }

    /** Lowercase, colon-separated MAC, or null for blank input. */
    static @Nullable String normaliseMac(@Nullable String mac) {
        String m = blankToNull(mac);
        return m == null ? null : m.trim().toLowerCase(Locale.ROOT).replace('-', ':');
    }

    static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
