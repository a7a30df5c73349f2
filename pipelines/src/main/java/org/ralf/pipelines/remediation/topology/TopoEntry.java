package org.ralf.pipelines.remediation.topology;

import javax.annotation.Nullable;

/**
 * One inventory row as the topology keeps it.
 *
 * @param kind {@code node}, {@code guest} or {@code service}
 * @param id primary key (node name, vmid, service id)
 * @param name display name (node name, guest name, service id)
 * @param node node the entity runs on, if known
 * @param guestType {@code qemu} or {@code lxc}, for guests
 * @param vmid guest id, for guests and services running in a guest
 */
public record TopoEntry(
        String kind,
        String id,
        String name,
        @Nullable String node,
        @Nullable String guestType,
        @Nullable Integer vmid) {}
