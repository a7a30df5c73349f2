package org.ralf.simulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import javax.annotation.Nullable;
import org.ralf.simulator.model.ServiceType;
import org.ralf.simulator.scenario.GuestSpec;
import org.ralf.simulator.scenario.NodeSpec;
import org.ralf.simulator.scenario.Scenario;

/**
 * The simulated homelab: nodes, guests and services with their mutable state, the lookups of a
 * scenario entity name, and the workload model (diurnal CPU, memory, CPU demand per tick). Emits
 * nothing; emitters and fault behaviours read and change it.
 */
final class Model {

    static final double GIB = 1L << 30;

    final Map<String, NodeState> nodes = new LinkedHashMap<>();
    final Map<String, GuestState> guests = new LinkedHashMap<>();
    final Map<Integer, GuestState> byVmid = new LinkedHashMap<>();

    Model(Scenario scenario, long seed, Instant start) {
        int nodeIndex = 0;
        for (NodeSpec n : scenario.nodes()) {
            SplittableRandom r = Streams.of(seed, n.name());
            String mac = mac(0x525400L, Streams.fnv64(n.name()));
            nodes.put(
                    n.name(),
                    new NodeState(
                            n.name(),
                            n.cpus(),
                            n.memoryBytes(),
                            n.diskBytes(),
                            mac,
                            "10.0.0." + (11 + nodeIndex++),
                            r,
                            n.present(),
                            start.minus(Duration.ofDays(3 + r.nextInt(40)))));
        }
        for (GuestSpec g : scenario.guests()) {
            addGuest(g, seed, start);
        }
    }

    private void addGuest(GuestSpec g, long seed, Instant start) {
        SplittableRandom r = Streams.of(seed, g.name());
        GuestState gs =
                new GuestState(
                        g.vmid(),
                        g.type(),
                        g.node(),
                        g.name(),
                        g.cores(),
                        g.memoryBytes(),
                        g.diskBytes(),
                        mac(0xbc2411L, g.vmid()),
                        "10.0.10." + (g.vmid() % 250 + 2),
                        r,
                        g.present(),
                        start.minus(Duration.ofHours(2 + r.nextInt(24 * 20))));
        for (String s : g.services()) {
            ServiceType t = ServiceType.fromName(s);
            gs.services.add(
                    new ServiceState(t, gs, Streams.of(seed, g.name() + "/" + s), gs.bootTime));
        }
        guests.put(g.name(), gs);
        byVmid.put(g.vmid(), gs);
    }

    private static String mac(long oui, long low) {
        long v = (oui << 24) | (low & 0xffffffL);
        StringBuilder b = new StringBuilder();
        for (int i = 5; i >= 0; i--) {
            b.append(String.format(Locale.ROOT, "%02x", (v >>> (8 * i)) & 0xff));
            if (i > 0) {
                b.append(':');
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------ lookups

    /** The entities whose anomalies count for a fault on {@code entity}, as placed now. */
    List<String> affected(String entity) {
        List<String> out = new ArrayList<>();
        out.add(entity);
        int slash = entity.indexOf('/');
        if (slash > 0) {
            out.add(entity.substring(0, slash));
            return out;
        }
        GuestState g = guests.get(entity);
        if (g != null) {
            g.services.forEach(s -> out.add(s.id));
            return out;
        }
        for (GuestState gs : guests.values()) {
            if (gs.node.equals(entity)) {
                out.add(gs.name);
                gs.services.forEach(s -> out.add(s.id));
            }
        }
        return out;
    }

    /** The node or guest an entity names, or lives on for a service. */
    @Nullable
    HostState host(String entity) {
        int slash = entity.indexOf('/');
        String h = slash > 0 ? entity.substring(0, slash) : entity;
        NodeState n = nodes.get(h);
        return n != null ? n : guests.get(h);
    }

    /** The service an entity {@code guest/service} names, or null for a host. */
    @Nullable
    ServiceState service(String entity) {
        int slash = entity.indexOf('/');
        if (slash < 0) {
            return null;
        }
        GuestState g = guests.get(entity.substring(0, slash));
        if (g == null) {
            return null;
        }
        for (ServiceState s : g.services) {
            if (s.id.equals(entity)) {
                return s;
            }
        }
        return null;
    }

    /** The position of a node in the scenario, from 0. */
    int indexOf(NodeState n) {
        int i = 0;
        for (NodeState x : nodes.values()) {
            if (x == n) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** The corosync member ids (positions from 1) of the nodes online now. */
    String onlineNodes() {
        StringBuilder b = new StringBuilder();
        int i = 1;
        for (NodeState n : nodes.values()) {
            if (n.present && n.online) {
                b.append(b.isEmpty() ? "" : " ").append(i);
            }
            i++;
        }
        return b.toString();
    }

    /** Whether the guest's exporter can be scraped (its node and both links up). */
    boolean reachable(GuestState g) {
        NodeState n = nodes.get(g.node);
        return g.present && g.running && n.present && n.online && n.linkUp && g.linkUp;
    }

    /** Whether the guest runs (its node up), reachable or not. */
    boolean alive(GuestState g) {
        NodeState n = nodes.get(g.node);
        return g.present && g.running && n.present && n.online;
    }

    // ------------------------------------------------------------------------------ workload

    double diurnal(ServiceState s, Instant t) {
        double hour =
                t.atZone(ZoneOffset.UTC).getHour() + t.atZone(ZoneOffset.UTC).getMinute() / 60.0;
        // peaks around 20:00 (evening use of a homelab), shifted a little per service
        return 1
                + s.type.diurnalAmplitude()
                        * Math.sin(2 * Math.PI * (hour - 14 - s.phaseHours) / 24);
    }

    double serviceCpu(ServiceState s, Instant t) {
        if (!s.running) {
            return 0;
        }
        if (s.saturated) {
            return s.guest.cpus;
        }
        double noise = Math.exp(0.15 * Streams.gaussian(s.rnd));
        return s.type.cpuCores() * diurnal(s, t) * noise;
    }

    double serviceMemory(ServiceState s, Instant t) {
        if (!s.running) {
            return 0;
        }
        return s.type.memoryBytes() * (0.9 + 0.1 * diurnal(s, t)) + s.leakBytes;
    }

    double guestMemoryUsed(GuestState g) {
        double used = 180.0 * (1 << 20);
        for (ServiceState s : g.services) {
            used += s.running ? s.type.memoryBytes() + s.leakBytes : 0;
        }
        return used;
    }

    /** Sets every guest's, then every node's CPU demand for the tick at t. */
    void computeDemand(Instant t) {
        for (GuestState g : guests.values()) {
            if (!alive(g)) {
                g.demandCores = 0;
                continue;
            }
            double d = 0.02 + 0.01 * g.rnd.nextDouble();
            for (ServiceState s : g.services) {
                d += serviceCpu(s, t);
            }
            if (g.cpuSaturated) {
                d = g.cpus;
            }
            d = Math.max(d, g.busyFloor * g.cpus * (0.95 + 0.05 * g.rnd.nextDouble()));
            g.demandCores = Math.min(g.cpus, d);
        }
        for (NodeState n : nodes.values()) {
            if (!n.present || !n.online) {
                n.demandCores = 0;
                continue;
            }
            double d = 0.1 + 0.05 * n.rnd.nextDouble();
            for (GuestState g : guests.values()) {
                if (g.present && g.node.equals(n.name)) {
                    d += g.demandCores;
                }
            }
            if (n.cpuSaturated) {
                d = n.cpus;
            }
            n.demandCores = Math.min(n.cpus, d);
        }
    }
}
