package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Mutable state of a VM or container. */
final class GuestState extends HostState {
    final int vmid;
    final String type;
    final List<ServiceState> services = new ArrayList<>();
    String node;
    boolean running = true;

    /** Minimum CPU use as a fraction of the cores (load imbalance), 0 when none. */
    double busyFloor;

    GuestState(
            int vmid,
            String type,
            String node,
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
        this.vmid = vmid;
        this.type = type;
        this.node = node;
    }

    @Override
    String device() {
        return "eth0";
    }

    @Override
    String fsDevice() {
        return type.equals("lxc") ? "rpool/data/subvol-" + vmid + "-disk-0" : "/dev/sda1";
    }

    @Override
    String fsType() {
        return type.equals("lxc") ? "zfs" : "ext4";
    }
}
