package org.ralf.connectors;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A connector's own counters: records in (parsed from the source), records out (acknowledged by
 * Kafka), errors (dead-lettered or refused input), bytes in, and lag (age of the newest forwarded
 * record, where the source carries a time). Thread-safe; cheap on the hot path.
 */
public final class ConnectorMetrics {

    private final LongAdder recordsIn = new LongAdder();
    private final LongAdder recordsOut = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final AtomicLong lagMillis = new AtomicLong();

    /** Counts records parsed from the source. */
    public void recordsIn(long n) {
        recordsIn.add(n);
    }

    /** Counts records acknowledged by Kafka. */
    public void recordsOut(long n) {
        recordsOut.add(n);
    }

    /** Counts failed inputs (dead-lettered or refused). */
    public void errors(long n) {
        errors.add(n);
    }

    /** Counts bytes received from the source. */
    public void bytesIn(long n) {
        bytesIn.add(n);
    }

    /** Sets the current lag in milliseconds. */
    public void lagMillis(long lag) {
        lagMillis.set(lag);
    }

    /** A consistent-enough copy for reporting. */
    public Snapshot snapshot() {
        return new Snapshot(
                recordsIn.sum(), recordsOut.sum(), errors.sum(), bytesIn.sum(), lagMillis.get());
    }

    /**
     * Counter values at one moment.
     *
     * @param recordsIn records parsed
     * @param recordsOut records acknowledged by Kafka
     * @param errors failed inputs
     * @param bytesIn bytes received
     * @param lagMillis lag in milliseconds
     */
    public record Snapshot(
            long recordsIn, long recordsOut, long errors, long bytesIn, long lagMillis) {}
}
