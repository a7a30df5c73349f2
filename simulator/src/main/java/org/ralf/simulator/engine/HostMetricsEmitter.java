package org.ralf.simulator.engine;

import static org.ralf.simulator.engine.Emitter.labels;
import static org.ralf.simulator.engine.Emitter.round3;

import java.time.Instant;
import java.util.Map;

/**
 * Emits a host's node_exporter series (CPU seconds per mode, load, memory, root filesystem,
 * network, boot time) and advances its counters by one step. The host's random stream is drawn in a
 * fixed order (CPU, load, memory, disk, network), which keeps a seed's output stable.
 */
final class HostMetricsEmitter {
    private final Emitter out;
    private final double stepSeconds;

    HostMetricsEmitter(Emitter out, double stepSeconds) {
        this.out = out;
        this.stepSeconds = stepSeconds;
    }

    /** The host's series at t, given the memory its workload uses. */
    void emit(HostState h, double memUsed, Instant t) {
        String inst = h.name + ":9100";
        cpu(h, inst, t);
        loadAndMemory(h, inst, memUsed, t);
        filesystem(h, inst, t);
        network(h, inst, t);
        out.metric(
                h.name,
                "node_boot_time_seconds",
                labels("host", h.name, "instance", inst, "job", "node"),
                h.bootTime.getEpochSecond(),
                t);
    }

    private void cpu(HostState h, String inst, Instant t) {
        double busy = h.demandCores / h.cpus;
        for (int c = 0; c < h.cpus; c++) {
            double b = Math.min(1, Math.max(0, busy * (0.9 + 0.2 * h.rnd.nextDouble())));
            double[] sec = h.cpuSeconds[c];
            sec[0] += stepSeconds * b * 0.7;
            sec[1] += stepSeconds * b * 0.25;
            sec[2] += stepSeconds * b * 0.05;
            sec[3] += stepSeconds * (1 - b);
            for (int m = 0; m < HostState.MODES.length; m++) {
                out.metric(
                        h.name,
                        "node_cpu_seconds_total",
                        labels(
                                "cpu",
                                String.valueOf(c),
                                "host",
                                h.name,
                                "instance",
                                inst,
                                "job",
                                "node",
                                "mode",
                                HostState.MODES[m]),
                        round3(sec[m]),
                        t);
            }
        }
    }

    private void loadAndMemory(HostState h, String inst, double memUsed, Instant t) {
        double load =
                h.demandCores * (1 + 0.1 * Streams.gaussian(h.rnd)) + (h.cpuSaturated ? h.cpus : 0);
        Map<String, String> node = labels("host", h.name, "instance", inst, "job", "node");
        out.metric(h.name, "node_load1", node, round3(Math.max(0, load)), t);
        double avail =
                Math.max(
                        h.memoryBytes * 0.01,
                        h.memoryBytes - memUsed * (1 + 0.01 * Streams.gaussian(h.rnd)));
        out.metric(h.name, "node_memory_MemTotal_bytes", node, h.memoryBytes, t);
        out.metric(h.name, "node_memory_MemAvailable_bytes", node, Math.floor(avail), t);
    }

    private void filesystem(HostState h, String inst, Instant t) {
        h.diskUsedBytes += h.diskBytes * 1e-7 * stepSeconds / 15 * h.rnd.nextDouble();
        Map<String, String> fs =
                labels(
                        "device",
                        h.fsDevice(),
                        "fstype",
                        h.fsType(),
                        "host",
                        h.name,
                        "instance",
                        inst,
                        "job",
                        "node",
                        "mountpoint",
                        "/");
        out.metric(h.name, "node_filesystem_size_bytes", fs, h.diskBytes, t);
        out.metric(
                h.name,
                "node_filesystem_avail_bytes",
                fs,
                Math.floor(Math.max(0, h.diskBytes - h.diskUsedBytes)),
                t);
    }

    private void network(HostState h, String inst, Instant t) {
        double rate = 2e4 + 2e5 * h.demandCores;
        h.rxBytes += rate * stepSeconds * (0.5 + h.rnd.nextDouble());
        h.txBytes += rate * 0.4 * stepSeconds * (0.5 + h.rnd.nextDouble());
        Map<String, String> dev =
                labels("device", h.device(), "host", h.name, "instance", inst, "job", "node");
        out.metric(h.name, "node_network_receive_bytes_total", dev, Math.floor(h.rxBytes), t);
        out.metric(h.name, "node_network_transmit_bytes_total", dev, Math.floor(h.txBytes), t);
        out.metric(h.name, "node_network_up", dev, h.linkUp ? 1 : 0, t);
        out.metric(h.name, "node_network_carrier_changes_total", dev, h.carrierChanges, t);
    }
}
