package org.ralf.simulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.annotation.Nullable;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.discovery.DiscoveryKind;
import org.ralf.schemas.discovery.DiscoverySource;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.Severity;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.simulator.model.ServiceType;
import org.ralf.simulator.scenario.FaultKind;
import org.ralf.simulator.scenario.FaultSpec;
import org.ralf.simulator.scenario.GuestSpec;
import org.ralf.simulator.scenario.NodeSpec;
import org.ralf.simulator.scenario.Scenario;
import org.ralf.simulator.truth.ActionRecord;
import org.ralf.simulator.truth.GroundTruthFault;

/**
 * The deterministic discrete-time engine. Each {@link #tick()} applies the Proxmox actions that
 * arrived since the last one, starts and ends faults, and emits every metric, log line, discovery
 * event and inventory change for the current simulated instant to the sink, then advances the clock
 * by the scenario's step. Given the same scenario, seed and start (and the same actions at the same
 * ticks), the emitted sequence is identical. Not thread-safe except {@link #submit}.
 */
public final class Engine {

    static final double GIB = 1L << 30;

    /** A node below this CPU share after a migration counts as relieved (load imbalance). */
    static final double RECOVERED_BUSY = 0.8;

    private final Scenario scenario;
    private final long seed;
    private final Instant start;
    private final Instant end;
    private final Duration step;
    private final double stepSeconds;
    private final EventSink sink;
    private final String source;
    private final Map<String, NodeState> nodes = new LinkedHashMap<>();
    private final Map<String, GuestState> guests = new LinkedHashMap<>();
    private final Map<Integer, GuestState> byVmid = new LinkedHashMap<>();
    private final List<FaultRun> faults = new ArrayList<>();
    private final Queue<ProxmoxAction> pending = new ConcurrentLinkedQueue<>();
    private final List<ActionRecord> actions = new ArrayList<>();
    private Instant now;
    private long ticks;
    private long events;

    /** A fault of the scenario and its run-time state. */
    private static final class FaultRun {
        final FaultSpec spec;
        final SplittableRandom rnd;
        @Nullable GroundTruthFault truth;
        boolean done;
        // kind-specific state
        @Nullable Instant nextToggle;
        double savedDiskUsed;
        final List<GuestState> boosted = new ArrayList<>();
        boolean migratedAway;
        boolean lingering;
        @Nullable Instant deployFailsAt;
        int oomKills;

        FaultRun(FaultSpec spec, SplittableRandom rnd) {
            this.spec = spec;
            this.rnd = rnd;
        }

        boolean active() {
            return truth != null && !done;
        }
    }

