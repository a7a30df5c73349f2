package org.ralf.simulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.Severity;
import org.ralf.schemas.metric.MetricSample;

/**
 * The one way events leave the engine: wraps metrics, log lines and inventory rows into {@link
 * SimEvent}s for the sink and counts them. Every emitter and fault behaviour writes through it, so
 * the order of calls is the order of the emitted sequence.
 */
final class Emitter {
    private final EventSink sink;
    private final String source;
    private final Duration step;
    private long events;

    Emitter(EventSink sink, String source, Duration step) {
        this.sink = sink;
        this.source = source;
        this.step = step;
    }

    long events() {
        return events;
    }

    void emit(SimEvent e) {
        events++;
        sink.accept(e);
    }

    void metric(String host, String name, Map<String, String> labels, double v, Instant t) {
        emit(new SimEvent.Metric(host, MetricSample.of(name, labels, v, t, source), false));
    }

    void up(String host, Map<String, String> labels, boolean up, Instant t) {
        emit(new SimEvent.Metric(host, MetricSample.of("up", labels, up ? 1 : 0, t, source), true));
    }

    void log(
            String host,
            @Nullable String app,
            Severity severity,
            String facility,
            String message,
            Instant t) {
        Map<String, String> labels = app == null ? Map.of() : Map.of("app", app);
        emit(
                new SimEvent.Log(
                        new LogRecord(
                                LogRecord.SCHEMA_VERSION,
                                t,
                                host,
                                app,
                                severity,
                                facility,
                                message,
                                labels,
                                source,
                                null)));
    }

    void inventory(Instant t, String table, Map<String, Object> row) {
        emit(new SimEvent.Inventory(t, table, row));
    }

    /** The time of line {@code i} of {@code n} spread evenly inside the tick starting at t. */
    Instant spread(Instant t, int i, int n) {
        return t.plusMillis((long) (step.toMillis() * (i + 1.0) / (n + 1.0)));
    }

    static Map<String, String> labels(String... kv) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
