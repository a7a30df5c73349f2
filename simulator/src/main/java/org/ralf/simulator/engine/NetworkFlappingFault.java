package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.SplittableRandom;
import org.ralf.simulator.scenario.FaultSpec;

/**
 * {@code network-flapping}: the host's link goes down and up, staying up and down for exponential
 * times of mean {@code upSeconds} and {@code downSeconds}; ending it brings the link up.
 */
final class NetworkFlappingFault extends AbstractFault {
    private Instant nextToggle = Instant.MIN;

    NetworkFlappingFault(FaultSpec spec, SplittableRandom rnd, FaultContext ctx) {
        super(spec, rnd, ctx);
    }

    @Override
    public void start(Instant t, Instant scheduledEnd) {
        nextToggle = t;
    }

    @Override
    public void during(Instant t, long sinceStartSeconds) {
        if (t.isBefore(nextToggle)) {
            return;
        }
        boolean goUp = !host.linkUp;
        ctx.lifecycle().linkChange(host, goUp, t);
        double mean = goUp ? spec.param("upSeconds", 90) : spec.param("downSeconds", 20);
        double seconds = Math.max(ctx.stepSeconds(), Streams.exponential(rnd, mean));
        nextToggle = t.plusMillis((long) (1000 * seconds));
    }

    @Override
    public void stop(Instant t, String by) {
        if (!host.linkUp) {
            ctx.lifecycle().linkChange(host, true, t);
        }
    }
}
