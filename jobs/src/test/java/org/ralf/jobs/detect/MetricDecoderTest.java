package org.ralf.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ralf.schemas.serde.MetricDocuments.metric;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.Decoded;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.schemas.serde.Json;

/**
 * {@link MetricDecoder} against the reference, {@code EventSerde<MetricSample>}: for every payload
 * the same value or the same dead letter, and the fast path takes what producers write.
 */
class MetricDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-25T22:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String TOPIC = "ralf.metrics";

    private final EventSerde<MetricSample> serde =
            EventSerde.of(MetricSample.class).withClock(CLOCK);
    private final MetricDecoder decoder = new MetricDecoder(CLOCK);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Asserts the decoder's outcome equals the serde's; returns whether the payload was valid. */
    private boolean assertSameOutcome(byte[] raw, String what) {
        Decoded<MetricSample> expected = serde.deserialize(TOPIC, 3, 42L, raw);

        Decoded<MetricSample> actual = decoder.decode(TOPIC, 3, 42L, raw);

        assertThat(actual.isOk()).as("accepted: %s", what).isEqualTo(expected.isOk());
        if (expected.isOk()) {
            assertThat(actual.valueOrNull()).as(what).isEqualTo(expected.valueOrNull());
        } else {
            // payload is a byte[]: compared by content
            assertThat(actual.deadLetterOrNull())
                    .as(what)
                    .usingRecursiveComparison()
                    .isEqualTo(expected.deadLetterOrNull());
        }
        return expected.isOk();
    }

    @Test
    void shouldDecodeTheContractExampleOnTheFastPath() throws IOException {
        byte[] example = resource("examples/metric-sample.v1.json");

        boolean valid = assertSameOutcome(example, "contract example");

        assertThat(valid).isTrue();
        assertThat(decoder.fast(example))
                .isEqualTo(serde.deserialize(TOPIC, 0, 0L, example).valueOrNull());
    }

    @Test
    void shouldDecodeAGeneratedCorpusLikeTheSerdeAndOnTheFastPath() {
        Random random = new Random(20261126L);
        int fast = 0;
        int n = 2_000;
        for (int i = 0; i < n; i++) {
            MetricSample sample = randomSample(random);
            byte[] written = serde.serialize(sample);
            byte[] pretty = utf8(pretty(sample));

            assertThat(assertSameOutcome(written, "written " + sample)).isTrue();
            assertThat(assertSameOutcome(pretty, "pretty, shuffled " + sample)).isTrue();
            assertThat(decoder.decode(TOPIC, 0, 0L, written).valueOrNull()).isEqualTo(sample);
            if (decoder.fast(written) != null && decoder.fast(pretty) != null) {
                fast++;
            }
        }
        // every document a producer writes through the serde takes the fast path
        assertThat(fast).isEqualTo(n);
    }

    @Test
    void shouldDeadLetterEveryBadInputOfTheSerdeTestsWithTheSameCauseAndReason() {
        List<byte[]> bad = new ArrayList<>();
        bad.add(null);
        bad.add(new byte[0]);
        for (String s :
                new String[] {
                    " ",
                    "null",
                    "[1,2]",
                    "\"text\"",
                    "42",
                    "{}",
                    "{\"schemaVersion\":1,\n\"name\":",
                    "{\"schemaVersion\": tru}",
                    metric("x", null) + " {}",
                    metric("x", null) + " x",
                    metric(
                            "extension",
                            "[".repeat(Json.MAX_NESTING_DEPTH + 10)
                                    + "]".repeat(Json.MAX_NESTING_DEPTH + 10)),
                    metric("labels", "{\"job\":" + "[".repeat(70) + "]".repeat(70) + "}"),
                    // missing, null and wrongly typed fields
                    metric("seriesId", null),
                    metric("name", null),
                    metric("labels", null),
                    metric("value", null),
                    metric("timestamp", null),
                    metric("source", null),
                    metric("schemaVersion", null),
                    metric("name", "null"),
                    metric("value", "null"),
                    metric("labels", "null"),
                    metric("timestamp", "null"),
                    metric("schemaVersion", "null"),
                    metric("value", "\"abc\""),
                    metric("value", "\"1.5\""),
                    metric("value", "\"NaN\""),
                    metric("value", "NaN"),
                    metric("value", "Infinity"),
                    metric("value", "-Infinity"),
                    metric("value", "1e400"),
                    metric("value", "-1e400"),
                    metric("value", "true"),
                    metric("value", "[1.0]"),
                    metric("value", "{\"v\":1.0}"),
                    metric("schemaVersion", "1.5"),
                    metric("schemaVersion", "1.0"),
                    metric("schemaVersion", "\"1\""),
                    metric("schemaVersion", "2"),
                    metric("schemaVersion", "0"),
                    metric("schemaVersion", "-1"),
                    metric("schemaVersion", "4294967297"),
                    metric("schemaVersion", "99999999999999999999999"),
                    metric("name", "42"),
                    metric("name", "\"\""),
                    metric("name", "\" \""),
                    metric("source", "\"\""),
                    metric("source", "[\"test\"]"),
                    metric("seriesId", "\"up\""),
                    metric("seriesId", "\"\""),
                    metric("seriesId", "\"up{job=\\\"other\\\"}\""),
                    metric("labels", "[]"),
                    metric("labels", "\"job=node\""),
                    metric("labels", "{\"job\":null}"),
                    metric("labels", "{\"job\":1}"),
                    metric("labels", "{\"job\":{\"x\":\"y\"}}"),
                    metric("labels", "{\"job\":\"node\",\"job\":\"other\"}"),
                    metric("timestamp", "\"yesterday\""),
                    metric("timestamp", "\"2026-02-30T00:00:00Z\""),
                    metric("timestamp", "\"2026-13-45\""),
                    metric("timestamp", "\"2026-11-25T22:00:00\""),
                    metric("timestamp", "[]"),
                    // repeated fields whose last value breaks an invariant
                    metric("x", null)
                            .replace(
                                    "\"source\":\"test\"}",
                                    "\"source\":\"test\",\"value\":\"no\"}"),
                    metric("x", null)
                            .replace(
                                    "\"source\":\"test\"}",
                                    "\"source\":\"test\",\"name\":\"down\"}"),
                }) {
            bad.add(s == null ? null : utf8(s));
        }
        byte[] large =
                utf8(metric("padding", "\"" + "x".repeat(EventSerde.DEFAULT_MAX_BYTES) + "\""));
        bad.add(large);
        byte[] invalidUtf8 = utf8(metric("source", "\"ab\""));
        int at = new String(invalidUtf8, StandardCharsets.UTF_8).indexOf("ab");
        invalidUtf8[at] = (byte) 0xC3;
        invalidUtf8[at + 1] = (byte) 0x28;
        bad.add(invalidUtf8);

        for (byte[] raw : bad) {
            String what =
                    raw == null
                            ? "null"
                            : new String(raw, 0, Math.min(raw.length, 200), StandardCharsets.UTF_8);

            boolean valid = assertSameOutcome(raw, what);

            assertThat(valid).as("a bad input: %s", what).isFalse();
        }
    }

    @Test
    void shouldAgreeOnValidVariantsTheFastPathMayLeaveToTheSerde() {
        for (String s :
                new String[] {
                    metric("comment", "\"added by a newer producer\""),
                    metric("observedAt", "\"2020-01-01T00:00:00Z\""),
                    metric("value", "1"),
                    metric("value", "-0.0"),
                    metric("value", "1E+2"),
                    metric("value", "12345678901234567890"),
                    metric("timestamp", "1764108000"),
                    metric("timestamp", "\"2026-11-25T23:00:00+01:00\""),
                    // Instant.parse reads 24:00 as the end of the day
                    metric("timestamp", "\"2026-11-25T24:00:00Z\""),
                    metric("timestamp", "\"2026-11-25T22:00:00.123456789Z\""),
                    metric("labels", "{\"job\":\"node\",\"job\":\"node\"}"),
                    metric("x", null)
                            .replace(
                                    "\"source\":\"test\"}",
                                    "\"source\":\"other\",\"source\":\"test\"}"),
                    " \n" + metric("x", null) + " \n",
                    "\uFEFF" + metric("x", null),
                    metric("labels", "{}").replace("up{job=\\\"node\\\"}", "up"),
                    metric("labels", "{\"zeta\":\"1\",\"alpha\":\"2\"}")
                            .replace("up{job=\\\"node\\\"}", "up{alpha=\\\"2\\\",zeta=\\\"1\\\"}"),
                }) {
            assertSameOutcome(utf8(s), s);
        }
    }

    @Test
    void shouldAgreeOnEveryPrefixAndOnSeededMutationsOfValidDocuments() throws IOException {
        Random random = new Random(7L);
        List<byte[]> docs = new ArrayList<>();
        docs.add(resource("examples/metric-sample.v1.json"));
        docs.add(serde.serialize(randomSample(random)));
        docs.add(utf8(metric("x", null)));
        int valid = 0;
        int mutations = 0;
        for (byte[] doc : docs) {
            for (int length = 0; length <= doc.length; length++) {
                assertSameOutcome(Arrays.copyOf(doc, length), "prefix " + length);
            }
            for (int i = 0; i < 2_000; i++) {
                byte[] mutated = doc.clone();
                int edits = 1 + random.nextInt(2);
                for (int e = 0; e < edits; e++) {
                    mutated[random.nextInt(mutated.length)] = (byte) (32 + random.nextInt(95));
                }
                mutations++;
                if (assertSameOutcome(mutated, new String(mutated, StandardCharsets.UTF_8))) {
                    valid++;
                }
            }
        }
        // some edits (inside the free-text source, in whitespace) leave a valid document; most
        // break it
        assertThat(valid).isPositive().isLessThan(mutations / 2);
    }

    private static final String[] NAMES = {"up", "node_load1", "http_requests_total", "a:b_c"};
    private static final String[] KEYS = {
        "host", "instance", "job", "service", "mountpoint", "le", "série"
    };
    private static final String[] ODD = {
        "", "\"", "\\", "\n", "\t", "é", "日本", "{}", "a=\"b\",c", "😀", "\u0001"
    };

    static MetricSample randomSample(Random random) {
        Map<String, String> labels = new TreeMap<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            String key = KEYS[random.nextInt(KEYS.length)] + (random.nextBoolean() ? "" : i);
            StringBuilder v = new StringBuilder();
            int parts = random.nextInt(4);
            for (int p = 0; p < parts; p++) {
                v.append(
                        random.nextBoolean()
                                ? ODD[random.nextInt(ODD.length)]
                                : Integer.toString(random.nextInt(1000)));
            }
            labels.put(key, v.toString());
        }
        double value =
                switch (random.nextInt(6)) {
                    case 0 -> random.nextGaussian() * 100;
                    case 1 -> random.nextInt(1000);
                    case 2 ->
                            Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL)
                                    * (random.nextBoolean() ? 1 : -1);
                    case 3 -> random.nextDouble() * 1e-300;
                    case 4 -> random.nextBoolean() ? 0.0 : -0.0;
                    default -> Math.round(random.nextDouble() * 1e6) / 1e3;
                };
        long seconds =
                Instant.parse("1970-01-01T00:00:00Z").getEpochSecond()
                        + (long) (random.nextDouble() * 4e9);
        int nanos =
                switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> random.nextInt(1000) * 1_000_000;
                    case 2 -> random.nextInt(1_000_000) * 1_000;
                    default -> random.nextInt(1_000_000_000);
                };
        return MetricSample.of(
                NAMES[random.nextInt(NAMES.length)],
                labels,
                value,
                Instant.ofEpochSecond(seconds, nanos),
                "src-" + random.nextInt(50) + (random.nextInt(10) == 0 ? "\"ü\\" : ""));
    }

    /**
     * The sample as another producer might write it: fields in reverse order, labels unsorted,
     * whitespace between tokens, the value with an exponent.
     */
    private static String pretty(MetricSample s) {
        StringBuilder labels = new StringBuilder("{ ");
        List<Map.Entry<String, String>> entries = new ArrayList<>(s.labels().entrySet());
        java.util.Collections.reverse(entries);
        for (Map.Entry<String, String> e : entries) {
            labels.append(labels.length() > 2 ? " ,\n " : "")
                    .append(quote(e.getKey()))
                    .append(" : ")
                    .append(quote(e.getValue()));
        }
        labels.append(" }");
        return "{\n  \"source\" : "
                + quote(s.source())
                + ",\n  \"timestamp\" : "
                + quote(s.timestamp().toString())
                + ",\n  \"value\" : "
                + String.format(java.util.Locale.ROOT, "%.17e", s.value())
                + ",\n  \"labels\" : "
                + labels
                + ",\n  \"name\" : "
                + quote(s.name())
                + ",\n  \"seriesId\" : "
                + quote(s.seriesId())
                + ",\n  \"schemaVersion\" : 1\n}\n";
    }

    private static String quote(String s) {
        try {
            return Json.mapper().writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MetricDecoderTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
