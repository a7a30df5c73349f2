package org.ralf.jobs.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of raw records, read where the source reads them, so that Flink keeps one watermark
 * per Kafka partition (split) and the job's watermark is the minimum over partitions.
 *
 * <p>Why at the source: a reader that catches up on a backlog returns whole fetches of one
 * partition before the next, so a watermark computed on the merged stream jumps ahead by the size
 * of a fetch and turns the other partitions' records late (dropped by CEP, spurious silence
 * timers). Per-split watermarks do not have that failure; it shows as soon as producers run ahead
 * of the job (a restart with a backlog, an accelerated replay).
 *
 * <p>The event time is the record's top-level {@code timestamp} (metric samples, log records) or
 * {@code observedAt} (discovery) field; records without one (CDC envelopes, undecodable bytes) use
 * the Kafka record timestamp. Only top-level fields count: a label named {@code timestamp} inside a
 * nested object is skipped.
 */
public final class EventTimes {

    private static final JsonFactory JSON = new JsonFactory();

    private EventTimes() {}

    /**
     * Bounded out-of-orderness per split with idleness, timestamps from {@link #of(SourceRecord,
     * long)} capped at the Kafka timestamp plus {@code maxFuture}.
     */
    public static WatermarkStrategy<SourceRecord> perPartition(
            Duration outOfOrderness, Duration idleness, Duration maxFuture) {
        long future = maxFuture.toMillis();
        return WatermarkStrategy.<SourceRecord>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(
                        (SerializableTimestampAssigner<SourceRecord>)
                                (r, kafkaTs) -> capped(of(r, kafkaTs), kafkaTs, future))
                .withIdleness(idleness);
    }

    /**
     * The event time, unless it lies more than {@code maxFutureMillis} beyond the time the record
     * reached Kafka: such a record must not drag the watermark ahead (it is dead-lettered further
     * on), so it counts at its Kafka timestamp.
     */
    static long capped(long eventTime, long kafkaTimestamp, long maxFutureMillis) {
        return eventTime > kafkaTimestamp + maxFutureMillis ? kafkaTimestamp : eventTime;
    }

    /**
     * Epoch millis of an ISO-8601 instant. The form every RALF producer writes ({@code
     * yyyy-MM-ddTHH:mm:ss[.fraction]Z}) is read directly, because {@link Instant#parse} (a
     * formatter) costs about a microsecond, most of this step's cost per record; anything else goes
     * through {@link Instant#parse}.
     *
     * @throws DateTimeParseException if it is no instant
     */
    static long isoMillis(String t) {
        int n = t.length();
        if (n >= 20
                && t.charAt(4) == '-'
                && t.charAt(7) == '-'
                && t.charAt(10) == 'T'
                && t.charAt(13) == ':'
                && t.charAt(16) == ':'
                && t.charAt(n - 1) == 'Z'
                && (n == 20 || (t.charAt(19) == '.' && n > 21 && n <= 30))) {
            int year = digits(t, 0, 4);
            int month = digits(t, 5, 7);
            int day = digits(t, 8, 10);
            int hour = digits(t, 11, 13);
            int minute = digits(t, 14, 16);
            int second = digits(t, 17, 19);
            int millis = 0;
            if (n > 20) {
                int end = Math.min(n - 1, 23);
                millis = digits(t, 20, end);
                for (int i = end; i < 23; i++) {
                    millis *= 10;
                }
                if (digits(t, 20, n - 1) < 0) {
                    millis = -1;
                }
            }
            if (year >= 0
                    && month >= 1
                    && month <= 12
                    && day >= 1
                    && day <= 31
                    && hour >= 0
                    && hour <= 23
                    && minute >= 0
                    && minute <= 59
                    && second >= 0
                    && second <= 59
                    && millis >= 0) {
                try {
                    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
                    return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
                } catch (java.time.DateTimeException invalidDate) {
                    // e.g. February 30th: let the parser name the problem
                }
            }
        }
        return Instant.parse(t).toEpochMilli();
    }

    /** The decimal number in {@code t[from, to)}, or -1 if a character is no digit. */
    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = t.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** The event time of the record in epoch milliseconds, else {@code kafkaTimestamp}. */
    public static long of(SourceRecord r, long kafkaTimestamp) {
        byte[] v = r.value;
        if (v == null || v.length == 0 || r.topic.startsWith("ralf.cdc.")) {
            return kafkaTimestamp;
        }
        try (JsonParser p = JSON.createParser(v)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return kafkaTimestamp;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING
                        && ("timestamp".equals(name) || "observedAt".equals(name))) {
                    return isoMillis(p.getText());
                }
                p.skipChildren();
            }
            return kafkaTimestamp;
        } catch (IOException | DateTimeParseException | ArithmeticException e) {
            // not our JSON: decoding dead-letters it later; its position in time is the broker's
            return kafkaTimestamp;
        }
    }
}
