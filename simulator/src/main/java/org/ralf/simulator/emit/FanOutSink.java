package org.ralf.simulator.emit;

import java.util.List;
import org.ralf.simulator.engine.EventSink;
import org.ralf.simulator.engine.SimEvent;

/** Passes every event to several sinks, in order. */
public final class FanOutSink implements EventSink {
    private final List<EventSink> sinks;

    /** A fan-out over {@code sinks}. */
    public FanOutSink(List<EventSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void accept(SimEvent event) {
        for (EventSink s : sinks) {
            s.accept(event);
        }
    }
}
