package org.ralf.jobs.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.ralf.schemas.serde.IsoInstants;

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
     * The event time of the record in epoch milliseconds, else {@code kafkaTimestamp}. A record
     * whose {@link SourceDecoder} already read it ({@link SourceRecord#hasEventTime}) is not parsed
     * again.
     */
    public static long of(SourceRecord r, long kafkaTimestamp) {
        byte[] v = r.value;
        if (v == null || v.length == 0 || r.topic.startsWith("ralf.cdc.")) {
            return kafkaTimestamp;
        }
        if (r.hasEventTime) {
            return r.eventTime;
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
                    return IsoInstants.toEpochMilli(p.getText());
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
