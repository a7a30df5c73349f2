package org.ralf.pipelines.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.ralf.pipelines.entity.EntityKind;
import org.ralf.pipelines.entity.EntitySettings;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.metric.MetricSample;

class MetricIngestTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private OneInputStreamOperatorTestHarness<MetricSample, SeriesSample> harness()
            throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new MetricIngest(
                                EntitySettings.defaults(), DetectStreamSettings.defaults()));
        h.setProcessingTime(NOW.toEpochMilli());
        return h;
    }

    @Test
    void shouldDeadLetterASampleStampedFarInTheFuture() throws Exception {
        // Arrange
        var h = harness();
        MetricSample future =
                MetricSample.of(
                        "node_load1",
                        Map.of("host", "web01"),
                        1.0,
                        NOW.plus(Duration.ofHours(2)),
                        "test");

        // Act
        h.processElement(future, future.timestamp().toEpochMilli());

        // Assert
        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.getSideOutput(MetricIngest.DEAD_LETTERS))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getValue().cause())
                                    .isEqualTo(DeadLetterCause.INVALID_VALUE);
                            assertThat(r.getValue().reason()).contains("ahead of the clock");
                        });
    }

    @Test
    void shouldPassSamplesOnAndDeriveLivenessEvents() throws Exception {
        // Arrange
        var h = harness();
        MetricSample down =
                MetricSample.of(
                        "up",
                        Map.of("instance", "web01:9100", "service", "nginx"),
                        0.0,
                        NOW,
                        "test");

        // Act
        h.processElement(down, NOW.toEpochMilli());

        // Assert
        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(s -> assertThat(s.entity).isEqualTo("web01/nginx"));
        assertThat(h.getSideOutput(MetricIngest.ENTITY_EVENTS))
                .extracting(r -> r.getValue().kind + " " + r.getValue().entity)
                .containsExactlyInAnyOrder("DOWN web01/nginx", "ACTIVITY web01");
        assertThat(h.getSideOutput(MetricIngest.DEAD_LETTERS)).isNull();
        assertThat(EntityKind.valueOf("DOWN")).isEqualTo(EntityKind.DOWN);
    }
}