    /**
     * An engine at the start of the scenario.
     *
     * @param scenario the validated scenario
     * @param seed seed of every random stream
     * @param start simulated start instant
     * @param sink where events go
     */
    public Engine(Scenario scenario, long seed, Instant start, EventSink sink) {
        this.scenario = scenario;
        this.seed = seed;
        this.start = start;
        this.end = start.plus(scenario.duration());
        this.step = scenario.step();
        this.stepSeconds = step.toMillis() / 1000.0;
        this.sink = sink;
        this.source = "simulator:" + scenario.name();
        this.now = start;
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
            addGuest(g);
        }
        for (FaultSpec f : scenario.faults()) {
            faults.add(new FaultRun(f, Streams.of(seed, "fault:" + f.id())));
        }
    }

    private void addGuest(GuestSpec g) {
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

    // ------------------------------------------------------------------------------ API

    /** Queues a finished Proxmox task; applied at the next tick. Thread-safe. */
    public void submit(ProxmoxAction action) {
        pending.add(action);
    }

    /** The current simulated instant (the next tick's time). */
    public Instant now() {
        return now;
    }

    /** The simulated start. */
    public Instant start() {
        return start;
    }

    /** The simulated end. */
    public Instant end() {
        return end;
    }

    /** Whether every tick of the scenario has run. */
    public boolean done() {
        return !now.isBefore(end);
    }

    /** Ticks run so far. */
    public long ticks() {
        return ticks;
    }

    /** Events emitted so far. */
    public long events() {
        return events;
    }

    /** The scenario. */
    public Scenario scenario() {
        return scenario;
    }

    /** Ground truth of every fault started so far, in start order. */
    public List<GroundTruthFault> groundTruth() {
        List<GroundTruthFault> out = new ArrayList<>();
        for (FaultRun f : faults) {
            if (f.truth != null) {
                out.add(f.truth);
            }
        }
        return out;
    }

    /** Proxmox actions applied so far. */
    public List<ActionRecord> actions() {
        return List.copyOf(actions);
    }

    /** Guest names to their vmid, in scenario order (present or not). */
    public Map<String, Integer> vmids() {
        Map<String, Integer> out = new LinkedHashMap<>();
        guests.values().forEach(g -> out.put(g.name, g.vmid));
        return out;
    }

    /** Whether a service ({@code guest/service}) is running now. */
    public boolean serviceRunning(String serviceId) {
        for (GuestState g : guests.values()) {
            for (ServiceState s : g.services) {
                if (s.id.equals(serviceId)) {
                    return s.running && g.running && g.present;
                }
            }
        }
        throw new IllegalArgumentException("unknown service " + serviceId);
    }

    /** The node a guest is on now. */
    public String nodeOf(String guest) {
        GuestState g = guests.get(guest);
        if (g == null) {
            throw new IllegalArgumentException("unknown guest " + guest);
        }
        return g.node;
    }

    /** Names of the hosts (nodes, then guests) present now. */
    public List<String> presentHosts() {
        List<String> out = new ArrayList<>();
        nodes.values().stream().filter(n -> n.present).forEach(n -> out.add(n.name));
        guests.values().stream().filter(g -> g.present).forEach(g -> out.add(g.name));
        return out;
    }

    /** Runs one tick at {@link #now()} and advances the clock by one step. */
    public void tick() {
        if (done()) {
            throw new IllegalStateException("the scenario has ended at " + end);
        }
        Instant t = now;
        if (ticks == 0) {
            announce(t);
        }
        applyActions(t);
        updateFaults(t);
        computeDemand(t);
        checkLoadImbalance(t);
        for (NodeState n : nodes.values()) {
            if (n.present) {
                emitNode(n, t);
            }
        }
        for (GuestState g : guests.values()) {
            if (g.present) {
                emitGuest(g, t);
            }
        }
        ticks++;
        now = t.plus(step);
        if (done()) {
            // a fault scheduled to end with the scenario ends with it; later ones stay open
            for (FaultRun f : faults) {
                if (f.active() && !start.plus(f.spec.end()).isAfter(now)) {
                    stopFault(f, now, "schedule");
                }
            }
        }
    }

    /** Runs every remaining tick without pacing. */
    public void runToEnd() {
        while (!done()) {
            tick();
        }
    }

    // ------------------------------------------------------------------------------ emission

    private void emit(SimEvent e) {
        events++;
        sink.accept(e);
    }

    private void metric(String host, String name, Map<String, String> labels, double v, Instant t) {
        emit(new SimEvent.Metric(host, MetricSample.of(name, labels, v, t, source), false));
    }

    private void up(String host, Map<String, String> labels, boolean up, Instant t) {
        emit(new SimEvent.Metric(host, MetricSample.of("up", labels, up ? 1 : 0, t, source), true));
    }

    private void log(
            String host,
            @Nullable String app,
            Severity severity,
            String facility,
            String message,
            Instant t) {
        Map<String, String> labels = app == null ? Map.of() : Map.of("app", app);
        emit(
                new SimEvent.Log(
                        new LogRecord(
                                LogRecord.SCHEMA_VERSION,
                                t,
                                host,
                                app,
                                severity,
                                facility,
                                message,
                                labels,
                                source,
                                null)));
    }

    private void inventory(Instant t, String table, Map<String, Object> row) {
        emit(new SimEvent.Inventory(t, table, row));
    }

    private void announce(Instant t) {
        for (NodeState n : nodes.values()) {
            if (n.present) {
                nodeInventory(n, t);
            }
        }
        for (GuestState g : guests.values()) {
            if (g.present) {
                guestInventory(g, t, true);
            }
        }
        for (NodeState n : nodes.values()) {
            if (n.present) {
                discovery(DiscoveryKind.SEEN, DiscoverySource.PROXMOX, n, null, t);
            }
        }
        for (GuestState g : guests.values()) {
            if (g.present) {
                discovery(DiscoveryKind.SEEN, DiscoverySource.PROXMOX, g, g, t);
            }
        }
    }

    private void nodeInventory(NodeState n, Instant t) {
        Map<String, Object> row = new TreeMap<>();
        row.put("node", n.name);
        row.put("address", n.ip);
        row.put("mac", n.mac);
        row.put("status", n.online ? "online" : "offline");
        row.put("cpu_count", n.cpus);
        row.put("memory_bytes", n.memoryBytes);
        row.put("updated_at", t);
        inventory(t, "nodes", row);
    }

    private void guestInventory(GuestState g, Instant t, boolean withServices) {
        Map<String, Object> row = new TreeMap<>();
        row.put("vmid", g.vmid);
        row.put("node", g.node);
        row.put("type", g.type);
        row.put("name", g.name);
        row.put("status", g.running ? "running" : "stopped");
        row.put("mac", g.mac);
        row.put("fqdn", g.name + ".lab.home");
        row.put("ip", g.ip);
        row.put("cores", g.cpus);
        row.put("memory_bytes", g.memoryBytes);
        row.put("updated_at", t);
        inventory(t, "guests", row);
        if (!withServices) {
            return;
        }
        for (ServiceState s : g.services) {
            Map<String, Object> sr = new TreeMap<>();
            sr.put("service_id", s.id);
            sr.put("vmid", g.vmid);
            sr.put("name", s.type.serviceName());
            sr.put("kind", "systemd");
            sr.put("health_url", healthUrl(s));
            sr.put("critical", s.type == ServiceType.POSTGRESQL);
            sr.put("updated_at", t);
            inventory(t, "services", sr);
            deployment(s, "deployed", true, t, t);
        }
    }

    private void deployment(
            ServiceState s,
            String state,
            boolean desired,
            @Nullable Instant deployedAt,
            Instant t) {
        Map<String, Object> row = new TreeMap<>();
        row.put("deployment_id", s.id + "@" + s.version());
        row.put("service_id", s.id);
        row.put("version", s.version());
        row.put("state", state);
        row.put("desired", desired);
        if (deployedAt != null) {
            row.put("deployed_at", deployedAt);
        }
        row.put("updated_at", t);
        inventory(t, "deployments", row);
    }

    private static String healthUrl(ServiceState s) {
        return "http://" + s.guest.name + ".lab.home:" + s.type.port() + "/health";
    }

    private void discovery(
            DiscoveryKind kind,
            DiscoverySource src,
            HostState h,
            @Nullable GuestState g,
            Instant t) {
        Map<String, String> attrs = new TreeMap<>();
        attrs.put("name", h.name);
        if (g != null) {
            attrs.put("node", g.node);
            attrs.put("type", g.type);
            attrs.put("status", g.running ? "running" : "stopped");
        } else {
            attrs.put("type", "node");
            attrs.put("status", ((NodeState) h).online ? "online" : "offline");
        }
        if (src == DiscoverySource.PBS) {
            attrs.put("role", "backup-server");
            attrs.put("datastore", "tank");
        }
        Integer vmid = g == null ? null : g.vmid;
        String fqdn = h.name + ".lab.home";
        emit(
                new SimEvent.Discovery(
                        new DiscoveryEvent(
                                DiscoveryEvent.SCHEMA_VERSION,
                                kind,
                                DiscoveryEvent.hostIdOf(h.mac, vmid, fqdn),
                                h.mac,
                                vmid,
                                fqdn,
                                h.ip,
                                src,
                                attrs,
                                t)));
    }

    // ------------------------------------------------------------------------------ actions

    private void applyActions(Instant t) {
        ProxmoxAction a;
        while ((a = pending.poll()) != null) {
            GuestState g = byVmid.get(a.vmid());
            String guestName = g == null ? "vmid:" + a.vmid() : g.name;
            ActionRecord rec =
                    new ActionRecord(t, a.action(), a.vmid(), guestName, a.node(), a.exitStatus());
            actions.add(rec);
            emit(new SimEvent.Action(t, rec));
            if (g == null || !rec.ok()) {
                continue;
            }
            switch (a.action()) {
                case "start" -> {
                    boolean wasRunning = g.running;
                    g.running = true;
                    if (!wasRunning) {
                        boot(g, t);
                    }
                    clearByRestart(g, t, "action:start");
                    guestInventory(g, t, false);
                }
                case "reboot" -> {
                    boot(g, t);
                    clearByRestart(g, t, "action:reboot");
                }
                case "stop", "shutdown" -> {
                    g.running = false;
                    log(
                            g.name,
                            "systemd",
                            Severity.NOTICE,
                            "daemon",
                            "systemd-shutdown[1]: Syncing filesystems and block devices.",
                            t);
                    guestInventory(g, t, false);
                }
                case "migrate" -> {
                    String from = g.node;
                    if (!a.node().equals(from) && nodes.containsKey(a.node())) {
                        g.node = a.node();
                        log(
                                from,
                                "pvedaemon",
                                Severity.INFO,
                                "daemon",
                                "migration finished successfully (vmid "
                                        + g.vmid
                                        + " to "
                                        + a.node()
                                        + ")",
                                t);
                        if (g.type.equals("lxc")) {
                            // containers migrate in restart mode: the services start anew
                            boot(g, t);
                        }
                        for (FaultRun f : faults) {
                            if (f.active()
                                    && f.spec.kind() == FaultKind.LOAD_IMBALANCE
                                    && f.spec.entity().equals(from)) {
                                f.migratedAway = true;
                            }
                        }
                        guestInventory(g, t, false);
                    }
                }
                default -> {
                    // snapshot, vzdump: recorded, no effect on the workload
                }
            }
        }
    }

    private void boot(GuestState g, Instant t) {
        g.bootTime = t;
        for (ServiceState s : g.services) {
            s.startTime = t;
            s.running = true;
            s.leakBytes = 0;
            s.pid = 300 + s.rnd.nextInt(20_000);
        }
        log(
                g.name,
                "systemd",
                Severity.INFO,
                "daemon",
                "systemd[1]: Startup finished in 2.1s (kernel) + 6.4s (userspace) = 8.5s.",
                t);
    }

    /** A guest restart ends the remediable faults that live in its processes. */
    private void clearByRestart(GuestState g, Instant t, String by) {
        for (FaultRun f : faults) {
            if (!f.active() || !f.spec.kind().remediable()) {
                continue;
            }
            String e = f.spec.entity();
            boolean onGuest = e.equals(g.name) || e.startsWith(g.name + "/");
            if (onGuest && f.spec.kind() != FaultKind.LOAD_IMBALANCE) {
                stopFault(f, t, by);
            }
        }
    }

    // ------------------------------------------------------------------------------ faults

    private void updateFaults(Instant t) {
        for (FaultRun f : faults) {
            Instant fs = start.plus(f.spec.start());
            Instant fe = start.plus(f.spec.end());
            if (f.truth == null && !t.isBefore(fs)) {
                startFault(f, t, fe);
            }
            if (f.active() && !t.isBefore(fe)) {
                stopFault(f, t, "schedule");
            }
            if (f.lingering && !t.isBefore(fe)) {
                f.lingering = false;
                f.boosted.forEach(g -> g.busyFloor = 0);
            }
            if (f.active()) {
                during(f, t);
            }
        }
    }

    private List<String> affected(String entity) {
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

    @Nullable
    private HostState host(String entity) {
        int slash = entity.indexOf('/');
        String h = slash > 0 ? entity.substring(0, slash) : entity;
        NodeState n = nodes.get(h);
        return n != null ? n : guests.get(h);
    }

    @Nullable
    private ServiceState service(String entity) {
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

    private void startFault(FaultRun f, Instant t, Instant scheduledEnd) {
        FaultSpec spec = f.spec;
        f.truth =
                new GroundTruthFault(
                        scenario.name() + ":" + seed + ":" + spec.id(),
                        scenario.name(),
                        spec.kind().yamlName(),
                        spec.entity(),
                        affected(spec.entity()),
                        t,
                        scheduledEnd,
                        null,
                        null,
                        spec.params());
        emit(new SimEvent.Fault(t, f.truth));
        HostState h = host(spec.entity());
        ServiceState s = service(spec.entity());
        switch (spec.kind()) {
            case CRASH_LOOP -> s.crashLooping = true;
            case MEMORY_LEAK -> s.leakBytes = 0;
            case DISK_FILL -> {
                f.savedDiskUsed = h.diskUsedBytes;
                double targetFree = spec.param("targetFreePercent", 0.5) / 100.0;
                double seconds =
                        Math.max(
                                1,
                                Duration.between(t, scheduledEnd).toSeconds()
                                        * spec.param("fillShare", 0.6));
                h.diskFillBytesPerSecond =
                        Math.max(0, (h.diskBytes * (1 - targetFree) - h.diskUsedBytes) / seconds);
            }
            case CPU_SATURATION -> {
                if (s != null) {
                    s.saturated = true;
                } else {
                    h.cpuSaturated = true;
                }
            }
            case NETWORK_FLAPPING -> f.nextToggle = t;
            case HOST_DOWN -> {
                NodeState n = (NodeState) h;
                n.online = false;
                n.linkUp = false;
                for (NodeState other : nodes.values()) {
                    if (other != n && other.present && other.online) {
                        log(
                                other.name,
                                "corosync",
                                Severity.WARNING,
                                "daemon",
                                "[KNET  ] link: host: " + (1 + indexOf(n)) + " link: 0 is down",
                                t);
                        log(
                                other.name,
                                "corosync",
                                Severity.NOTICE,
                                "daemon",
                                "[QUORUM] Sync members[" + (onlineNodes()) + "]",
                                t);
                        log(
                                other.name,
                                "pmxcfs",
                                Severity.NOTICE,
                                "daemon",
                                "[dcdb] notice: members: " + onlineNodes(),
                                t);
                    }
                }
                nodeInventory(n, t);
                discovery(DiscoveryKind.CHANGED, DiscoverySource.PROXMOX, n, null, t);
            }
            case NEW_HOST, PBS_APPEARS -> join(f, h, t);
            case LOAD_IMBALANCE -> {
                double busy = spec.param("guestBusy", 0.9);
                for (GuestState g : guests.values()) {
                    if (g.present && g.running && g.node.equals(h.name)) {
                        g.busyFloor = busy;
                        f.boosted.add(g);
                    }
                }
            }
            case FAILED_DEPLOYMENT -> {
                deployment(s, "deployed", false, null, t);
                s.minorVersion++;
                deployment(s, "deploying", true, null, t);
                log(
                        s.guest.name,
                        "ansible",
                        Severity.INFO,
                        "user",
                        "Deploying " + s.type.process() + " version " + s.version(),
                        t);
                f.deployFailsAt = t.plusSeconds((long) spec.param("failAfterSeconds", 60));
            }
        }
    }

    private int indexOf(NodeState n) {
        int i = 0;
        for (NodeState x : nodes.values()) {
            if (x == n) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private String onlineNodes() {
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

    private void join(FaultRun f, HostState h, Instant t) {
        h.present = true;
        h.bootTime = t;
        if (h instanceof NodeState n) {
            nodeInventory(n, t);
            log(n.name, "pmxcfs", Severity.NOTICE, "daemon", "[status] notice: node has quorum", t);
            discovery(DiscoveryKind.SEEN, DiscoverySource.PROXMOX, n, null, t);
            return;
        }
        GuestState g = (GuestState) h;
        for (ServiceState s : g.services) {
            s.startTime = t;
        }
        guestInventory(g, t, true);
        log(
                g.name,
                "systemd",
                Severity.INFO,
                "daemon",
                "systemd[1]: Reached target multi-user.target - Multi-User System.",
                t);
        discovery(DiscoveryKind.SEEN, DiscoverySource.PROXMOX, g, g, t);
        if (f.spec.kind() == FaultKind.PBS_APPEARS) {
            Map<String, Object> storage = new TreeMap<>();
            storage.put("storage", "pbs-" + g.name);
            storage.put("type", "pbs");
            storage.put("content", "backup");
            storage.put("server", g.ip);
            inventory(t, "storages", storage);
            discovery(DiscoveryKind.SEEN, DiscoverySource.PBS, g, g, t);
        }
    }

    private void stopFault(FaultRun f, Instant t, String by) {
        if (!f.active()) {
            return;
        }
        FaultSpec spec = f.spec;
        HostState h = host(spec.entity());
        ServiceState s = service(spec.entity());
        switch (spec.kind()) {
            case CRASH_LOOP -> {
                s.crashLooping = false;
                if (!s.running && s.guest.running) {
                    s.running = true;
                    s.startTime = t;
                    s.restarts++;
                    log(
                            s.guest.name,
                            "systemd",
                            Severity.INFO,
                            "daemon",
                            "systemd[1]: Started " + s.type.process() + ".service.",
                            t);
                }
            }
            case MEMORY_LEAK -> s.leakBytes = 0;
            case DISK_FILL -> {
                h.diskFillBytesPerSecond = 0;
                h.diskUsedBytes = f.savedDiskUsed;
            }
            case CPU_SATURATION -> {
                if (s != null) {
                    s.saturated = false;
                } else {
                    h.cpuSaturated = false;
                }
            }
            case NETWORK_FLAPPING -> {
                if (!h.linkUp) {
                    linkChange(h, true, t);
                }
            }
            case HOST_DOWN -> {
                NodeState n = (NodeState) h;
                n.online = true;
                n.linkUp = true;
                n.bootTime = t;
                log(
                        n.name,
                        "kernel",
                        Severity.INFO,
                        "kern",
                        "Linux version 6.8.12-4-pve (build@proxmox) #1 SMP PREEMPT_DYNAMIC PMX 6.8.12-4",
                        t);
                log(
                        n.name,
                        "pmxcfs",
                        Severity.NOTICE,
                        "daemon",
                        "[status] notice: node has quorum",
                        t);
                for (GuestState g : guests.values()) {
                    if (g.present && g.node.equals(n.name) && g.running) {
                        boot(g, t);
                    }
                }
                nodeInventory(n, t);
                discovery(DiscoveryKind.CHANGED, DiscoverySource.PROXMOX, n, null, t);
            }
            case NEW_HOST, PBS_APPEARS -> {
                // the host stays: a join has no undo
            }
            case LOAD_IMBALANCE -> {
                if (by.startsWith("action:")) {
                    // the busy workload is real: it moved with the migrated guest and lasts until
                    // its scheduled end; only the node's overload is over
                    f.lingering = true;
                } else {
                    f.boosted.forEach(g -> g.busyFloor = 0);
                }
            }
            case FAILED_DEPLOYMENT -> {
                s.deployFailed = false;
                deployment(s, "rolled_back", false, null, t);
                s.minorVersion--;
                deployment(s, "deployed", true, t, t);
                s.startTime = t;
                log(
                        s.guest.name,
                        "ansible",
                        Severity.NOTICE,
                        "user",
                        "Rolled back " + s.type.process() + " to version " + s.version(),
                        t);
            }
        }
        f.done = true;
        f.truth = f.truth.ended(t, by);
        emit(new SimEvent.Fault(t, f.truth));
    }

    /** Per-tick behaviour of an active fault. */
    private void during(FaultRun f, Instant t) {
        FaultSpec spec = f.spec;
        HostState h = host(spec.entity());
        ServiceState s = service(spec.entity());
        if (h == null || !h.present) {
            return;
        }
        long sinceStart = Duration.between(f.truth.start(), t).toSeconds();
        switch (spec.kind()) {
            case CRASH_LOOP -> {
                long period = (long) spec.param("periodSeconds", 90);
                long downFor = (long) spec.param("downSeconds", 30);
                boolean down = sinceStart % period < downFor;
                GuestState g = s.guest;
                if (!g.running) {
                    return;
                }
                if (down && s.running) {
                    s.running = false;
                    String err = pick(s.rnd, s.type.errorLines());
                    log(g.name, s.type.process(), Severity.ERROR, "daemon", fill(err, s.rnd), t);
                    log(
                            g.name,
                            "systemd",
                            Severity.ERROR,
                            "daemon",
                            "systemd[1]: "
                                    + s.type.process()
                                    + ".service: Main process exited, code=exited, status=1/FAILURE",
                            t);
                    log(
                            g.name,
                            "systemd",
                            Severity.WARNING,
                            "daemon",
                            "systemd[1]: "
                                    + s.type.process()
                                    + ".service: Failed with result 'exit-code'.",
                            t);
                } else if (!down && !s.running) {
                    s.running = true;
                    s.restarts++;
                    s.startTime = t;
                    s.pid = 300 + s.rnd.nextInt(20_000);
                    log(
                            g.name,
                            "systemd",
                            Severity.NOTICE,
                            "daemon",
                            "systemd[1]: "
                                    + s.type.process()
                                    + ".service: Scheduled restart job, restart counter is at "
                                    + s.restarts
                                    + ".",
                            t);
                    log(
                            g.name,
                            "systemd",
                            Severity.INFO,
                            "daemon",
                            "systemd[1]: Started " + s.type.process() + ".service.",
                            t);
                }
            }
            case MEMORY_LEAK -> {
                if (!s.running || !s.guest.running) {
                    return;
                }
                s.leakBytes += spec.param("rateMiBPerMinute", 40) * (1 << 20) * stepSeconds / 60.0;
                GuestState g = s.guest;
                if (guestMemoryUsed(g) > g.memoryBytes * 0.97) {
                    f.oomKills++;
                    long rssKb = (long) ((s.type.memoryBytes() + s.leakBytes) / 1024);
                    log(
                            g.name,
                            "kernel",
                            Severity.ERROR,
                            "kern",
                            "Out of memory: Killed process "
                                    + s.pid
                                    + " ("
                                    + s.type.process()
                                    + ") total-vm:"
                                    + (rssKb * 2)
                                    + "kB, anon-rss:"
                                    + rssKb
                                    + "kB, file-rss:0kB, shmem-rss:0kB, UID:999 pgtables:"
                                    + (rssKb / 500)
                                    + "kB oom_score_adj:0",
                            t);
                    log(
                            g.name,
                            "systemd",
                            Severity.ERROR,
                            "daemon",
                            "systemd[1]: "
                                    + s.type.process()
                                    + ".service: A process of this unit has been killed by the OOM killer.",
                            t);
                    s.leakBytes = 0;
                    s.restarts++;
                    s.startTime = t;
                    s.pid = 300 + s.rnd.nextInt(20_000);
                }
            }
            case DISK_FILL -> {
                h.diskUsedBytes =
                        Math.min(
                                h.diskBytes - (1 << 20),
                                h.diskUsedBytes + h.diskFillBytesPerSecond * stepSeconds);
                double free = 1 - h.diskUsedBytes / h.diskBytes;
                if (free < 0.05 && f.rnd.nextDouble() < 0.5) {
                    if (h instanceof GuestState g && !g.services.isEmpty()) {
                        ServiceState victim = g.services.get(f.rnd.nextInt(g.services.size()));
                        log(
                                g.name,
                                victim.type.process(),
                                Severity.ERROR,
                                "daemon",
                                "write /var/lib/"
                                        + victim.type.serviceName()
                                        + "/data.tmp: no space left on device",
                                t);
                    } else {
                        log(
                                h.name,
                                "pvestatd",
                                Severity.WARNING,
                                "daemon",
                                String.format(
                                        Locale.ROOT,
                                        "local: disk space low (%.1f%% free)",
                                        free * 100),
                                t);
                    }
                }
            }
            case CPU_SATURATION -> {
                if (f.rnd.nextDouble() < 0.3) {
                    ServiceState victim = s;
                    if (victim == null && h instanceof GuestState g && !g.services.isEmpty()) {
                        victim = g.services.get(f.rnd.nextInt(g.services.size()));
                    }
                    if (victim != null) {
                        log(
                                victim.guest.name,
                                victim.type.process(),
                                Severity.WARNING,
                                "daemon",
                                "slow request: handler took " + (2000 + f.rnd.nextInt(8000)) + "ms",
                                t);
                    } else {
                        log(
                                h.name,
                                "kernel",
                                Severity.WARNING,
                                "kern",
                                "sched: RT throttling activated",
                                t);
                    }
                }
            }
            case NETWORK_FLAPPING -> {
                if (!t.isBefore(f.nextToggle)) {
                    boolean goUp = !h.linkUp;
                    linkChange(h, goUp, t);
                    double mean =
                            goUp ? spec.param("upSeconds", 90) : spec.param("downSeconds", 20);
                    f.nextToggle =
                            t.plusMillis(
                                    (long)
                                            (1000
                                                    * Math.max(
                                                            stepSeconds,
                                                            Streams.exponential(f.rnd, mean))));
                }
            }
            case FAILED_DEPLOYMENT -> {
                if (!s.deployFailed && !t.isBefore(f.deployFailsAt)) {
                    s.deployFailed = true;
                    deployment(s, "failed", true, null, t);
                    log(
                            s.guest.name,
                            "ansible",
                            Severity.ERROR,
                            "user",
                            "TASK [deploy : wait for "
                                    + s.type.serviceName()
                                    + " health] FAILED! => {\"msg\": \"Status code was 502\"}",
                            t);
                }
                if (s.deployFailed && f.rnd.nextDouble() < 0.7) {
                    log(
                            s.guest.name,
                            s.type.process(),
                            Severity.ERROR,
                            "daemon",
                            "migration 00"
                                    + (10 + s.minorVersion)
                                    + " failed: relation \"settings\" already exists; version "
                                    + s.version()
                                    + " refuses to start",
                            t);
                }
            }
            case HOST_DOWN, NEW_HOST, PBS_APPEARS, LOAD_IMBALANCE -> {
                // effects are state set at start (and checked in checkLoadImbalance)
            }
        }
    }

    private void linkChange(HostState h, boolean up, Instant t) {
        h.linkUp = up;
        h.carrierChanges++;
        if (h instanceof NodeState) {
            log(
                    h.name,
                    "kernel",
                    up ? Severity.INFO : Severity.ERROR,
                    "kern",
                    up
                            ? "e1000e 0000:00:1f.6 eno1: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx"
                            : "e1000e 0000:00:1f.6 eno1: NIC Link is Down",
                    t);
            log(
                    h.name,
                    "kernel",
                    up ? Severity.INFO : Severity.WARNING,
                    "kern",
                    up
                            ? "vmbr0: port 1(eno1) entered forwarding state"
                            : "vmbr0: port 1(eno1) entered disabled state",
                    t);
        } else {
            log(
                    h.name,
                    "kernel",
                    up ? Severity.INFO : Severity.ERROR,
                    "kern",
                    up ? "eth0: link becomes ready" : "eth0: link is not ready",
                    t);
        }
    }

    private void checkLoadImbalance(Instant t) {
        for (FaultRun f : faults) {
            if (f.active() && f.spec.kind() == FaultKind.LOAD_IMBALANCE && f.migratedAway) {
                NodeState n = nodes.get(f.spec.entity());
                if (n.demandCores / n.cpus < RECOVERED_BUSY) {
                    stopFault(f, t, "action:migrate");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------ model

    private double diurnal(ServiceState s, Instant t) {
        double hour =
                t.atZone(ZoneOffset.UTC).getHour() + t.atZone(ZoneOffset.UTC).getMinute() / 60.0;
        // peaks around 20:00 (evening use of a homelab), shifted a little per service
        return 1
                + s.type.diurnalAmplitude()
                        * Math.sin(2 * Math.PI * (hour - 14 - s.phaseHours) / 24);
    }

    private boolean reachable(GuestState g) {
        NodeState n = nodes.get(g.node);
        return g.present && g.running && n.present && n.online && n.linkUp && g.linkUp;
    }

    private boolean alive(GuestState g) {
        NodeState n = nodes.get(g.node);
        return g.present && g.running && n.present && n.online;
    }

    private double serviceCpu(ServiceState s, Instant t) {
        if (!s.running) {
            return 0;
        }
        if (s.saturated) {
            return s.guest.cpus;
        }
        double noise = Math.exp(0.15 * Streams.gaussian(s.rnd));
        return s.type.cpuCores() * diurnal(s, t) * noise;
    }

    private double serviceMemory(ServiceState s, Instant t) {
        if (!s.running) {
            return 0;
        }
        return s.type.memoryBytes() * (0.9 + 0.1 * diurnal(s, t)) + s.leakBytes;
    }

    private double guestMemoryUsed(GuestState g) {
        double used = 180.0 * (1 << 20);
        for (ServiceState s : g.services) {
            used += s.running ? s.type.memoryBytes() + s.leakBytes : 0;
        }
        return used;
    }

    private void computeDemand(Instant t) {
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

    private Map<String, String> labels(String... kv) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private void emitHostMetrics(HostState h, double memUsed, Instant t) {
        String inst = h.name + ":9100";
        double busy = h.demandCores / h.cpus;
        for (int c = 0; c < h.cpus; c++) {
            double b = Math.min(1, Math.max(0, busy * (0.9 + 0.2 * h.rnd.nextDouble())));
            double[] sec = h.cpuSeconds[c];
            sec[0] += stepSeconds * b * 0.7;
            sec[1] += stepSeconds * b * 0.25;
            sec[2] += stepSeconds * b * 0.05;
            sec[3] += stepSeconds * (1 - b);
            for (int m = 0; m < HostState.MODES.length; m++) {
                metric(
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
        double load =
                h.demandCores * (1 + 0.1 * Streams.gaussian(h.rnd)) + (h.cpuSaturated ? h.cpus : 0);
        metric(
                h.name,
                "node_load1",
                labels("host", h.name, "instance", inst, "job", "node"),
                round3(Math.max(0, load)),
                t);
        double avail =
                Math.max(
                        h.memoryBytes * 0.01,
                        h.memoryBytes - memUsed * (1 + 0.01 * Streams.gaussian(h.rnd)));
        metric(
                h.name,
                "node_memory_MemTotal_bytes",
                labels("host", h.name, "instance", inst, "job", "node"),
                h.memoryBytes,
                t);
        metric(
                h.name,
                "node_memory_MemAvailable_bytes",
                labels("host", h.name, "instance", inst, "job", "node"),
                Math.floor(avail),
                t);
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
        metric(h.name, "node_filesystem_size_bytes", fs, h.diskBytes, t);
        metric(
                h.name,
                "node_filesystem_avail_bytes",
                fs,
                Math.floor(Math.max(0, h.diskBytes - h.diskUsedBytes)),
                t);
        double rate = 2e4 + 2e5 * h.demandCores;
        h.rxBytes += rate * stepSeconds * (0.5 + h.rnd.nextDouble());
        h.txBytes += rate * 0.4 * stepSeconds * (0.5 + h.rnd.nextDouble());
        Map<String, String> dev =
                labels("device", h.device(), "host", h.name, "instance", inst, "job", "node");
        metric(h.name, "node_network_receive_bytes_total", dev, Math.floor(h.rxBytes), t);
        metric(h.name, "node_network_transmit_bytes_total", dev, Math.floor(h.txBytes), t);
        metric(h.name, "node_network_up", dev, h.linkUp ? 1 : 0, t);
        metric(h.name, "node_network_carrier_changes_total", dev, h.carrierChanges, t);
        metric(
                h.name,
                "node_boot_time_seconds",
                labels("host", h.name, "instance", inst, "job", "node"),
                h.bootTime.getEpochSecond(),
                t);
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private void emitNode(NodeState n, Instant t) {
        Map<String, String> upLabels =
                labels("host", n.name, "instance", n.name + ":9100", "job", "node");
        if (!n.online || !n.linkUp) {
            up(n.name, upLabels, false, t);
            return;
        }
        up(n.name, upLabels, true, t);
        double mem = 2.5 * GIB;
        for (GuestState g : guests.values()) {
            if (g.present && g.node.equals(n.name) && alive(g)) {
                mem += g.type.equals("qemu") ? g.memoryBytes : guestMemoryUsed(g);
            }
        }
        emitHostMetrics(n, Math.min(mem, n.memoryBytes * 0.98), t);
        double minutes = stepSeconds / 60;
        int lines = Streams.poisson(n.rnd, 1.5 * minutes);
        for (int i = 0; i < lines; i++) {
            String[] apps = {"pvestatd", "pveproxy", "pvedaemon", "CRON"};
            String app = apps[n.rnd.nextInt(apps.length)];
            String msg =
                    switch (app) {
                        case "pvestatd" ->
                                "status update time ("
                                        + String.format(
                                                Locale.ROOT, "%.3f", 0.2 + n.rnd.nextDouble())
                                        + " seconds)";
                        case "pveproxy" -> "worker " + (1000 + n.rnd.nextInt(9000)) + " finished";
                        case "pvedaemon" -> "<root@pam> successful auth for user 'root@pam'";
                        default ->
                                "pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)";
                    };
            log(
                    n.name,
                    app,
                    Severity.INFO,
                    app.equals("CRON") ? "cron" : "daemon",
                    msg,
                    spread(t, i, lines));
        }
    }

    private Instant spread(Instant t, int i, int n) {
        return t.plusMillis((long) (step.toMillis() * (i + 1.0) / (n + 1.0)));
    }

    private void emitGuest(GuestState g, Instant t) {
        Map<String, String> upLabels =
                labels("host", g.name, "instance", g.name + ":9100", "job", "node");
        boolean reachable = reachable(g);
        up(g.name, upLabels, reachable, t);
        if (reachable) {
            emitHostMetrics(g, guestMemoryUsed(g) * (0.97 + 0.03 * g.rnd.nextDouble()), t);
        }
        for (ServiceState s : g.services) {
            emitService(s, reachable, t);
        }
    }

    private void emitService(ServiceState s, boolean reachable, Instant t) {
        GuestState g = s.guest;
        boolean up = reachable && s.running;
        // blackbox probes run elsewhere: they report even when the host is unreachable
        Map<String, String> probe =
                labels(
                        "host",
                        g.name,
                        "instance",
                        healthUrl(s),
                        "job",
                        "blackbox",
                        "service",
                        s.id);
        boolean healthy = up && !s.deployFailed;
        metric(g.name, "probe_success", probe, healthy ? 1 : 0, t);
        double latency = healthy ? 0.01 + 0.05 * s.rnd.nextDouble() : (up ? 0.05 : 10.0);
        if (healthy && (s.saturated || g.cpuSaturated || g.busyFloor > 0)) {
            latency *= 25;
        }
        metric(g.name, "probe_duration_seconds", probe, round3(latency), t);
        if (!reachable) {
            return;
        }
        double cpu = serviceCpu(s, t);
        s.cpuSeconds += cpu * stepSeconds;
        Map<String, String> c =
                labels(
                        "host",
                        g.name,
                        "instance",
                        g.name + ":8080",
                        "job",
                        "cadvisor",
                        "name",
                        s.type.serviceName(),
                        "service",
                        s.id);
        metric(g.name, "container_cpu_usage_seconds_total", c, round3(s.cpuSeconds), t);
        metric(g.name, "container_memory_working_set_bytes", c, Math.floor(serviceMemory(s, t)), t);
        metric(g.name, "container_start_time_seconds", c, s.startTime.getEpochSecond(), t);
        if (!s.running) {
            return;
        }
        double lambda = s.type.logLinesPerMinute() * diurnal(s, t) * stepSeconds / 60;
        int lines = Streams.poisson(s.rnd, lambda);
        for (int i = 0; i < lines; i++) {
            boolean error = s.rnd.nextDouble() < 0.01;
            String tpl = pick(s.rnd, error ? s.type.errorLines() : s.type.normalLines());
            log(
                    g.name,
                    s.type.process(),
                    error ? Severity.ERROR : Severity.INFO,
                    "daemon",
                    fill(tpl, s.rnd),
                    spread(t, i, lines));
        }
    }

    private static String pick(SplittableRandom r, List<String> options) {
        return options.get(r.nextInt(options.size()));
    }

    private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin"};
    private static final String[] PATHS = {"home", "dotfiles", "photos", "wiki", "infra", "notes"};

    static String fill(String template, SplittableRandom r) {
        StringBuilder b = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            char ch = template.charAt(i);
            if (ch == '{') {
                int close = template.indexOf('}', i);
                if (close > i) {
                    String key = template.substring(i + 1, close);
                    String v =
                            switch (key) {
                                case "ip" -> "192.168.1." + (2 + r.nextInt(250));
                                case "ms" -> String.valueOf(1 + r.nextInt(400));
                                case "user" -> USERS[r.nextInt(USERS.length)];
                                case "path" -> PATHS[r.nextInt(PATHS.length)];
                                case "n" -> String.valueOf(r.nextInt(10_000));
                                case "id" -> Integer.toHexString(0x10000 + r.nextInt(0xfffff));
                                default -> null;
                            };
                    if (v != null) {
                        b.append(v);
                        i = close + 1;
                        continue;
                    }
                }
            }
            b.append(ch);
            i++;
        }
        return b.toString();
    }
}
