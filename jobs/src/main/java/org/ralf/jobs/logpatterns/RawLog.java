package org.ralf.jobs.logpatterns;

/**
 * One undecoded record of {@code ralf.logs} with its position, so that a dead letter can say where
 * it came from. A Flink POJO.
 */
public class RawLog {

    /** Topic. */
    public String topic = "";

    /** Partition. */
    public int partition;

    /** Offset. */
    public long offset;

    /** The value bytes; null for a tombstone. */
    public byte[] value;

    /** For Flink. */
    public RawLog() {}

    /** A record. */
    public static RawLog of(String topic, int partition, long offset, byte[] value) {
        RawLog r = new RawLog();
        r.topic = topic;
        r.partition = partition;
        r.offset = offset;
        r.value = value;
        return r;
    }
}
