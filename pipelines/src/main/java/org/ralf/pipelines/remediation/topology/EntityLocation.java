package org.ralf.pipelines.remediation.topology;

import javax.annotation.Nullable;

/**
 * Where an entity sits in the topology.
 *
 * @param entity the entity as anomalies name it
 * @param role {@code node}, {@code guest}, {@code service} or {@code unknown}
 * @param layer 0 node, 1 guest, 2 service, 3 unknown: the lowest affected layer is the root-cause
 *     candidate
 * @param correlationKey the node the entity runs on (or the entity itself when unknown): anomalies
 *     with the same key may join one incident
 * @param host the host to act on with Ansible (guest name or node name), if known
 * @param proxmoxRef {@code node/qemu|lxc/vmid} of the guest involved, if any
 */
public record EntityLocation(
        String entity,
        String role,
        int layer,
        String correlationKey,
        @Nullable String host,
        @Nullable String proxmoxRef) {}
