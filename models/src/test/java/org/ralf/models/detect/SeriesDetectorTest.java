package org.ralf.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Contract and signature tests of {@link SeriesDetector} on seeded synthetic data. */
class SeriesDetectorTest {

    private final SeriesDetector detector = new SeriesDetector(DetectorConfig.defaults());

    private static double maxScore(Score[] s, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) {
            m = Math.max(m, s[i].anomalyScore());
        }
        return m;
    }

    @Test
    void shouldBeCausal() {
        // Arrange: two series identical up to index 700, different afterwards.
        double[] a = SyntheticSeries.daily(1000, 50, 10, 1, 1L);
        double[] b = a.clone();
        Random r = new Random(2L);
        for (int i = 701; i < b.length; i++) {
            b[i] = 1000 * r.nextDouble();
        }

        // Act
        Score[] sa = SyntheticSeries.run(detector, detector.newState(), a);
        Score[] sb = SyntheticSeries.run(detector, detector.newState(), b);

        // Assert
        for (int i = 0; i <= 700; i++) {
            assertThat(sb[i]).as("score %d", i).isEqualTo(sa[i]);
        }
        assertThat(Arrays.equals(sa, sb)).isFalse();
    }

    @Test
    void shouldKeepStateSizeBoundedOverAMillionSamples() {
        // Arrange: the default configuration, a noisy series with rare spikes and a slow trend
        // (the trend keeps widening the value frame, i.e. re-encoding the stored codes).
        SeriesDetector d = new SeriesDetector(DetectorConfig.defaults());
        DetectorState s = d.newState();
        long bound = DetectorState.maxSizeInBytes(DetectorConfig.defaults());
        long largest = 0;
        Random r = new Random(3L);

        // Act
        for (int i = 0; i < 1_000_000; i++) {
            d.update(
                    s,
                    SyntheticSeries.ts(i),
                    100 + 1e-4 * i + 10 * r.nextGaussian() + (i % 5000 == 0 ? 500 : 0));
            largest = Math.max(largest, s.sizeInBytes());
        }

        // Assert
        assertThat(s.count).isEqualTo(1_000_000L);
        assertThat(largest).isLessThanOrEqualTo(bound);
        assertThat(s.clusterTrained).isTrue();
        assertThat(s.clusterPrefix).isEmpty(); // the training prefix is freed once trained
        assertThat(s.clusterCentroids)
                .hasSize(
                        DetectorConfig.defaults().clusterCentroids()
                                * DetectorConfig.defaults().contextDim());
        assertThat(s.contextRing).hasSize(64 + DetectorConfig.defaults().contextDim());
        assertThat(s.robustRing).hasSize(32);
    }

    @Test
    void shouldScoreAlikeWhateverTheOffsetOfTheSeries() {
        // Arrange: the same series around 0 and around 1e6: the value frame follows the series, so
        // the 16-bit codes lose no precision to a large offset.
        double[] v = SyntheticSeries.daily(3000, 0, 20, 1, 13L);
        double[] shifted = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            shifted[i] = v[i] + 1e6;
        }
        v[2500] += 15;
        shifted[2500] += 15;

        // Act
        Score[] a = SyntheticSeries.run(detector, detector.newState(), v);
        Score[] b = SyntheticSeries.run(detector, detector.newState(), shifted);

        // Assert
        assertThat(b[2500].anomalyScore()).isCloseTo(a[2500].anomalyScore(), within(0.02));
        assertThat(b[2500].anomalyScore()).isGreaterThan(maxScore(b, 2000, 2500));
        assertThat(b[2500].expectedLow() - 1e6).isCloseTo(a[2500].expectedLow(), within(0.05));
    }

    @Test
    void shouldKeepStoredValuesWhileTheFrameWidens() {
        // Arrange: values whose range grows by orders of magnitude, each stored as it arrives
        double[] values = {5.0, 5.001, 4.9, 7.5, -300.0, 1e4, 12.25};
        DetectorState s = new DetectorState();
        s.robustRing = new short[values.length];

        // Act: every new value may widen the frame and re-encode the values stored before it
        for (int i = 0; i < values.length; i++) {
            ValueFrame.cover(s, values[i]);
            s.robustRing[i] = ValueFrame.encode(s, values[i]);
            s.robustSize = i + 1; // the ring's filled length: the codes the frame re-encodes
        }

        // Assert: within a few code steps of the final frame (at most about twice the range)
        double step = 2 * (1e4 + 300.0) / 65535;
        for (int i = 0; i < values.length; i++) {
            assertThat(ValueFrame.decode(s, s.robustRing[i]))
                    .as("value %d", i)
                    .isCloseTo(values[i], within(2 * step));
        }
        assertThat(ValueFrame.decodeUnit(ValueFrame.encodeUnit(0.3))).isCloseTo(0.3, within(1e-5));
    }

    @Test
    void shouldGiveTheRobustRangeExactlyWhereTheScoreCanAlert() {
        // Arrange: the robust detector is not fused by default, so its median/MAD fit is computed
        // only for scores at the alert level; a detector that fuses it computes it every sample.
        double[] v = SyntheticSeries.daily(3000, 50, 10, 1, 11L);
        for (int i = 1200; i < v.length; i += 300) {
            v[i] += 20;
        }
        DetectorConfig defaults = DetectorConfig.defaults();
        EnumSet<DetectorKind> withRobust = EnumSet.copyOf(defaults.enabled());
        withRobust.add(DetectorKind.ROBUST);
        SeriesDetector eager = new SeriesDetector(defaults.withEnabled(withRobust));

        // Act
        Score[] lazy = SyntheticSeries.run(detector, detector.newState(), v);
        Score[] every = SyntheticSeries.run(eager, eager.newState(), v);

        // Assert: the same fit of the same values where it is given, nothing elsewhere
        int alerts = 0;
        for (int i = 0; i < v.length; i++) {
            if (lazy[i].anomalyScore() >= defaults.alertLevel()) {
                alerts++;
                assertThat(lazy[i].expectedLow()).as("low %d", i).isEqualTo(every[i].expectedLow());
                assertThat(lazy[i].expectedHigh())
                        .as("high %d", i)
                        .isEqualTo(every[i].expectedHigh());
                assertThat(lazy[i].contribution(DetectorKind.ROBUST).raw())
                        .isEqualTo(every[i].contribution(DetectorKind.ROBUST).raw());
            } else {
                assertThat(lazy[i].expectedLow()).as("low %d", i).isNaN();
            }
        }
        assertThat(alerts).isGreaterThanOrEqualTo(5);
        assertThat(every[2999].expectedLow()).isFinite();
    }

    @Test
    void shouldScoreALevelNeverSeenBeforeAsAnAnomalyWhateverTheTails() {
        // Arrange: a heavy-tailed series (routine 20-sigma bursts to about 70), then one value
        // beyond the observed range by more than 5 % of it, then one just inside the range
        double[] v = SyntheticSeries.noise(3000, 50, 1, 21L);
        Random r = new Random(22L);
        for (int i = 0; i < 2500; i++) {
            if (r.nextInt(40) == 0) {
                v[i] = 70 + r.nextDouble();
            }
        }
        double max = Arrays.stream(v, 0, 2500).max().orElseThrow();
        double min = Arrays.stream(v, 0, 2500).min().orElseThrow();
        v[2500] = max + 0.08 * (max - min);
        v[2800] = max - 0.01;
        EnumSet<DetectorKind> withoutRule = EnumSet.copyOf(DetectorConfig.defaults().enabled());
        withoutRule.remove(DetectorKind.SPATIAL);
        SeriesDetector fusedOnly =
                new SeriesDetector(DetectorConfig.defaults().withEnabled(withoutRule));

        // Act
        Score[] s = SyntheticSeries.run(detector, detector.newState(), v);
        Score[] f = SyntheticSeries.run(fusedOnly, fusedOnly.newState(), v);

        // Assert: the rule gives the new level the full score and names itself; the tails alone
        // forgive it; a value inside the range is left to the fusion
        assertThat(s[2500].anomalyScore()).isEqualTo(1.0);
        assertThat(s[2500].contribution(DetectorKind.SPATIAL).share()).isEqualTo(1.0);
        assertThat(s[2500].contribution(DetectorKind.SPATIAL).raw()).isCloseTo(0.08, within(1e-9));
        assertThat(f[2500].anomalyScore()).isLessThan(1.0);
        assertThat(s[2800].anomalyScore()).isEqualTo(f[2800].anomalyScore());
        assertThat(s[2800].contribution(DetectorKind.SPATIAL).share()).isZero();
    }

    @Test
    void shouldLeaveAYoungSeriesNewExtremesToTheFusion() {
        // Arrange: a series younger than the cluster prefix reaching a new extreme by 50 % of its
        // range, once past warm-up
        int young = DetectorConfig.defaults().clusterPrefix() - 100;
        double[] v = SyntheticSeries.noise(young + 1, 50, 1, 23L);
        double max = Arrays.stream(v, 0, young).max().orElseThrow();
        double min = Arrays.stream(v, 0, young).min().orElseThrow();
        v[young] = max + 0.5 * (max - min);

        // Act
        Score[] s = SyntheticSeries.run(detector, detector.newState(), v);

        // Assert: measured, but not ruled on
        assertThat(s[young].contribution(DetectorKind.SPATIAL).raw()).isCloseTo(0.5, within(1e-9));
        assertThat(s[young].contribution(DetectorKind.SPATIAL).share()).isZero();
        assertThat(s[young].anomalyScore()).isLessThan(1.0);
    }

    @Test
    void shouldFireOnSpike() {
        double[] v = SyntheticSeries.noise(2500, 10, 1, 4L);
        v[2000] = 25;

        Score[] s = SyntheticSeries.run(detector, detector.newState(), v);

        assertThat(s[2000].anomalyScore())
                .isGreaterThanOrEqualTo(DetectorConfig.defaults().alertLevel());
        assertThat(s[2000].anomalyScore()).isGreaterThan(maxScore(s, 1000, 2000));
        assertThat(s[2000].contribution(DetectorKind.ROBUST).tailProbability()).isLessThan(1e-6);
        assertThat(s[2000].expectedHigh()).isLessThan(25);
    }

    @Test
    void shouldDetectLevelShiftWithChangePoint() {
        double[] v = SyntheticSeries.noise(3000, 10, 1, 5L);
        for (int i = 2000; i < v.length; i++) {
            v[i] += 3; // a sustained 3-sigma shift
        }

        Score[] s = SyntheticSeries.run(detector, detector.newState(), v);

        int firstChange = -1;
        for (int i = 2000; i < 2050 && firstChange < 0; i++) {
            if (s[i].contribution(DetectorKind.CHANGE_POINT).raw()
                    > DetectorConfig.defaults().cusumThreshold()) {
                firstChange = i;
            }
        }
        assertThat(firstChange).isBetween(2000, 2015);
        // the fused score raises an alert at the shift (3 sigma is within reach of a noise blip's
        // magnitude, so the score itself need not exceed every blip of 1,000 noise samples)
        assertThat(maxScore(s, 2000, 2015))
                .isGreaterThanOrEqualTo(DetectorConfig.defaults().alertLevel());
    }

    @Test
    void shouldForecastTimeToThresholdOnTrend() {
        // Arrange: disk usage growing 0.01 %/sample (5 min) from 50 %, threshold 95 %.
        SeriesDetector d = new SeriesDetector(DetectorConfig.defaults().withForecastThreshold(95));
        DetectorState s = d.newState();
        Random r = new Random(6L);
        Score last = null;

        // Act
        for (int i = 0; i < 2000; i++) {
            last = d.update(s, SyntheticSeries.ts(i), 50 + 0.01 * i + 0.05 * r.nextGaussian());
        }

        // Assert: at i = 1999 the level is ~70 %, 25 % to go at 0.01 %/5 min = 2500 samples.
        double expectedMillis = (95 - (50 + 0.01 * 1999)) / 0.01 * SyntheticSeries.STEP;
        assertThat((double) last.timeToThresholdMillis())
                .isCloseTo(expectedMillis, within(0.1 * expectedMillis));
        assertThat(last.contribution(DetectorKind.FORECAST).raw())
                .isZero(); // beyond the 1-day horizon
    }

    @Test
    void shouldRaiseForecastContributionWhenThresholdIsNear() {
        SeriesDetector d = new SeriesDetector(DetectorConfig.defaults().withForecastThreshold(95));
        DetectorState s = d.newState();
        Score last = null;

        for (int i = 0; i < 2000; i++) {
            last = d.update(s, SyntheticSeries.ts(i), 50 + 0.02215 * i); // ~94.3 % at the end
        }

        // 0.72 % to go at 0.02215 %/5 min: about 2.7 h, well inside the 24 h horizon.
        assertThat(last.timeToThresholdMillis()).isBetween(2 * 3_600_000L, 4 * 3_600_000L);
        assertThat(last.contribution(DetectorKind.FORECAST).tailProbability()).isLessThan(0.05);
    }

    @Test
    void shouldFlagSeasonalDeviationThatIsNormalGlobally() {
        // Arrange: 20 days of a daily cycle; then at a daily trough the value of the daily peak.
        double[] v = SyntheticSeries.daily(288 * 21, 50, 20, 1, 7L);
        int trough = 288 * 20 + 216; // sin minimum: value ~30
        v[trough] = 70; // globally within [30, 70]

        // Act
        Score[] s = SyntheticSeries.run(detector, detector.newState(), v);

        // Assert
        Contribution seasonal = s[trough].contribution(DetectorKind.SEASONAL);
        assertThat(seasonal.raw()).isGreaterThan(5);
        assertThat(seasonal.tailProbability()).isLessThan(1e-6);
        assertThat(s[trough].contribution(DetectorKind.EWMA).raw()).isLessThan(seasonal.raw());
    }

    @Test
    void shouldFlagUnseenShapeWithContextAndClusterDetectors() {
        // Arrange: a clean daily cycle; on day 6 it stalls flat at mid-level for 40 samples while
        // it
        // should be rising, so every single value stays inside the normal range.
        double[] v = SyntheticSeries.daily(288 * 7, 50, 20, 0.2, 12L);
        int start = 288 * 6 + 10;
        for (int i = start; i < start + 40; i++) {
            v[i] += (i % 2 == 0) ? 12 : -12;
        }

        // Act
        Score[] s = SyntheticSeries.run(detector, detector.newState(), v);

        // Assert
        double contextBefore = 0;
        double clusterBefore = 0;
        for (int i = 288 * 5; i < start; i++) {
            contextBefore = Math.max(contextBefore, s[i].contribution(DetectorKind.CONTEXT).raw());
            clusterBefore = Math.max(clusterBefore, s[i].contribution(DetectorKind.CLUSTER).raw());
        }
        // The kNN history adapts within a few samples (the oscillation soon matches its own recent
        // shapes), so it flags the onset; the k-means model, frozen on the prefix, keeps flagging.
        double contextOnset = 0;
        for (int i = start; i < start + 12; i++) {
            contextOnset = Math.max(contextOnset, s[i].contribution(DetectorKind.CONTEXT).raw());
        }
        assertThat(contextOnset).isGreaterThan(2 * contextBefore);
        assertThat(s[start + 30].contribution(DetectorKind.CLUSTER).raw())
                .isGreaterThan(2 * clusterBefore);
        assertThat(maxScore(s, start, start + 40)).isGreaterThan(maxScore(s, 288 * 5, start));
    }

    @Test
    void shouldRejectNonFiniteValuesWithoutTouchingState() {
        double[] clean = SyntheticSeries.noise(600, 10, 1, 8L);
        SeriesDetector d = detector;
        DetectorState a = d.newState();
        DetectorState b = d.newState();
        Score[] expected = SyntheticSeries.run(d, a, clean);

        Score[] actual = new Score[clean.length];
        for (int i = 0; i < clean.length; i++) {
            if (i == 300) {
                assertThat(d.update(b, SyntheticSeries.ts(i), Double.NaN).accepted()).isFalse();
                assertThat(d.update(b, SyntheticSeries.ts(i), Double.POSITIVE_INFINITY).accepted())
                        .isFalse();
            }
            actual[i] = d.update(b, SyntheticSeries.ts(i), clean[i]);
        }

        assertThat(actual).containsExactly(expected);
        assertThat(b.rejected).isEqualTo(2);
    }

    @Test
    void shouldRejectTimestampGoingBackwards() {
        DetectorState s = detector.newState();
        detector.update(s, SyntheticSeries.ts(10), 1.0);

        Score late = detector.update(s, SyntheticSeries.ts(9), 1.0);

        assertThat(late.accepted()).isFalse();
        assertThat(s.count).isEqualTo(1);
    }

    @Test
    void shouldKeepFusedScoreInUnitIntervalWithSharesSummingToOne() {
        double[] v = SyntheticSeries.noise(3000, 10, 1, 9L);
        Random r = new Random(10L);
        for (int i = 0; i < 30; i++) {
            v[500 + r.nextInt(2400)] = r.nextBoolean() ? 1e6 : -1e6;
        }

        Score[] s = SyntheticSeries.run(detector, detector.newState(), v);

        for (Score x : s) {
            assertThat(x.anomalyScore()).isBetween(0.0, 1.0);
            double sum = x.contributions().stream().mapToDouble(Contribution::share).sum();
            assertThat(sum)
                    .satisfiesAnyOf(
                            t -> assertThat(t).isCloseTo(1.0, within(1e-9)),
                            t -> assertThat(t).isZero());
            assertThat(x.contributions()).hasSize(DetectorKind.values().length);
        }
        assertThat(maxScore(s, 0, s.length)).isGreaterThan(0.5);
    }

    @Test
    void shouldKeepScoresInUnitIntervalOnAbsurdMagnitudes() {
        // Arrange: values up to Double.MAX_VALUE, also inside the k-means training prefix (Tribuo
        // rejects the non-finite features their normalisation gives)
        double[] absurd = {1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300};
        DetectorState s = detector.newState();
        Score[] scores = new Score[2000];

        // Act
        for (int i = 0; i < scores.length; i++) {
            double v = i % 97 == 0 ? absurd[(i / 97) % absurd.length] : Math.sin(i);
            scores[i] = detector.update(s, SyntheticSeries.ts(i), v);
        }

        // Assert: no exception, every score a number in [0,1], the model trained
        assertThat(scores).allSatisfy(x -> assertThat(x.anomalyScore()).isBetween(0.0, 1.0));
        assertThat(s.clusterTrained).isTrue();
        assertThat(s.frameStep).isFinite();
    }

    @Test
    void shouldDemandALargerZOnAHeavyTailedSeries() {
        // Arrange: unit noise with a 6-sigma burst every 100 samples (routine for this series),
        // then one 60-sigma spike
        double[] v = SyntheticSeries.noise(6000, 10, 1, 21L);
        for (int i = 50; i < v.length; i += 100) {
            v[i] += 6;
        }
        v[5580] += 60; // 30 samples after a burst: outside its alert suppression
        SeriesDetector plain =
                new SeriesDetector(DetectorConfig.fromMap(Map.of("detect.tail.level", "0")));

        // Act
        Score[] corrected = SyntheticSeries.run(detector, detector.newState(), v);
        Score[] gaussian = SyntheticSeries.run(plain, plain.newState(), v);

        // Assert: bursts at 1 % instead of a Gaussian's 0.27 % make the tail about 8 times heavier,
        // so fewer of the routine bursts alert than with the Gaussian tail; the real spike alerts
        // either way
        double level = DetectorConfig.defaults().alertLevel();
        int correctedAlerts = 0;
        int gaussianAlerts = 0;
        for (int i = 3000; i < 5500; i++) {
            correctedAlerts += corrected[i].anomalyScore() >= level ? 1 : 0;
            gaussianAlerts += gaussian[i].anomalyScore() >= level ? 1 : 0;
        }
        assertThat(gaussianAlerts).isGreaterThanOrEqualTo(10);
        assertThat(correctedAlerts).isLessThan(gaussianAlerts * 2 / 3);
        assertThat(corrected[5580].anomalyScore()).isGreaterThanOrEqualTo(level);
        Contribution burst = corrected[5050].contribution(DetectorKind.EWMA);
        assertThat(burst.tailProbability()).isGreaterThan(4 * DetectorMath.upperTail(burst.raw()));
    }

    @Test
    void shouldGiveAGaussianSeriesTheTwoSidedGaussianTail() {
        // Arrange: long enough for the EWMA variance to be settled
        double[] v = SyntheticSeries.noise(40_000, 10, 1, 22L);

        // Act
        Score[] s = SyntheticSeries.run(detector, detector.newState(), v);

        // Assert: the correction factor is about 2 (|z| > 3 happens twice as often as Z > 3)
        double sum = 0;
        int n = 0;
        for (int i = 30_000; i < v.length; i++) {
            Contribution c = s[i].contribution(DetectorKind.EWMA);
            double gaussian = DetectorMath.upperTail(c.raw());
            if (c.raw() > 0.5 && c.tailProbability() < 1.0) {
                sum += c.tailProbability() / gaussian;
                n++;
            }
        }
        assertThat(n).isGreaterThan(1000);
        assertThat(sum / n).isBetween(1.5, 3.0);
    }

    @Test
    void shouldFindTheMedianASortFindsWithDuplicatesAndAnyLength() {
        Random r = new Random(23L);
        for (int trial = 0; trial < 5_000; trial++) {
            // Arrange: lengths 1..40, values from a small set (many ties) or continuous
            int n = 1 + r.nextInt(40);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = trial % 2 == 0 ? r.nextInt(5) : r.nextGaussian();
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            double expected =
                    (n & 1) == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            int k = r.nextInt(n);
            double[] b = a.clone();

            // Act
            double median = DetectorMath.median(a, n);
            double kth = DetectorMath.select(b, n, k);

            // Assert
            assertThat(median).as("trial %d", trial).isEqualTo(expected);
            assertThat(kth).as("trial %d", trial).isEqualTo(sorted[k]);
            for (int i = 0; i < n; i++) {
                assertThat(i < k ? b[i] <= kth : b[i] >= kth).as("trial %d, %d", trial, i).isTrue();
            }
        }
    }

    /** The defaults with the cluster adaptation on at the rate k / prefix (16 / 750). */
    private static DetectorConfig adapting() {
        DetectorConfig d = DetectorConfig.defaults();
        return DetectorConfig.fromMap(
                Map.of(
                        "detect.cluster.adapt-rate",
                        String.valueOf((double) d.clusterCentroids() / d.clusterPrefix())));
    }

    /**
     * A daily-like cycle whose period shrinks slowly from 288 to 36 samples over {@code n} samples
     * (its range stays the same, its shapes get steeper): a slow drift of shape, not of level.
     */
    private static double[] chirp(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        double phase = 0;
        for (int i = 0; i < n; i++) {
            phase += 2 * Math.PI / (288.0 - 252.0 * i / n);
            v[i] = 50 + 10 * Math.sin(phase) + 0.2 * r.nextGaussian();
        }
        return v;
    }

    private static double meanClusterRaw(Score[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += s[i].contribution(DetectorKind.CLUSTER).raw();
        }
        return sum / (to - from);
    }

    @Test
    void shouldKeepTheClusterDistanceBoundedOnADriftingShapeWhenAdapting() {
        // Arrange: a cycle that drifts slowly to eight times its frequency after the k-means prefix
        int n = 20_000;
        double[] v = chirp(n, 21L);
        SeriesDetector adaptive = new SeriesDetector(adapting());

        // Act
        Score[] frozen = SyntheticSeries.run(detector, detector.newState(), v);
        Score[] adapted = SyntheticSeries.run(adaptive, adaptive.newState(), v);

        // Assert: the frozen model's distance grows with the drift; the adapted one's does not
        int first = DetectorConfig.defaults().clusterPrefix();
        double frozenStart = meanClusterRaw(frozen, first, first + 1000);
        double frozenEnd = meanClusterRaw(frozen, n - 1000, n);
        double adaptedStart = meanClusterRaw(adapted, first, first + 1000);
        double adaptedEnd = meanClusterRaw(adapted, n - 1000, n);
        assertThat(frozenEnd).isGreaterThan(3 * frozenStart);
        assertThat(adaptedEnd).isLessThan(1.5 * adaptedStart);
        assertThat(adaptedEnd).isLessThan(frozenEnd / 2);
    }

    @Test
    void shouldFollowALevelDriftOutOfTheTrainingRangeWhenAdapting() {
        // Arrange: a daily cycle (range 20) whose level rises by 100 over 20,000 samples, i.e. far
        // out of the range of the k-means prefix
        int n = 20_000;
        Random r = new Random(25L);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] =
                    50
                            + 100.0 * i / n
                            + 10 * Math.sin(2 * Math.PI * i / 288.0)
                            + 0.2 * r.nextGaussian();
        }
        SeriesDetector adaptive = new SeriesDetector(adapting());

        // Act
        Score[] frozen = SyntheticSeries.run(detector, detector.newState(), v);
        Score[] adapted = SyntheticSeries.run(adaptive, adaptive.newState(), v);

        // Assert: clamped to the prefix's range the centroids could not follow (distance x10 and
        // more); widening the normalisation lets them
        int first = DetectorConfig.defaults().clusterPrefix();
        assertThat(meanClusterRaw(frozen, n - 1000, n))
                .isGreaterThan(10 * meanClusterRaw(frozen, first, first + 1000));
        assertThat(meanClusterRaw(adapted, n - 1000, n))
                .isLessThan(2 * meanClusterRaw(adapted, first, first + 1000));
    }

    @Test
    void shouldNotMoveTheCentroidsTowardsAnAnomalyWhenAdapting() {
        // Arrange: a clean cycle past its k-means training, then a spike far outside its range
        SeriesDetector adaptive = new SeriesDetector(adapting());
        DetectorState s = adaptive.newState();
        double[] v = SyntheticSeries.daily(3000, 50, 10, 0.2, 22L);
        for (int i = 0; i < 2000; i++) {
            adaptive.update(s, SyntheticSeries.ts(i), v[i]);
        }
        short[] before = s.clusterCentroids.clone();
        double minBefore = s.clusterMin;
        double rangeBefore = s.clusterRange;

        // Act: the spike, then the samples whose embeddings still hold it
        int dim = DetectorConfig.defaults().contextDim();
        adaptive.update(s, SyntheticSeries.ts(2000), 500.0);
        for (int i = 2001; i < 2000 + dim; i++) {
            adaptive.update(s, SyntheticSeries.ts(i), v[i]);
        }

        // Assert: no embedding holding the spike moved a centroid or widened the normalisation
        assertThat(s.clusterCentroids).containsExactly(before);
        assertThat(s.clusterMin).isEqualTo(minBefore);
        assertThat(s.clusterRange).isEqualTo(rangeBefore);
    }

    @Test
    void shouldStayCausalAndWithinTheStateBoundWhenAdapting() {
        // Arrange: a drifting series and a copy that differs after index 1500 (past the training)
        DetectorConfig config = adapting();
        SeriesDetector adaptive = new SeriesDetector(config);
        double[] a = chirp(5000, 23L);
        double[] b = a.clone();
        Random r = new Random(24L);
        for (int i = 1501; i < b.length; i++) {
            b[i] = 100 * r.nextDouble();
        }
        DetectorState sa = adaptive.newState();

        // Act
        Score[] scoresA = SyntheticSeries.run(adaptive, sa, a);
        Score[] scoresB = SyntheticSeries.run(adaptive, adaptive.newState(), b);

        // Assert: adaptation adds no state, and the scores up to 1500 do not see later samples
        for (int i = 0; i <= 1500; i++) {
            assertThat(scoresB[i]).as("score %d", i).isEqualTo(scoresA[i]);
        }
        assertThat(sa.sizeInBytes()).isLessThanOrEqualTo(DetectorState.maxSizeInBytes(config));
        assertThat(sa.sizeInBytes()).isEqualTo(sizeAfter(detector, a));
    }

    private static long sizeAfter(SeriesDetector d, double[] v) {
        DetectorState s = d.newState();
        SyntheticSeries.run(d, s, v);
        return s.sizeInBytes();
    }

    @Test
    void shouldFailFastOnInvalidConfigurationNamingTheKey() {
        assertThatThrownBy(() -> DetectorConfig.fromMap(Map.of("detect.ewma.alpha", "2")))
                .hasMessageContaining("detect.ewma.alpha");
        assertThatThrownBy(() -> DetectorConfig.fromMap(Map.of("detect.ewma.alfa", "0.1")))
                .hasMessageContaining("detect.ewma.alfa");
        assertThatThrownBy(() -> DetectorConfig.fromMap(Map.of("detect.cluster.adapt-rate", "-1")))
                .hasMessageContaining("detect.cluster.adapt-rate");
    }
}
