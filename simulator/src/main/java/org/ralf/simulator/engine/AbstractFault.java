package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.SplittableRandom;
import javax.annotation.Nullable;
import org.ralf.schemas.log.Severity;
import org.ralf.simulator.scenario.FaultSpec;

/**
 * The parts every fault behaviour shares: its spec, its own random stream, the world, and the host
 * and service its entity names (resolved once: the model's entities never change identity).
 */
abstract class AbstractFault implements FaultBehaviour {
    protected final FaultSpec spec;
    protected final SplittableRandom rnd;
    protected final FaultContext ctx;
    @Nullable protected final HostState host;
    @Nullable protected final ServiceState service;

    AbstractFault(FaultSpec spec, SplittableRandom rnd, FaultContext ctx) {
        this.spec = spec;
        this.rnd = rnd;
        this.ctx = ctx;
        this.host = ctx.model().host(spec.entity());
        this.service = ctx.model().service(spec.entity());
    }

    protected final void log(
            String host, String app, Severity severity, String facility, String msg, Instant t) {
        ctx.out().log(host, app, severity, facility, msg, t);
    }

    @Override
    public void during(Instant t, long sinceStartSeconds) {
        // most kinds set their state at start and have nothing to do per tick
    }
}
