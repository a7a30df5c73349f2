package org.ralf.simulator.emit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.simulator.engine.EventSink;
import org.ralf.simulator.engine.SimEvent;

/**
 * Keeps every event in memory and a running SHA-256 over their canonical text: the
 * direct-to-collector mode for tests and fast deterministic runs. Single-threaded, as the engine.
 */
public final class CollectingSink implements EventSink {
    private final List<SimEvent> events = new ArrayList<>();
    private final MessageDigest digest;
    private final boolean keep;

    /** A sink that keeps the events (and hashes them). */
    public CollectingSink() {
        this(true);
    }

    /**
     * A sink that hashes every event and keeps them only if {@code keep}.
     *
     * @param keep whether to keep the events in memory
     */
    public CollectingSink(boolean keep) {
        this.keep = keep;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public void accept(SimEvent event) {
        // records with sorted maps have a deterministic toString: a canonical text for the hash
        digest.update(event.toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        if (keep) {
            events.add(event);
        }
    }

    /** The hash of every event so far, in hex (the digest is cloned, so accepting may go on). */
    public String hash() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable", e);
        }
    }

    /** The events kept, in order. */
    public List<SimEvent> events() {
        return events;
    }

    /** The metric samples kept, in order. */
    public List<MetricSample> metrics() {
        List<MetricSample> out = new ArrayList<>();
        for (SimEvent e : events) {
            if (e instanceof SimEvent.Metric m) {
                out.add(m.sample());
            }
        }
        return out;
    }

    /** The log records kept, in order. */
    public List<LogRecord> logs() {
        List<LogRecord> out = new ArrayList<>();
        for (SimEvent e : events) {
            if (e instanceof SimEvent.Log l) {
                out.add(l.record());
            }
        }
        return out;
    }

    /** The events of one type kept, in order. */
    public <T extends SimEvent> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (SimEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }
}
