package org.ralf.simulator.scenario;

import java.util.List;

/**
 * A VM or container of the simulated homelab.
 *
 * @param vmid Proxmox guest id
 * @param name host name (the entity name of the guest)
 * @param type {@code qemu} or {@code lxc}
 * @param node node it starts on
 * @param cores virtual CPUs
 * @param memoryBytes memory
 * @param diskBytes root filesystem size
 * @param services service types running on it (names of {@link
 *     org.ralf.simulator.model.ServiceType})
 * @param present false for a guest that joins later (by a {@code new-host} or {@code pbs-appears}
 *     fault)
 */
public record GuestSpec(
        int vmid,
        String name,
        String type,
        String node,
        int cores,
        long memoryBytes,
        long diskBytes,
        List<String> services,
        boolean present) {

    /** Copies the list. */
    public GuestSpec {
        services = List.copyOf(services);
    }
}
