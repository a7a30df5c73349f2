package org.ralf.pipelines.logs;

import java.util.Objects;
import javax.annotation.Nullable;
import org.ralf.schemas.log.LogRecord;

/**
 * The part of a {@link LogRecord} the template miner needs, as a Flink POJO (public fields, no-arg
 * constructor) so that the per-line shuffle to the keyed miner uses Flink's POJO serializer rather
 * than JSON.
 */
public class LogLine {

    /** The miner key: {@link #sourceOf(String, String)}. */
    public String source = "";

    /** Host that emitted the line (the anomaly entity). */
    public String host = "";

    /** Service or application, if known. */
    @Nullable public String service;

    /** RFC 5424 severity code, -1 when unknown. */
    public int severity = -1;

    /** Event time in epoch milliseconds. */
    public long timestamp;

    /** The message text. */
    public String message = "";

    /** Partition of the record in {@code ralf.logs}, -1 when the line did not come from Kafka. */
    public int partition = -1;

    /** Offset of the record in its partition, -1 when the line did not come from Kafka. */
    public long offset = -1;

    /** For Flink. */
    public LogLine() {}

    /** The line of a decoded record. */
    public static LogLine of(LogRecord r) {
        LogLine l = new LogLine();
        l.source = sourceOf(r.host(), r.service());
        l.host = r.host();
        l.service = r.service();
        l.severity = r.severity().code();
        l.timestamp = r.timestamp().toEpochMilli();
        l.message = r.message();
        return l;
    }

    /** The line of a decoded record read from a Kafka partition at an offset. */
    public static LogLine of(LogRecord r, int partition, long offset) {
        LogLine l = of(r);
        l.partition = partition;
        l.offset = offset;
        return l;
    }

    /**
     * The miner key of a line: {@code host/service}, or {@code host} when the service is unknown.
     * One miner per application on a host: applications share no templates, and one per host would
     * let a chatty application evict the templates of a quiet one. Whitespace (not allowed in
     * template ids) becomes {@code _}.
     */
    public static String sourceOf(String host, @Nullable String service) {
        String s = service == null ? host : host + "/" + service;
        return s.replaceAll("\\s", "_");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogLine l
                && severity == l.severity
                && timestamp == l.timestamp
                && partition == l.partition
                && offset == l.offset
                && source.equals(l.source)
                && host.equals(l.host)
                && Objects.equals(service, l.service)
                && message.equals(l.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, timestamp, message);
    }

    @Override
    public String toString() {
        return "LogLine[" + source + " @" + timestamp + " sev=" + severity + " " + message + "]";
    }
}
