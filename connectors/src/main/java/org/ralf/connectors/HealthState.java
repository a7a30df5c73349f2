package org.ralf.connectors;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds a connector's current {@link ConnectorHealth} and moves it between states; a state change
 * keeps its {@code since} only when the state really changes, so that "degraded since" stays
 * meaningful while the same failure repeats. Thread-safe.
 */
public final class HealthState {

    private final Clock clock;
    private final AtomicReference<ConnectorHealth> current;

    /**
     * @param clock time of state changes
     */
    public HealthState(Clock clock) {
        this.clock = clock;
        this.current =
                new AtomicReference<>(
                        new ConnectorHealth(
                                ConnectorHealth.State.STARTING, "starting", clock.instant()));
    }

    /** The current health. */
    public ConnectorHealth get() {
        return current.get();
    }

    /** Moves to the state with the detail; {@code since} changes only with the state. */
    public void set(ConnectorHealth.State state, String detail) {
        current.updateAndGet(
                old ->
                        old.state() == state
                                ? new ConnectorHealth(state, detail, old.since())
                                : new ConnectorHealth(state, detail, clock.instant()));
    }

    /** Back to healthy after a degradation (no-op when stopped or failed). */
    public void recovered(String detail) {
        current.updateAndGet(
                old ->
                        old.state() == ConnectorHealth.State.DEGRADED
                                ? new ConnectorHealth(
                                        ConnectorHealth.State.HEALTHY, detail, clock.instant())
                                : old);
    }
}
