package org.ralf.simulator.engine;

import java.time.Duration;
import java.time.Instant;
import javax.annotation.Nullable;
import org.ralf.simulator.scenario.FaultSpec;
import org.ralf.simulator.scenario.Scenario;
import org.ralf.simulator.truth.GroundTruthFault;

/**
 * One fault of the scenario through its life: the schedule, the ground truth it reports, and its
 * kind's {@link FaultBehaviour}. The kind-independent part of starting, running and stopping.
 */
final class FaultRun {
    final FaultSpec spec;
    private final FaultBehaviour behaviour;
    private final FaultContext ctx;
    private final String faultId;
    private final String scenario;
    private final Instant scheduledStart;
    private final Instant scheduledEnd;
    @Nullable private GroundTruthFault truth;
    private boolean done;

    FaultRun(Scenario scenario, long seed, Instant start, FaultSpec spec, FaultContext ctx) {
        this.spec = spec;
        this.ctx = ctx;
        this.behaviour = FaultBehaviours.create(spec, Streams.of(seed, "fault:" + spec.id()), ctx);
        this.faultId = scenario.name() + ":" + seed + ":" + spec.id();
        this.scenario = scenario.name();
        this.scheduledStart = start.plus(spec.start());
        this.scheduledEnd = start.plus(spec.end());
    }

    boolean active() {
        return truth != null && !done;
    }

    /** The ground truth, once started. */
    @Nullable
    GroundTruthFault truth() {
        return truth;
    }

    /** Starts, stops and runs the fault for the tick at t, as its schedule says. */
    void update(Instant t) {
        if (truth == null && !t.isBefore(scheduledStart)) {
            start(t);
        }
        boolean pastEnd = !t.isBefore(scheduledEnd);
        if (active() && pastEnd) {
            stop(t, "schedule");
        }
        if (pastEnd) {
            behaviour.pastScheduledEnd();
        }
        if (active()) {
            HostState h = ctx.model().host(spec.entity());
            if (h != null && h.present) {
                behaviour.during(t, Duration.between(truth.start(), t).toSeconds());
            }
        }
    }

    private void start(Instant t) {
        truth =
                new GroundTruthFault(
                        faultId,
                        scenario,
                        spec.kind().yamlName(),
                        spec.entity(),
                        ctx.model().affected(spec.entity()),
                        t,
                        scheduledEnd,
                        null,
                        null,
                        spec.params());
        ctx.out().emit(new SimEvent.Fault(t, truth));
        behaviour.start(t, scheduledEnd);
    }

    /** Ends the fault at t if it is active; {@code by} is {@code schedule} or an action. */
    void stop(Instant t, String by) {
        if (!active()) {
            return;
        }
        behaviour.stop(t, by);
        done = true;
        truth = truth.ended(t, by);
        ctx.out().emit(new SimEvent.Fault(t, truth));
    }

    /** Whether the fault is active and ends at or before {@code t} by its schedule. */
    boolean dueBy(Instant t) {
        return active() && !scheduledEnd.isAfter(t);
    }

    /** Ends the fault if it is active, lives on the guest, and a restart of the guest ends it. */
    void guestRestarted(GuestState g, Instant t, String by) {
        if (!active() || !spec.kind().remediable() || !behaviour.endsWithGuestRestart()) {
            return;
        }
        String e = spec.entity();
        if (e.equals(g.name) || e.startsWith(g.name + "/")) {
            stop(t, by);
        }
    }

    /** Tells the active fault that a guest left node {@code from}. */
    void guestMigratedFrom(String from) {
        if (active()) {
            behaviour.guestMigratedFrom(from);
        }
    }

    /** Ends the active fault if a migration has relieved it, after the tick's demand. */
    void checkRelieved(Instant t) {
        if (active() && behaviour.relievedByMigration()) {
            stop(t, "action:migrate");
        }
    }
}
