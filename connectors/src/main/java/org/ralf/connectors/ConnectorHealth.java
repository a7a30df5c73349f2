package org.ralf.connectors;

import java.time.Instant;

/**
 * Health of a connector.
 *
 * @param state coarse state
 * @param detail one line: why degraded or failed, or what it is connected to
 * @param since when the state was entered
 */
public record ConnectorHealth(State state, String detail, Instant since) {

    /** Coarse connector states. */
    public enum State {
        STARTING,
        HEALTHY,
        /** Running, but a source or Kafka is failing; input may be refused (never dropped). */
        DEGRADED,
        STOPPED,
        FAILED
    }

    /** Whether the connector accepts and forwards input. */
    public boolean isUp() {
        return state == State.HEALTHY || state == State.DEGRADED;
    }
}
