package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.SplittableRandom;

/** Mutable state of a Proxmox node. */
final class NodeState extends HostState {
    boolean online = true;

    NodeState(
            String name,
            int cpus,
            long memoryBytes,
            long diskBytes,
            String mac,
            String ip,
            SplittableRandom rnd,
            boolean present,
            Instant bootTime) {
        super(name, cpus, memoryBytes, diskBytes, mac, ip, rnd, present, bootTime);
    }

    @Override
    String device() {
        return "vmbr0";
    }

    @Override
    String fsDevice() {
        return "/dev/mapper/pve-root";
    }

    @Override
    String fsType() {
        return "ext4";
    }
}
