package org.ralf.jobs.kafka;

import javax.annotation.Nullable;
import org.ralf.schemas.serde.Decoded;

/**
 * A Kafka record as read, before decoding: where it came from (for dead letters) and its bytes. A
 * Flink POJO, so it travels without Kryo.
 *
 * <p>A source with a {@link SourceDecoder} also carries the decoded value and, where the decoder
 * read it, the event time, so that neither the timestamp assigner ({@link EventTimes}) nor the
 * decoding step parses the bytes again. Those fields are {@code transient}: Flink's POJO serializer
 * skips them, so they only survive a chained hand-over with object reuse. Whoever reads them must
 * treat them as a shortcut and decode {@link #value} itself when they are absent.
 */
public class SourceRecord {

    /** Topic. */
    public String topic = "";

    /** Partition. */
    public int partition;

    /** Offset. */
    public long offset;

    /** Key bytes; may be null. */
    public byte[] key;

    /** Value bytes; may be null (a tombstone). */
    public byte[] value;

    /**
     * The outcome of decoding {@link #value} at the source, or null where it was not decoded there
     * (no decoder for this topic, or the record was copied or serialized since).
     */
    public transient @Nullable Decoded<?> decoded;

    /** Whether {@link #eventTime} holds the event time read with {@link #decoded}. */
    public transient boolean hasEventTime;

    /**
     * The record's event time in epoch milliseconds as {@link EventTimes#of} would read it from the
     * bytes; only meaningful when {@link #hasEventTime}.
     */
    public transient long eventTime;

    /** For Flink's POJO serializer. */
    public SourceRecord() {}

    /** A record. */
    public static SourceRecord of(
            String topic, int partition, long offset, byte[] key, byte[] value) {
        SourceRecord r = new SourceRecord();
        r.topic = topic;
        r.partition = partition;
        r.offset = offset;
        r.key = key;
        r.value = value;
        return r;
    }
}
