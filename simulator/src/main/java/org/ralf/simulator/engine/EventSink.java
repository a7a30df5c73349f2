package org.ralf.simulator.engine;

/** Receives the engine's events, on the engine's thread, in order. */
@FunctionalInterface
public interface EventSink {
    /** Handles one event; must not block for long. */
    void accept(SimEvent event);
}
