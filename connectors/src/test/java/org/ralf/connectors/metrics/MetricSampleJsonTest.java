package org.ralf.connectors.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.EventSerde;

class MetricSampleJsonTest {

    private static final EventSerde<MetricSample> SERDE = EventSerde.of(MetricSample.class);

    @Test
    void shouldWriteExactlyTheBytesOfTheSerde() {
        // Arrange: deterministic random series with awkward label values
        Random rnd = new Random(7);
        String[] values = {
            "idle",
            "C:\\dir",
            "quote\"inside",
            "new\nline",
            "tab\there",
            "ctl\u0001\u001f",
            "ünï©ødé €",
            "",
            "le=+Inf",
            "{}[],:"
        };
        double[] numbers = {
            0, -0.0, 1, 1.5, 1e21, 1e-7, 123456789.125, Double.MAX_VALUE, Double.MIN_VALUE, -42
        };
        MetricSampleJson json = new MetricSampleJson("remote-write:pve\"1");

        for (int i = 0; i < 500; i++) {
            Map<String, String> labels = new HashMap<>();
            for (int k = rnd.nextInt(5); k > 0; k--) {
                labels.put("l" + rnd.nextInt(10), values[rnd.nextInt(values.length)]);
            }
            double v =
                    i < numbers.length
                            ? numbers[i]
                            : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(30) - 15);
            long ts = 1_700_000_000_000L + rnd.nextInt(1_000_000_000) * (i % 3 == 0 ? 1 : 1000L);
            MetricSample s =
                    MetricSample.of(
                            "metric_" + (i % 7),
                            labels,
                            v,
                            Instant.ofEpochMilli(ts),
                            "remote-write:pve\"1");

            // Act
            byte[] fast = json.sample(MetricSampleJson.prefix(s), v, ts);

            // Assert
            assertThat(new String(fast, StandardCharsets.UTF_8))
                    .isEqualTo(new String(SERDE.serialize(s), StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldLeaveLoneSurrogatesToJackson() {
        assertThat(MetricSampleJson.writable("ok ü €")).isTrue();
        assertThat(MetricSampleJson.writable("bad \uD800")).isFalse();
    }
}
