package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.SplittableRandom;

/** Mutable state of a node or guest (both run node_exporter). */
abstract class HostState {
    static final String[] MODES = {"user", "system", "iowait", "idle"};

    final String name;
    final int cpus;
    final long memoryBytes;
    final long diskBytes;
    final String mac;
    final String ip;
    final SplittableRandom rnd;
    final double[][] cpuSeconds;
    boolean present;
    double diskUsedBytes;
    double baseDiskUsedBytes;
    double rxBytes;
    double txBytes;
    long carrierChanges;
    boolean linkUp = true;
    Instant bootTime;
    // fault-driven state
    boolean cpuSaturated;
    double diskFillBytesPerSecond;

    /** CPU demand this tick, in cores (computed before emission). */
    double demandCores;

    HostState(
            String name,
            int cpus,
            long memoryBytes,
            long diskBytes,
            String mac,
            String ip,
            SplittableRandom rnd,
            boolean present,
            Instant bootTime) {
        this.name = name;
        this.cpus = cpus;
        this.memoryBytes = memoryBytes;
        this.diskBytes = diskBytes;
        this.mac = mac;
        this.ip = ip;
        this.rnd = rnd;
        this.present = present;
        this.bootTime = bootTime;
        this.cpuSeconds = new double[cpus][MODES.length];
        this.baseDiskUsedBytes = diskBytes * (0.25 + 0.3 * rnd.nextDouble());
        this.diskUsedBytes = baseDiskUsedBytes;
        for (double[] c : cpuSeconds) {
            // counters start at an uptime of some days, as a real exporter's would
            c[3] = 86_400 * (3 + rnd.nextInt(20));
            c[0] = c[3] * 0.05;
            c[1] = c[3] * 0.02;
            c[2] = c[3] * 0.002;
        }
        this.rxBytes = 1e9 * (1 + rnd.nextDouble() * 50);
        this.txBytes = rxBytes * 0.3;
    }

    abstract String device();

    abstract String fsDevice();

    abstract String fsType();
}
