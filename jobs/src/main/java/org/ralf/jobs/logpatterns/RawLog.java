package org.ralf.jobs.logpatterns;

import javax.annotation.Nullable;
import org.ralf.pipelines.logs.LogLine;

/**
 * One record of {@code ralf.logs} as the source hands it on: decoded into {@link #line} already (so
 * that the source can assign per-partition watermarks from the line's event time), or, when
 * decoding failed, the original bytes with their position for the dead letter. A Flink POJO.
 */
public class RawLog {

    /** Topic. */
    public String topic = "";

    /** Partition. */
    public int partition;

    /** Offset. */
    public long offset;

    /** The value bytes when decoding failed (null for a tombstone or a decoded line). */
    @Nullable public byte[] value;

    /** The decoded line, null when decoding failed. */
    @Nullable public LogLine line;

    /** For Flink. */
    public RawLog() {}

    /** A record. */
    public static RawLog of(String topic, int partition, long offset, @Nullable byte[] value) {
        RawLog r = new RawLog();
        r.topic = topic;
        r.partition = partition;
        r.offset = offset;
        r.value = value;
        return r;
    }

    /** A decoded line. */
    public static RawLog decoded(LogLine line) {
        RawLog r = new RawLog();
        r.line = line;
        return r;
    }
}
