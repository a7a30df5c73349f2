package org.ralf.simulator.scenario;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of fault a scenario can inject, with the kind of entity each applies to and whether a
 * Proxmox action can end it (the closed loop).
 */
public enum FaultKind {
    /** A service exits and is restarted by systemd over and over; a guest restart ends it. */
    CRASH_LOOP(Target.SERVICE, true),
    /** A service's memory grows until the OOM killer strikes; a guest restart ends it. */
    MEMORY_LEAK(Target.SERVICE, true),
    /** A host's root filesystem fills up. */
    DISK_FILL(Target.HOST, false),
    /** A host (or a service's process) uses every CPU; a guest restart ends it for guests. */
    CPU_SATURATION(Target.HOST_OR_SERVICE, true),
    /** A host's network link goes down and up repeatedly; a guest restart ends it for guests. */
    NETWORK_FLAPPING(Target.HOST, true),
    /** A Proxmox node goes offline with all its guests. */
    HOST_DOWN(Target.NODE, false),
    /** A node or guest that was not there appears (discovery, inventory, metrics). */
    NEW_HOST(Target.ABSENT_HOST, false),
    /** A Proxmox Backup Server appears (a guest and a backup storage). */
    PBS_APPEARS(Target.ABSENT_HOST, false),
    /** The guests of one node become busy; migrating one away ends it. */
    LOAD_IMBALANCE(Target.NODE, true),
    /** A new version of a service fails to deploy; the service is unhealthy until rollback. */
    FAILED_DEPLOYMENT(Target.SERVICE, false);

    /** Which entities a fault kind applies to. */
    public enum Target {
        /** A service, {@code guest/service}. */
        SERVICE,
        /** A node or a guest. */
        HOST,
        /** A node, a guest or a service. */
        HOST_OR_SERVICE,
        /** A Proxmox node. */
        NODE,
        /** A node or guest declared with {@code present: false}. */
        ABSENT_HOST
    }

    private final Target target;
    private final boolean remediable;

    FaultKind(Target target, boolean remediable) {
        this.target = target;
        this.remediable = remediable;
    }

    /** The entities this kind applies to. */
    public Target target() {
        return target;
    }

    /** Whether a Proxmox action (restart, migrate) can end a fault of this kind. */
    public boolean remediable() {
        return remediable;
    }

    /** The YAML name: lower case with dashes, such as {@code crash-loop}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The kind of a YAML name.
     *
     * @throws IllegalArgumentException naming the known kinds if there is none
     */
    public static FaultKind fromYaml(String name) {
        for (FaultKind k : values()) {
            if (k.yamlName().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException(
                "unknown fault kind '"
                        + name
                        + "' (known: "
                        + Arrays.stream(values())
                                .map(FaultKind::yamlName)
                                .collect(Collectors.joining(", "))
                        + ")");
    }
}
