package org.ralf.executor.config;

import java.util.Set;

/** The Proxmox actions the executor knows how to run. */
public final class ProxmoxActions {

    /** Every known action name (the {@code action} of a PROXMOX command). */
    public static final Set<String> ALL =
            Set.of("start", "shutdown", "stop", "reboot", "migrate", "snapshot", "backup");

    private ProxmoxActions() {}
}
