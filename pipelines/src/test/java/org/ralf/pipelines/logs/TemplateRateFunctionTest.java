package org.ralf.pipelines.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;

class TemplateRateFunctionTest {

    private static final long T0 = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    /** Warm-up shortened so that a test needs tens of windows, not an hour of them. */
    private static final LogPatternStreamSettings OPTIONS =
            LogPatternStreamSettings.defaults()
                    .withDetector(Map.of("detect.warmup.samples", "20"))
                    .withTtl(Duration.ofDays(30), Duration.ofMinutes(30));

    private static KeyedOneInputStreamOperatorTestHarness<String, TemplateCount, Anomaly> harness()
            throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new TemplateRateFunction(OPTIONS), TemplateCount::seriesKey, Types.STRING);
        return h;
    }

    private static TemplateCount count(String id, long window, long n) {
        return TemplateCount.of(
                "web01/app", "web01", id, "job <*> done", T0 + window * MINUTE, n, false);
    }

    /** The miner's output order: a window's counts, then the watermark at the window's end. */
    private static void window(
            KeyedOneInputStreamOperatorTestHarness<String, TemplateCount, Anomaly> h,
            long w,
            TemplateCount... counts)
            throws Exception {
        for (TemplateCount c : counts) {
            h.processElement(c, c.windowStart + MINUTE - 1);
        }
        h.processWatermark(new Watermark(T0 + (w + 1) * MINUTE - 1));
    }

    @Test
    void shouldReportASpikeOnlyInTheWindowWhereTheRateJumps() throws Exception {
        try (var h = harness()) {
            Random random = new Random(42);
            for (int w = 0; w < 120; w++) {
                window(h, w, count("web01/app#1", w, 20 + random.nextInt(5)));
            }
            assertThat(h.extractOutputValues()).isEmpty();

            // Act
            window(h, 120, count("web01/app#1", 120, 400));

            // Assert
            List<Anomaly> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            Anomaly a = out.get(0);
            assertThat(a.kind()).isEqualTo(AnomalyKind.LOG_RATE);
            assertThat(a.detector()).isEqualTo(TemplateRateFunction.SPIKE);
            assertThat(a.windowStart()).isEqualTo(Instant.ofEpochMilli(T0 + 120 * MINUTE));
            assertThat(a.value()).isEqualTo(400.0);
            assertThat(a.templateId()).isEqualTo("web01/app#1");
            assertThat(a.entity()).isEqualTo("web01");
        }
    }

    @Test
    void shouldReportTheDisappearanceOfARegularTemplateOnce() throws Exception {
        try (var h = harness()) {
            for (int w = 0; w < 12; w++) {
                if (w < 3) {
                    window(h, w, count("web01/app#1", w, 5), count("web01/app#2", w, 1));
                } else {
                    window(h, w, count("web01/app#1", w, 5));
                }
            }

            // Act: three windows without any line of #1
            window(h, 12);
            window(h, 13);
            window(h, 14);

            // Assert: #1 (12 windows in a row) disappeared once; #2 (3 windows) was never regular
            List<Anomaly> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).detector()).isEqualTo(TemplateRateFunction.DISAPPEARED);
            assertThat(out.get(0).templateId()).isEqualTo("web01/app#1");
            assertThat(out.get(0).windowStart()).isEqualTo(Instant.ofEpochMilli(T0 + 12 * MINUTE));
        }
    }

    @Test
    void shouldDropStateAndTimersOfATemplateSilentForTheTimeToLive() throws Exception {
        try (var h = harness()) {
            for (int w = 0; w < 3; w++) {
                window(h, w, count("web01/app#1", w, 5));
            }
            assertThat(h.numKeyedStateEntries()).isEqualTo(2);

            // Act: 30 minutes of silence
            h.processWatermark(new Watermark(T0 + 40 * MINUTE));

            // Assert
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void shouldDropTheRateSeriesOfARetiredIdWithoutAnAlert() throws Exception {
        try (var h = harness()) {
            for (int w = 0; w < 12; w++) {
                window(h, w, count("web01/app#2", w, 5));
            }
            // Act: #2 was merged into #1
            TemplateCount retired = count("web01/app#2", 12, 0);
            retired.retired = true;
            h.processElement(retired, T0 + 12 * MINUTE);
            window(h, 12);
            window(h, 13);

            // Assert
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
