package org.ralf.jobs.kafka;

/**
 * A Kafka record as read, before decoding: where it came from (for dead letters) and its bytes. A
 * Flink POJO, so it travels without Kryo.
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
