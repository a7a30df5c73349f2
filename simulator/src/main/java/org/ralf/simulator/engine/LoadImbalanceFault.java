package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ralf.simulator.scenario.FaultSpec;

/**
 * {@code load-imbalance}: the guests running on one node become busy ({@code guestBusy} of their
 * cores); migrating one away ends it once the node's CPU share drops below {@link #RECOVERED_BUSY}.
 */
final class LoadImbalanceFault extends AbstractFault {

    /** A node below this CPU share after a migration counts as relieved. */
    static final double RECOVERED_BUSY = 0.8;

    private final List<GuestState> boosted = new ArrayList<>();
    private boolean migratedAway;
    private boolean lingering;

    LoadImbalanceFault(FaultSpec spec, SplittableRandom rnd, FaultContext ctx) {
        super(spec, rnd, ctx);
    }

    @Override
    public void start(Instant t, Instant scheduledEnd) {
        double busy = spec.param("guestBusy", 0.9);
        for (GuestState g : ctx.model().guests.values()) {
            if (g.present && g.running && g.node.equals(host.name)) {
                g.busyFloor = busy;
                boosted.add(g);
            }
        }
    }

    @Override
    public void stop(Instant t, String by) {
        if (by.startsWith("action:")) {
            // the busy workload is real: it moved with the migrated guest and lasts until
            // its scheduled end; only the node's overload is over
            lingering = true;
        } else {
            boosted.forEach(g -> g.busyFloor = 0);
        }
    }

    @Override
    public void pastScheduledEnd() {
        if (lingering) {
            lingering = false;
            boosted.forEach(g -> g.busyFloor = 0);
        }
    }

    @Override
    public boolean endsWithGuestRestart() {
        // a restarted guest is as busy as before: only moving load off the node relieves it
        return false;
    }

    @Override
    public void guestMigratedFrom(String from) {
        if (spec.entity().equals(from)) {
            migratedAway = true;
        }
    }

    @Override
    public boolean relievedByMigration() {
        NodeState n = ctx.model().nodes.get(spec.entity());
        return migratedAway && n.demandCores / n.cpus < RECOVERED_BUSY;
    }
}
