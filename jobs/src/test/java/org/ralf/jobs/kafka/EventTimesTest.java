package org.ralf.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimesTest {

    private static final long KAFKA_TS = 1_000L;

    private static SourceRecord record(String topic, String json) {
        return SourceRecord.of(
                topic, 0, 0, null, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadTheTopLevelTimestampAndSkipNestedFieldsOfTheSameName() {
        String json =
                "{\"name\":\"up\",\"labels\":{\"timestamp\":\"2020-01-01T00:00:00Z\"},"
                        + "\"value\":1,\"timestamp\":\"2026-11-25T22:00:00Z\"}";

        long t = EventTimes.of(record("ralf.metrics", json), KAFKA_TS);

        assertThat(t).isEqualTo(Instant.parse("2026-11-25T22:00:00Z").toEpochMilli());
    }

    @Test
    void shouldReadObservedAtOfDiscoveryEvents() {
        String json = "{\"kind\":\"SEEN\",\"observedAt\":\"2026-11-25T22:00:05.5Z\"}";

        long t = EventTimes.of(record("ralf.discovery", json), KAFKA_TS);

        assertThat(t).isEqualTo(Instant.parse("2026-11-25T22:00:05.5Z").toEpochMilli());
    }

    @Test
    void shouldFallBackToTheKafkaTimestampForCdcGarbageAndMissingFields() {
        String cdc = "{\"op\":\"u\",\"timestamp\":\"2026-11-25T22:00:00Z\"}";

        assertThat(EventTimes.of(record("ralf.cdc.guests", cdc), KAFKA_TS)).isEqualTo(KAFKA_TS);
        assertThat(EventTimes.of(record("ralf.logs", "not json"), KAFKA_TS)).isEqualTo(KAFKA_TS);
        assertThat(EventTimes.of(record("ralf.logs", "{\"timestamp\":\"yesterday\"}"), KAFKA_TS))
                .isEqualTo(KAFKA_TS);
        assertThat(EventTimes.of(record("ralf.logs", "{\"message\":\"x\"}"), KAFKA_TS))
                .isEqualTo(KAFKA_TS);
        assertThat(EventTimes.of(record("ralf.logs", null), KAFKA_TS)).isEqualTo(KAFKA_TS);
    }

    @Test
    void shouldCountARecordStampedFarAheadOfItsArrivalAtItsKafkaTimestamp() {
        long fiveMinutes = 300_000L;

        assertThat(EventTimes.capped(KAFKA_TS + fiveMinutes + 1, KAFKA_TS, fiveMinutes))
                .isEqualTo(KAFKA_TS);
        assertThat(EventTimes.capped(KAFKA_TS + fiveMinutes, KAFKA_TS, fiveMinutes))
                .isEqualTo(KAFKA_TS + fiveMinutes);
        assertThat(EventTimes.capped(KAFKA_TS - 1, KAFKA_TS, fiveMinutes)).isEqualTo(KAFKA_TS - 1);
    }

    @Test
    void shouldReadIsoInstantsLikeInstantParse() {
        for (String t :
                new String[] {
                    "2026-11-25T22:00:00Z",
                    "2026-11-25T22:00:00.5Z",
                    "2026-11-25T22:00:00.123Z",
                    "2026-11-25T22:00:00.123456789Z",
                    "1970-01-01T00:00:00Z",
                    "2024-02-29T23:59:59.999Z",
                    "2026-11-25T22:00:00+01:00"
                }) {
            assertThat(org.ralf.schemas.serde.IsoInstants.toEpochMilli(t))
                    .as(t)
                    .isEqualTo(Instant.parse(t).toEpochMilli());
        }
        assertThat(
                        EventTimes.of(
                                record("ralf.logs", "{\"timestamp\":\"2026-02-30T00:00:00Z\"}"), 7))
                .isEqualTo(7);
        assertThat(
                        EventTimes.of(
                                record("ralf.logs", "{\"timestamp\":\"2026-11-25T2x:00:00Z\"}"), 7))
                .isEqualTo(7);
    }
}
