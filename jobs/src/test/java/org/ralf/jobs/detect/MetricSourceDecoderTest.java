package org.ralf.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ralf.jobs.kafka.EventTimes;
import org.ralf.jobs.kafka.SourceRecord;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.Decoded;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.schemas.serde.MetricDocuments;

/**
 * Decoding at the source changes neither the event time {@link EventTimes} assigns nor the decoded
 * outcome, and it is used where it applies.
 */
class MetricSourceDecoderTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-25T22:30:00Z"), ZoneOffset.UTC);
    private static final String TOPIC = "ralf.metrics";
    private static final long KAFKA_TS = 1_764_100_000_000L;

    private final EventSerde<MetricSample> serde =
            EventSerde.of(MetricSample.class).withClock(CLOCK);
    private final MetricSourceDecoder decoder =
            new MetricSourceDecoder(TOPIC, new MetricDecoder(CLOCK));

    private static SourceRecord record(String topic, byte[] value) {
        return SourceRecord.of(topic, 1, 7L, null, value);
    }

    private static List<byte[]> payloads(Random random) {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            payloads.add(
                    EventSerde.of(MetricSample.class)
                            .serialize(MetricDecoderTest.randomSample(random)));
        }
        for (String s :
                new String[] {
                    MetricDocuments.metric("x", null),
                    // the event time comes from the first top-level timestamp or observedAt
                    MetricDocuments.metric("observedAt", "\"2020-01-01T00:00:00Z\""),
                    MetricDocuments.metric("x", null)
                            .replace(
                                    "\"source\":\"test\"}",
                                    "\"source\":\"test\",\"timestamp\":\"2027-01-01T00:00:00Z\"}"),
                    MetricDocuments.metric("timestamp", "\"2026-11-25T23:00:00+01:00\""),
                    MetricDocuments.metric("timestamp", "1764108000"),
                    MetricDocuments.metric("value", "NaN"),
                    MetricDocuments.metric("value", "1e400"),
                    MetricDocuments.metric("seriesId", "\"up\""),
                    MetricDocuments.metric("timestamp", "\"yesterday\""),
                    MetricDocuments.metric("timestamp", "\"+1000000000-01-01T00:00:00Z\""),
                    "{\"schemaVersion\":1,",
                    "not json",
                    ""
                }) {
            payloads.add(s.getBytes(StandardCharsets.UTF_8));
        }
        payloads.add(null);
        return payloads;
    }

    @Test
    void shouldAssignTheSameEventTimeAndOutcomeAsDecodingTheBytesLater() {
        int shortcuts = 0;
        for (byte[] raw : payloads(new Random(11L))) {
            SourceRecord plain = record(TOPIC, raw);
            SourceRecord decoded = record(TOPIC, raw);
            Decoded<MetricSample> expected = serde.deserialize(TOPIC, 1, 7L, raw);

            decoder.decode(decoded);

            String what = raw == null ? "null" : new String(raw, StandardCharsets.UTF_8);
            assertThat(EventTimes.of(decoded, KAFKA_TS))
                    .as(what)
                    .isEqualTo(EventTimes.of(plain, KAFKA_TS));
            assertThat(decoded.decoded).as(what).usingRecursiveComparison().isEqualTo(expected);
            if (decoded.hasEventTime) {
                shortcuts++;
            }
        }
        // the 500 generated samples, the plain valid document and the one with an offset
        assertThat(shortcuts).isEqualTo(502);
    }

    @Test
    void shouldLeaveRecordsOfOtherTopicsAlone() {
        byte[] raw = MetricDocuments.metric("x", null).getBytes(StandardCharsets.UTF_8);
        SourceRecord log = record("ralf.logs", raw);

        decoder.decode(log);

        assertThat(log.decoded).isNull();
        assertThat(log.hasEventTime).isFalse();
    }
}
