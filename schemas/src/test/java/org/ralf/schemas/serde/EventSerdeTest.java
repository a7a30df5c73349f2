package org.ralf.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ralf.schemas.serde.MetricDocuments.metric;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.EventType;
import org.ralf.schemas.EventTypes;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.cdc.CdcOp;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.metric.MetricSample;

class EventSerdeTest {

    private static final Instant NOW = Instant.parse("2026-11-25T22:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String TOPIC = "ralf.metrics";

    private final EventSerde<MetricSample> metrics =
            EventSerde.of(MetricSample.class).withClock(CLOCK);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private DeadLetter failure(EventSerde<?> serde, byte[] raw) {
        Decoded<?> decoded = serde.deserialize(TOPIC, 3, 42L, raw);
        assertThat(decoded.isOk()).as("expected a dead letter").isFalse();
        assertThat(decoded.valueOrNull()).isNull();
        return decoded.deadLetterOrNull();
    }

    @Test
    void shouldRoundTripValue() {
        MetricSample sample =
                MetricSample.of(
                        "up", Map.of("job", "node", "instance", "a:9100"), 1.0, NOW, "test");

        Decoded<MetricSample> decoded =
                metrics.deserialize(TOPIC, 0, 0L, metrics.serialize(sample));

        assertThat(decoded).isEqualTo(new Decoded.Ok<>(sample));
    }

    @Test
    void shouldAcceptTheHandWrittenValidDocument() {
        Decoded<MetricSample> decoded = metrics.deserialize(TOPIC, 0, 0L, utf8(metric("x", null)));

        assertThat(decoded.valueOrNull())
                .isEqualTo(
                        MetricSample.of(
                                "up",
                                Map.of("job", "node"),
                                1.0,
                                Instant.parse("2026-11-25T22:00:00Z"),
                                "test"));
    }

    @Test
    void shouldRecordWhereTheBadInputCameFrom() {
        byte[] raw = utf8("not json");

        DeadLetter dead = failure(metrics, raw);

        assertThat(dead.source()).isEqualTo(TOPIC);
        assertThat(dead.partition()).isEqualTo(3);
        assertThat(dead.offset()).isEqualTo(42L);
        assertThat(dead.payload()).isEqualTo(raw);
        assertThat(dead.failedAt()).isEqualTo(NOW);
        assertThat(dead.expectedType()).isEqualTo("MetricSample");
        assertThat(dead.schemaVersion()).isEqualTo(DeadLetter.SCHEMA_VERSION);
    }

    @Test
    void shouldTurnNullPayloadIntoDeadLetter() {
        DeadLetter dead = failure(metrics, null);

        assertThat(dead.cause()).isEqualTo(DeadLetterCause.EMPTY);
        assertThat(dead.reason()).contains("null payload");
        assertThat(dead.payload()).isEmpty();
    }

    @Test
    void shouldTurnEmptyWhitespaceAndJsonNullIntoEmpty() {
        assertThat(failure(metrics, new byte[0]).reason()).isEqualTo("empty payload");
        assertThat(failure(metrics, utf8("  \n\t ")).cause()).isEqualTo(DeadLetterCause.EMPTY);
        assertThat(failure(metrics, utf8("null")).cause()).isEqualTo(DeadLetterCause.EMPTY);
    }

    @Test
    void shouldRejectPayloadAboveLimitWithBothSizesInReason() {
        EventSerde<MetricSample> small = metrics.withMaxBytes(100);
        byte[] raw = utf8(metric("source", "\"" + "x".repeat(200) + "\""));

        DeadLetter dead = failure(small, raw);

        assertThat(dead.cause()).isEqualTo(DeadLetterCause.TOO_LARGE);
        assertThat(dead.reason())
                .isEqualTo("payload too large: " + raw.length + " bytes > limit 100");
        assertThat(dead.payload()).isEqualTo(raw);
    }

    @Test
    void shouldKeepOnlyBoundedPrefixOfHugePayload() {
        byte[] raw = new byte[EventSerde.DEAD_LETTER_PAYLOAD_LIMIT * 2];
        Arrays.fill(raw, (byte) 'x');

        DeadLetter dead = failure(metrics, raw);

        assertThat(dead.cause()).isEqualTo(DeadLetterCause.MALFORMED_JSON);
        assertThat(dead.payload()).hasSize(EventSerde.DEAD_LETTER_PAYLOAD_LIMIT);
    }

    @Test
    void shouldReportMalformedJsonWithLocation() {
        DeadLetter truncated = failure(metrics, utf8("{\"schemaVersion\":1,\n\"name\":"));
        DeadLetter garbage = failure(metrics, utf8("{\"schemaVersion\": tru}"));

        assertThat(truncated.cause()).isEqualTo(DeadLetterCause.MALFORMED_JSON);
        assertThat(truncated.reason()).startsWith("malformed JSON: ").contains("(line 2,");
        assertThat(garbage.cause()).isEqualTo(DeadLetterCause.MALFORMED_JSON);
        assertThat(garbage.reason()).contains("tru");
    }

    @Test
    void shouldRejectTrailingTokensAndInvalidUtf8AsMalformed() {
        byte[] invalidUtf8 = utf8(metric("source", "\"ab\""));
        int at = new String(invalidUtf8, StandardCharsets.UTF_8).indexOf("ab");
        invalidUtf8[at] = (byte) 0xC3; // start of a two-byte sequence ...
        invalidUtf8[at + 1] = (byte) 0x28; // ... with an invalid continuation byte

        assertThat(failure(metrics, utf8(metric("x", null) + " {}")).cause())
                .isEqualTo(DeadLetterCause.MALFORMED_JSON);
        assertThat(failure(metrics, invalidUtf8).cause()).isEqualTo(DeadLetterCause.MALFORMED_JSON);
    }

    @Test
    void shouldRejectExcessiveNesting() {
        String deep =
                "[".repeat(Json.MAX_NESTING_DEPTH + 10) + "]".repeat(Json.MAX_NESTING_DEPTH + 10);

        DeadLetter dead = failure(metrics, utf8(metric("extension", deep)));

        assertThat(dead.cause()).isEqualTo(DeadLetterCause.MALFORMED_JSON);
        assertThat(dead.reason()).contains("parser limits");
    }

    @Test
    void shouldNameMissingField() {
        DeadLetter dead = failure(metrics, utf8(metric("seriesId", null)));

        assertThat(dead.cause()).isEqualTo(DeadLetterCause.MISSING_FIELD);
        assertThat(dead.reason()).isEqualTo("missing required field 'seriesId'");
    }

    @Test
    void shouldNameMissingPrimitiveField() {
        DeadLetter dead = failure(metrics, utf8(metric("value", null)));

        assertThat(dead.cause()).isEqualTo(DeadLetterCause.MISSING_FIELD);
        assertThat(dead.reason()).isEqualTo("missing required field 'value'");
    }

    @Test
    void shouldNameNullRequiredField() {
        DeadLetter object = failure(metrics, utf8(metric("name", "null")));
        DeadLetter primitive = failure(metrics, utf8(metric("value", "null")));

        assertThat(object.cause()).isEqualTo(DeadLetterCause.MISSING_FIELD);
        assertThat(object.reason()).isEqualTo("required field 'name' is null");
        assertThat(primitive.cause()).isEqualTo(DeadLetterCause.MISSING_FIELD);
        assertThat(primitive.reason()).isEqualTo("required field 'value' is null");
    }

    @Test
    void shouldNameFieldOfWrongType() {
        DeadLetter text = failure(metrics, utf8(metric("value", "\"abc\"")));
        DeadLetter quotedNumber = failure(metrics, utf8(metric("value", "\"1.5\"")));
        DeadLetter fractionalVersion = failure(metrics, utf8(metric("schemaVersion", "1.5")));
        DeadLetter array = failure(metrics, utf8("[1,2]"));

        assertThat(text.cause()).isEqualTo(DeadLetterCause.INVALID_VALUE);
        assertThat(text.reason()).contains("'value'");
        assertThat(quotedNumber.cause()).isEqualTo(DeadLetterCause.INVALID_VALUE);
        assertThat(quotedNumber.reason()).contains("'value'");
        assertThat(fractionalVersion.cause()).isEqualTo(DeadLetterCause.INVALID_VALUE);
        assertThat(fractionalVersion.reason()).contains("'schemaVersion'");
        assertThat(array.cause()).isEqualTo(DeadLetterCause.INVALID_VALUE);
        assertThat(array.reason()).startsWith("wrong type for document");
    }

    @Test
    void shouldNameInvalidTimestamp() {
        DeadLetter dead = failure(metrics, utf8(metric("timestamp", "\"yesterday\"")));

        assertThat(dead.cause()).isEqualTo(DeadLetterCause.INVALID_VALUE);
        assertThat(dead.reason()).contains("'timestamp'");
    }

    @Test
    void shouldNameInvalidEnumConstant() {
        EventSerde<LogRecord> logs = EventSerde.of(LogRecord.class).withClock(CLOCK);
        String json =
                "{\"schemaVersion\":1,\"timestamp\":\"2026-11-25T22:00:00Z\",\"host\":\"h\","
                        + "\"severity\":\"LOUD\",\"message\":\"m\",\"labels\":{},\"source\":\"s\"}";

        DeadLetter dead = failure(logs, utf8(json));

        assertThat(dead.cause()).isEqualTo(DeadLetterCause.INVALID_VALUE);
        assertThat(dead.reason()).contains("'severity'").contains("LOUD");
    }

    @Test
    void shouldCarryInvariantViolationAsReason() throws IOException {
        EventSerde<Anomaly> anomalies = EventSerde.of(Anomaly.class).withClock(CLOCK);
        String example = new String(resource("examples/anomaly.v1.json"), StandardCharsets.UTF_8);

        DeadLetter dead =
                failure(anomalies, utf8(example.replace("\"score\": 0.87", "\"score\": 1.5")));

        assertThat(dead.cause()).isEqualTo(DeadLetterCause.INVALID_VALUE);
        assertThat(dead.reason()).isEqualTo("score must be in [0,1], was 1.5");
    }

    @Test
    void shouldRejectSeriesIdThatDoesNotMatchLabels() {
        DeadLetter dead = failure(metrics, utf8(metric("seriesId", "\"up\"")));

        assertThat(dead.cause()).isEqualTo(DeadLetterCause.INVALID_VALUE);
        assertThat(dead.reason()).contains("seriesId 'up' does not match");
    }

    @Test
    void shouldNameNestedMissingField() throws IOException {
        EventSerde<CdcEnvelope> cdc = EventSerde.of(CdcEnvelope.class).withClock(CLOCK);
        String example =
                new String(resource("examples/cdc-envelope.v1.json"), StandardCharsets.UTF_8);

        DeadLetter dead = failure(cdc, utf8(example.replace("\"table\": \"guests\",", "")));

        assertThat(dead.cause()).isEqualTo(DeadLetterCause.MISSING_FIELD);
        assertThat(dead.reason()).isEqualTo("missing required field 'source.table'");
    }

    @Test
    void shouldRejectUnsupportedSchemaVersion() {
        DeadLetter sameShape = failure(metrics, utf8(metric("schemaVersion", "2")));
        DeadLetter otherShape =
                failure(metrics, utf8("{\"schemaVersion\":2,\"series\":\"up\",\"v\":1.0}"));

        assertThat(sameShape.cause()).isEqualTo(DeadLetterCause.UNSUPPORTED_VERSION);
        assertThat(sameShape.reason())
                .isEqualTo("unsupported schemaVersion 2 of MetricSample (this reader supports 1)");
        assertThat(otherShape.cause()).isEqualTo(DeadLetterCause.UNSUPPORTED_VERSION);
    }

    @Test
    void shouldRejectVersionZeroAsInvalid() {
        DeadLetter dead = failure(metrics, utf8(metric("schemaVersion", "0")));

        assertThat(dead.cause()).isEqualTo(DeadLetterCause.UNSUPPORTED_VERSION);
    }

    @Test
    void shouldIgnoreUnknownPropertyUnlessStrict() {
        byte[] raw = utf8(metric("comment", "\"added by a newer producer\""));

        Decoded<MetricSample> lenient = metrics.deserialize(TOPIC, 0, 0L, raw);
        DeadLetter strict = failure(metrics.strict(), raw);

        assertThat(lenient.isOk()).isTrue();
        assertThat(strict.cause()).isEqualTo(DeadLetterCause.SCHEMA_VIOLATION);
        assertThat(strict.reason()).contains("comment");
    }

    @Test
    void shouldReportSchemaViolationsInStrictMode() {
        DeadLetter dead = failure(metrics.strict(), utf8(metric("timestamp", "\"2026-13-45\"")));

        assertThat(dead.cause()).isEqualTo(DeadLetterCause.SCHEMA_VIOLATION);
        assertThat(dead.reason()).contains("timestamp");
    }

    @Test
    void shouldReadRawDebeziumEnvelopeWithoutSchemaVersion() {
        EventSerde<CdcEnvelope> cdc = EventSerde.of(CdcEnvelope.class).strict();
        String debezium =
                "{\"before\":null,\"after\":{\"node\":\"pve1\",\"status\":\"online\",\"memory_bytes\":null},"
                        + "\"source\":{\"version\":\"3.6.1.Final\",\"connector\":\"postgresql\",\"name\":\"ralf\","
                        + "\"ts_ms\":1795730400000,\"snapshot\":\"false\",\"db\":\"ralf\",\"sequence\":\"[null,\\\"24023128\\\"]\","
                        + "\"ts_us\":1795730400000000,\"ts_ns\":1795730400000000000,\"schema\":\"ralf\",\"table\":\"nodes\","
                        + "\"txId\":7421,\"lsn\":24023128,\"xmin\":null},"
                        + "\"transaction\":null,\"op\":\"c\",\"ts_ms\":1795730400120,\"ts_us\":1795730400120000,"
                        + "\"ts_ns\":1795730400120000000}";

        CdcEnvelope envelope =
                cdc.deserialize("ralf.cdc.nodes", 0, 7L, utf8(debezium)).valueOrNull();

        assertThat(envelope).isNotNull();
        assertThat(envelope.schemaVersion()).isEqualTo(CdcEnvelope.SCHEMA_VERSION);
        assertThat(envelope.op()).isEqualTo(CdcOp.CREATE);
        assertThat(envelope.table()).isEqualTo("nodes");
        assertThat(envelope.after())
                .containsEntry("memory_bytes", null)
                .containsEntry("node", "pve1");
        assertThat(envelope.source().lsn()).isEqualTo(24023128L);
        assertThat(new String(cdc.serialize(envelope), StandardCharsets.UTF_8))
                .contains("\"memory_bytes\":null")
                .contains("\"schemaVersion\":1");
    }

    @Test
    void shouldRoundTripDeadLetterPayloadAsBase64() {
        EventSerde<DeadLetter> serde = EventSerde.of(DeadLetter.class);
        byte[] binary = {0, (byte) 0xff, 0x7f, (byte) 0x80, '{'};
        DeadLetter dead = failure(metrics, binary);

        byte[] json = serde.serialize(dead);
        DeadLetter back = serde.deserialize("ralf.deadletter", 0, 0L, json).valueOrNull();

        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"payload\":\"AP9/gHs=\"");
        assertThat(back).isEqualTo(dead);
        assertThat(back.payload()).isEqualTo(binary);
    }

