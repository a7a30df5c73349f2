package org.ralf.schemas.discovery;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.internal.Checks;

/**
 * A host observed by a discovery poller, value of topic {@code ralf.discovery} (key: {@link
 * #hostId()}).
 *
 * <p>{@link #hostId()} is the stable identity that lets events of different sources about the same
 * machine meet: {@link #hostIdOf} prefers the MAC address (known to Foreman, Proxmox, DHCP and
 * ARP), then the Proxmox vmid, then the FQDN.
 *
 * @param schemaVersion version of this record's schema ({@link #SCHEMA_VERSION})
 * @param kind seen, changed or gone
 * @param hostId stable identity: {@code mac:<aa:bb:..>}, {@code vmid:<n>} or {@code fqdn:<name>}
 * @param mac primary MAC address, lowercase colon-separated, if known
 * @param vmid Proxmox guest id, if the host is a guest
 * @param fqdn fully qualified domain name, lowercase, if known
 * @param ip primary IP address, if known
 * @param source which discovery source observed it
 * @param attributes further source-specific attributes as strings (node, type, status, os, ...);
 *     may be empty
 * @param observedAt when the source observed it
 */
public record DiscoveryEvent(
        int schemaVersion,
        DiscoveryKind kind,
        String hostId,
        @Nullable String mac,
        @Nullable Integer vmid,
        @Nullable String fqdn,
        @Nullable String ip,
        DiscoverySource source,
        Map<String, String> attributes,
        Instant observedAt)
        implements Versioned {

    /** Current schema version of this record. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates the invariants; see the component descriptions. */
    public DiscoveryEvent {
        Checks.version(schemaVersion);
        Checks.present(kind, "kind");
        Checks.nonBlank(hostId, "hostId");
        Checks.nonBlankOrNull(mac, "mac");
        if (vmid != null && vmid < 1) {
            throw new IllegalArgumentException("vmid must be >= 1, was " + vmid);
        }
        Checks.nonBlankOrNull(fqdn, "fqdn");
        Checks.nonBlankOrNull(ip, "ip");
        Checks.present(source, "source");
        attributes = Checks.sortedMap(attributes, "attributes");
        Checks.present(observedAt, "observedAt");
    }

    /**
     * The stable host identity of the given identifiers, by precedence MAC, vmid, FQDN.
     *
     * @throws IllegalArgumentException if all three are null
     */
    public static String hostIdOf(
            @Nullable String mac, @Nullable Integer vmid, @Nullable String fqdn) {
        if (mac != null && !mac.isBlank()) {
            return "mac:" + mac.trim().toLowerCase(Locale.ROOT).replace('-', ':');
        }
        if (vmid != null) {
            return "vmid:" + vmid;
        }
        if (fqdn != null && !fqdn.isBlank()) {
            return "fqdn:" + fqdn.trim().toLowerCase(Locale.ROOT);
        }
        throw new IllegalArgumentException("a host needs a mac, a vmid or an fqdn");
    }
}
