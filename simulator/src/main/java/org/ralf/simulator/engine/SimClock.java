package org.ralf.simulator.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * Maps simulated time to wall time by a speed factor: simulated {@code start + d} happens at wall
 * {@code wallStart + d / speed}. A speed of {@link #UNPACED} runs as fast as possible.
 *
 * @param simStart simulated instant at wall start
 * @param wallStart wall instant the run started
 * @param speed simulated seconds per wall second, or {@link #UNPACED}
 */
public record SimClock(Instant simStart, Instant wallStart, double speed) {

    /** Speed value meaning: no pacing. */
    public static final double UNPACED = 0;

    /** Validates the speed. */
    public SimClock {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be >= 0 and finite, was " + speed);
        }
    }

    /** Whether the run is paced to wall time. */
    public boolean paced() {
        return speed > 0;
    }

    /** The wall instant at which the simulated instant {@code sim} is due. */
    public Instant wallAt(Instant sim) {
        if (!paced()) {
            return wallStart;
        }
        long simNanos = Duration.between(simStart, sim).toNanos();
        return wallStart.plusNanos((long) (simNanos / speed));
    }

    /** The simulated instant at wall instant {@code wall}. */
    public Instant simAt(Instant wall) {
        if (!paced()) {
            return simStart;
        }
        long wallNanos = Duration.between(wallStart, wall).toNanos();
        return simStart.plusNanos((long) (wallNanos * speed));
    }
}
