package org.ralf.simulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ralf.simulator.scenario.FaultSpec;
import org.ralf.simulator.scenario.Scenario;
import org.ralf.simulator.truth.ActionRecord;
import org.ralf.simulator.truth.GroundTruthFault;

/**
 * The deterministic discrete-time engine. Each {@link #tick()} applies the Proxmox actions that
 * arrived since the last one, starts and ends faults, and emits every metric, log line, discovery
 * event and inventory change for the current simulated instant to the sink, then advances the clock
 * by the scenario's step. Given the same scenario, seed and start (and the same actions at the same
 * ticks), the emitted sequence is identical. Not thread-safe except {@link #submit}.
 *
 * <p>The engine is the clock and the order of a tick; the homelab lives in {@link Model}, each
 * fault kind in its {@link FaultBehaviour} (see {@link FaultBehaviours}), and the output in the
 * emitters ({@link HostEmitter}, {@link HostMetricsEmitter}, {@link InventoryEmitter}).
 */
public final class Engine {

    private final Scenario scenario;
    private final Instant start;
    private final Instant end;
    private final Duration step;
    private final Model model;
    private final Emitter out;
    private final InventoryEmitter inventory;
    private final HostEmitter hosts;
    private final List<FaultRun> faults = new ArrayList<>();
    private final ProxmoxActions actions;
    private Instant now;
    private long ticks;

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
        this.start = start;
        this.end = start.plus(scenario.duration());
        this.step = scenario.step();
        this.now = start;
        double stepSeconds = step.toMillis() / 1000.0;
        this.model = new Model(scenario, seed, start);
        this.out = new Emitter(sink, "simulator:" + scenario.name(), step);
        this.inventory = new InventoryEmitter(model, out);
        this.hosts = new HostEmitter(model, out, stepSeconds);
        FaultContext ctx =
                new FaultContext(model, out, inventory, new HostLifecycle(out), stepSeconds);
        for (FaultSpec f : scenario.faults()) {
            faults.add(new FaultRun(scenario, seed, start, f, ctx));
        }
        this.actions = new ProxmoxActions(ctx, faults);
    }

    // ------------------------------------------------------------------------------ API

    /** Queues a finished Proxmox task; applied at the next tick. Thread-safe. */
    public void submit(ProxmoxAction action) {
        actions.submit(action);
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
        return out.events();
    }

    /** The scenario. */
    public Scenario scenario() {
        return scenario;
    }

    /** Ground truth of every fault started so far, in start order. */
    public List<GroundTruthFault> groundTruth() {
        List<GroundTruthFault> truth = new ArrayList<>();
        for (FaultRun f : faults) {
            if (f.truth() != null) {
                truth.add(f.truth());
            }
        }
        return truth;
    }

    /** Proxmox actions applied so far. */
    public List<ActionRecord> actions() {
        return actions.applied();
    }

    /** Guest names to their vmid, in scenario order (present or not). */
    public Map<String, Integer> vmids() {
        Map<String, Integer> vmids = new LinkedHashMap<>();
        model.guests.values().forEach(g -> vmids.put(g.name, g.vmid));
        return vmids;
    }

    /** Whether a service ({@code guest/service}) is running now. */
    public boolean serviceRunning(String serviceId) {
        for (GuestState g : model.guests.values()) {
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
        GuestState g = model.guests.get(guest);
        if (g == null) {
            throw new IllegalArgumentException("unknown guest " + guest);
        }
        return g.node;
    }

    /** Names of the hosts (nodes, then guests) present now. */
    public List<String> presentHosts() {
        List<String> present = new ArrayList<>();
        model.nodes.values().stream().filter(n -> n.present).forEach(n -> present.add(n.name));
        model.guests.values().stream().filter(g -> g.present).forEach(g -> present.add(g.name));
        return present;
    }

    /** Runs one tick at {@link #now()} and advances the clock by one step. */
    public void tick() {
        if (done()) {
            throw new IllegalStateException("the scenario has ended at " + end);
        }
        Instant t = now;
        if (ticks == 0) {
            inventory.announce(t);
        }
        actions.apply(t);
        for (FaultRun f : faults) {
            f.update(t);
        }
        model.computeDemand(t);
        for (FaultRun f : faults) {
            f.checkRelieved(t);
        }
        hosts.emitAll(t);
        ticks++;
        now = t.plus(step);
        if (done()) {
            // a fault scheduled to end with the scenario ends with it; later ones stay open
            for (FaultRun f : faults) {
                if (f.dueBy(now)) {
                    f.stop(now, "schedule");
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
}
