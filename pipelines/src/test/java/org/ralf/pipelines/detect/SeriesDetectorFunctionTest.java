package org.ralf.pipelines.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ralf.models.detect.DetectorConfig;
import org.ralf.models.detect.DetectorState;
import org.ralf.models.detect.SeriesDetector;
import org.ralf.schemas.anomaly.Anomaly;

class SeriesDetectorFunctionTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long STEP = 15_000L;
    private static final Duration TTL = Duration.ofMinutes(30);
    private static final String SERIES = "node_load1{host=\"web01\"}";

    private KeyedOneInputStreamOperatorTestHarness<String, SeriesSample, Anomaly> harness;

    @BeforeEach
    void setUp() throws Exception {
        DetectStreamSettings options =
                DetectStreamSettings.defaults().withTimes(Duration.ofMinutes(10), TTL);
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new SeriesDetectorFunction(options)),
                        s -> s.seriesId,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    /** {@code n} normal samples of the series from T0 with seeded noise around 1.0. */
    private long feedNormal(String series, int n, long start) throws Exception {
        Random random = new Random(42);
        long ts = start;
        for (int i = 0; i < n; i++) {
            ts = start + i * STEP;
            process(series, 1.0 + 0.05 * random.nextGaussian(), ts);
        }
        return ts;
    }

    private void process(String series, double value, long ts) throws Exception {
        harness.processElement(
                new StreamRecord<>(SeriesSample.of(series, "web01", "node_load1", value, ts), ts));
    }

    private List<Anomaly> anomalies() {
        return harness.extractOutputValues();
    }

    @Test
    void shouldEmitOneExplainedAnomalyForASpikeAndSuppressTheFollowingOnes() throws Exception {
        // Arrange
        long last = feedNormal(SERIES, 400, T0);

        // Act: a burst of spikes, all within the suppression span
        for (int i = 1; i <= 6; i++) {
            process(SERIES, 25.0, last + i * STEP);
        }

        // Assert: the detector may need a sample or two to be sure, but emits only once
        assertThat(anomalies()).hasSize(1);
        Anomaly a = anomalies().get(0);
        assertThat(a.seriesId()).isEqualTo(SERIES);
        assertThat(a.entity()).isEqualTo("web01");
        assertThat(a.value()).isEqualTo(25.0);
        assertThat(a.expectedLow()).isNotNull();
        assertThat(a.expectedHigh()).isNotNull().isLessThan(25.0);
        assertThat(a.score()).isGreaterThanOrEqualTo(0.5);
        assertThat(a.contributions()).isNotEmpty();
        long end = a.windowEnd().toEpochMilli();
        assertThat(end).isBetween(last + STEP, last + 6 * STEP);
        assertThat(a.windowStart().toEpochMilli()).isEqualTo(end - STEP);
        assertThat(a.explanation()).contains(SERIES).contains("25.00");
    }

    @Test
    void shouldEmitASpikeThatFollowsAScoreBelowTheThreshold() throws Exception {
        // Arrange: a blip whose score lies between the detector's default alert level (0.2) and
        // the job's threshold (0.8), then a spike six samples later; the history once reached the
        // blip's level during the warm-up, so the blip is no new extreme for the spatial rule
        SeriesDetector nab = new SeriesDetector(DetectorConfig.defaults());
        DetectorState nabState = nab.newState();
        Random random = new Random(42);
        long last = T0;
        for (int i = 0; i < 400; i++) {
            last = T0 + i * STEP;
            double v = i == 50 ? 1.31 : 1.0 + 0.05 * random.nextGaussian();
            nab.update(nabState, last, v);
            process(SERIES, v, last);
        }
        long blipAt = last + STEP;
        long spikeAt = blipAt + 6 * STEP;
        double blipScore = nab.update(nabState, blipAt, 1.3).anomalyScore();
        for (int i = 1; i < 6; i++) {
            nab.update(nabState, blipAt + i * STEP, 1.0);
        }
        double cappedSpike = nab.update(nabState, spikeAt, 10.0).anomalyScore();

        // Act
        process(SERIES, 1.3, blipAt);
        for (int i = 1; i < 6; i++) {
            process(SERIES, 1.0, blipAt + i * STEP);
        }
        process(SERIES, 10.0, spikeAt);

        // Assert: with the alert level at 0.2 the blip starts the de-duplication and caps the
        // spike; in the job the blip is not an alert, and the spike is emitted
        assertThat(blipScore).isBetween(0.2, 0.8);
        assertThat(cappedSpike).isLessThan(0.2);
        assertThat(anomalies()).hasSize(1);
        assertThat(anomalies().get(0).windowEnd().toEpochMilli()).isEqualTo(spikeAt);
        assertThat(anomalies().get(0).value()).isEqualTo(10.0);
    }

    @Test
    void shouldScoreACounterByItsRateSoThatSteadyGrowthIsNormalAndABurstIsNot() throws Exception {
        // Arrange: a counter growing ~3/s with bounded noise (+-5 %: no new extreme of its rate
        // beyond the spatial rule's tolerance once the range is known), reset once (a restart)
        String counter = "node_cpu_seconds_total{host=\"web01\",mode=\"user\"}";
        Random random = new Random(7);
        double total = 1_000;
        long ts = T0;
        for (int i = 0; i < 400; i++) {
            ts = T0 + i * STEP;
            total = i == 200 ? 30 : total + 30 * (1 + 0.1 * (random.nextDouble() - 0.5));
            harness.processElement(
                    new StreamRecord<>(
                            SeriesSample.of(counter, "web01", "node_cpu_seconds_total", total, ts),
                            ts));
        }
        int steady = anomalies().size();

        // Act: the rate jumps tenfold
        for (int i = 1; i <= 4; i++) {
            total += 300;
            harness.processElement(
                    new StreamRecord<>(
                            SeriesSample.of(
                                    counter,
                                    "web01",
                                    "node_cpu_seconds_total",
                                    total,
                                    ts + i * STEP),
                            ts + i * STEP));
        }

        // Assert: growth and the reset are normal; the burst is one anomaly, in per-second units
        assertThat(steady).isZero();
        assertThat(anomalies()).hasSize(1);
        Anomaly a = anomalies().get(0);
        assertThat(a.value()).isEqualTo(20.0);
        assertThat(a.labels()).containsEntry("transform", "rate");
        assertThat(a.explanation()).startsWith("rate(" + counter + ") = 20.00/s");
    }

    @Test
    void shouldTellCountersByTheirPrometheusNamesAndCountResetsAsRestarts() {
        assertThat(SeriesDetectorFunction.isCounter("node_cpu_seconds_total")).isTrue();
        assertThat(SeriesDetectorFunction.isCounter("http_request_duration_seconds_bucket"))
                .isTrue();
        assertThat(SeriesDetectorFunction.isCounter("node_load1")).isFalse();
        assertThat(SeriesDetectorFunction.perSecond(100, 130, 15_000)).isEqualTo(2.0);
        assertThat(SeriesDetectorFunction.perSecond(100, 30, 15_000)).isEqualTo(2.0);
    }

    @Test
    void shouldNotEmitForNormalSamples() throws Exception {
        // Act
        feedNormal(SERIES, 400, T0);

        // Assert
        assertThat(anomalies()).isEmpty();
    }

    @Test
    void shouldIgnoreADuplicateTimestampButScoreTheSameValueWhenItIsNewer() throws Exception {
        // Arrange
        long last = feedNormal(SERIES, 400, T0);

        // Act: spikes with the timestamp of the last sample are duplicates and ignored
        for (int i = 0; i < 6; i++) {
            process(SERIES, 25.0, last);
        }
        int afterDuplicates = anomalies().size();
        for (int i = 1; i <= 6; i++) {
            process(SERIES, 25.0, last + i * STEP);
        }

        // Assert
        assertThat(afterDuplicates).isZero();
        assertThat(anomalies()).hasSize(1);
    }

    @Test
    void shouldRouteSamplesBehindTheWatermarkToTheLateOutput() throws Exception {
        // Arrange
        long last = feedNormal(SERIES, 10, T0);
        harness.processWatermark(last);

        // Act
        process(SERIES, 1.0, last - 5 * STEP);

        // Assert
        assertThat(harness.getSideOutput(SeriesDetectorFunction.LATE))
                .extracting(r -> r.getValue().timestamp)
                .containsExactly(last - 5 * STEP);
    }

    @Test
    void shouldFreeStateAndTimersOfASeriesThatStopsReporting() throws Exception {
        // Arrange: two series; the second keeps reporting after the first went silent
        String other = "node_load1{host=\"web02\"}";
        long lastOfFirst = feedNormal(SERIES, 20, T0);
        feedNormal(other, 20, T0);
        long late = lastOfFirst + TTL.toMillis() + STEP;
        process(other, 1.0, late);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2); // one SeriesState per series

        // Act: the watermark passes the first series' expiry
        harness.processWatermark(lastOfFirst + TTL.toMillis());

        // Assert: only the live series keeps its state and its one timer
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        // Act: and once it stops too, nothing is left
        harness.processWatermark(late + TTL.toMillis());

        // Assert
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