    @Test
    void shouldStillDecodeAfterJavaSerialization() throws Exception {
        EventSerde<MetricSample> strict = metrics.strict().withMaxBytes(4096);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(strict);
        }

        Object copy;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }

        @SuppressWarnings("unchecked")
        EventSerde<MetricSample> restored = (EventSerde<MetricSample>) copy;
        assertThat(restored.isStrict()).isTrue();
        assertThat(restored.deserialize(TOPIC, 0, 0L, utf8(metric("x", null))).isOk()).isTrue();
        assertThat(failure(restored, utf8(metric("seriesId", null))).failedAt()).isEqualTo(NOW);
    }

    @Test
    void shouldNeverThrowForAnyPrefixOfAnyExample() throws IOException {
        for (EventType<?> type : EventTypes.all()) {
            for (EventSerde<?> serde :
                    new EventSerde<?>[] {EventSerde.of(type), EventSerde.of(type).strict()}) {
                byte[] example = resource(type.exampleResource());
                // Up to the closing brace: with the trailing newline the document is complete.
                int complete = new String(example, StandardCharsets.UTF_8).stripTrailing().length();
                for (int length = 0; length < complete; length++) {
                    byte[] prefix = Arrays.copyOf(example, length);

                    Decoded<?> decoded = serde.deserialize("t", 0, (long) length, prefix);

                    // A prefix of an object document is never a complete document.
                    assertThat(decoded.isOk()).as("%s prefix %d", type.name(), length).isFalse();
                    assertThat(decoded.deadLetterOrNull().reason()).isNotBlank();
                }
            }
        }
    }

    @Test
    void shouldNeverThrowForRandomBytesOrMutatedExamples() throws IOException {
        Random random = new Random(20261125L);
        byte[] example = resource("examples/anomaly.v1.json");
        EventSerde<Anomaly> anomalies = EventSerde.of(Anomaly.class);
        int ok = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] raw;
            if (i % 2 == 0) {
                raw = new byte[random.nextInt(200)];
                random.nextBytes(raw);
            } else {
                raw = example.clone();
                raw[random.nextInt(raw.length)] = (byte) (32 + random.nextInt(95));
            }

            Decoded<Anomaly> decoded = anomalies.deserialize("t", null, null, raw);

            if (decoded.isOk()) {
                ok++;
            } else {
                assertThat(decoded.deadLetterOrNull().reason()).isNotBlank();
            }
        }
        // Some single-character mutations (inside free text) leave a valid document.
        assertThat(ok).isPositive().isLessThan(1000);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = EventSerdeTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
