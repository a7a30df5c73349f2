package org.ralf.models.detect;

import java.util.Arrays;
import java.util.List;

/**
 * Streaming anomaly detector for one numeric series: runs every {@link DetectorKind} on each
 * sample, calibrates each raw statistic into a tail probability against the series' own recent
 * distribution of that statistic (an anomaly-likelihood in the spirit of HTM's), and fuses the
 * probabilities into one score in [0,1] with per-detector contributions.
 *
 * <p>Contract: causal (the score of sample i depends only on samples &le; i); all state lives in
 * the caller's {@link DetectorState}, whose size is bounded by the configuration ({@link
 * DetectorState#maxSizeInBytes(DetectorConfig)}); a non-finite value or a timestamp older than the
 * last accepted one is rejected by rule and leaves the state untouched. The detector itself holds
 * only the immutable configuration and is thread-safe; a state instance is not.
 *
 * <p>This class runs the steps in their order; {@link PointScorers} and {@link ShapeScorers} hold
 * the detectors, {@link EvidenceFusion} the calibration and fusion, {@link DetectorMath} the
 * Gaussian tail and the median.
 */
public final class SeriesDetector {

    static final DetectorKind[] KINDS = DetectorKind.values();
    static final int K = KINDS.length;

    /** Detectors calibrated by the anomaly likelihood (change point, context, cluster). */
    static final int LIKELIHOOD_KINDS = 3;

    /** Slot of a likelihood-calibrated detector in the state's likelihood arrays, else -1. */
    static final int[] LIK_SLOT = new int[K];

    /** Detectors whose statistic is a z-score (EWMA, robust, seasonal, rate). */
    static final int Z_KINDS = 4;

    /** Slot of a z-score detector in the state's tail arrays, else -1. */
    static final int[] Z_SLOT = new int[K];

    /** Samples a robust or context statistic needs before it is computed at all. */
    static final int MIN_SAMPLES = 8;

    private static final ThreadLocal<double[]> SCRATCH =
            ThreadLocal.withInitial(() -> new double[0]);

    /**
     * Detectors whose raw statistic is already a z-score of the value: their tail probability is
     * the Gaussian tail of that z. The others (CUSUM sum, distances) have no known distribution and
     * are calibrated against their own recent history (anomaly likelihood).
     */
    static final boolean[] Z_SCORES = new boolean[K];

    static {
        Z_SCORES[DetectorKind.EWMA.ordinal()] = true;
        Z_SCORES[DetectorKind.ROBUST.ordinal()] = true;
        Z_SCORES[DetectorKind.SEASONAL.ordinal()] = true;
        Z_SCORES[DetectorKind.RATE.ordinal()] = true;
        Arrays.fill(LIK_SLOT, -1);
        Arrays.fill(Z_SLOT, -1);
        int z = 0;
        for (int j = 0; j < K; j++) {
            if (Z_SCORES[j]) {
                Z_SLOT[j] = z++;
            }
        }
        LIK_SLOT[DetectorKind.CHANGE_POINT.ordinal()] = 0;
        LIK_SLOT[DetectorKind.CONTEXT.ordinal()] = 1;
        LIK_SLOT[DetectorKind.CLUSTER.ordinal()] = 2;
    }

    private final DetectorConfig config;

    private final boolean[] enabled = new boolean[K];

    private final PointScorers points;
    private final ShapeScorers shapes;
    private final EvidenceFusion fusion;

    /** A detector with the given configuration. */
    public SeriesDetector(DetectorConfig config) {
        this.config = config;
        int n = 0;
        for (DetectorKind k : config.enabled()) {
            if (k == DetectorKind.SPATIAL) {
                continue; // a rule over the fused score, not one of the fused probabilities
            }
            // The forecast only takes part when there is a threshold to forecast.
            if (k != DetectorKind.FORECAST || Double.isFinite(config.forecastThreshold())) {
                enabled[k.ordinal()] = true;
                n++;
            }
        }
        this.points = new PointScorers(config);
        this.shapes = new ShapeScorers(config);
        this.fusion = new EvidenceFusion(config, points, enabled, Math.max(1, n));
    }

    /** The configuration. */
    public DetectorConfig config() {
        return config;
    }

    /** A fresh state for one series. */
    public DetectorState newState() {
        return DetectorState.create(config);
    }

    /**
     * Feeds one sample and returns its score.
     *
     * @param s the series' state, updated in place
     * @param timestampMillis event time of the sample
     * @param value the sample
     */
    public Score update(DetectorState s, long timestampMillis, double value) {
        if (!Double.isFinite(value) || (s.count > 0 && timestampMillis < s.lastTimestamp)) {
            s.rejected++;
            return new Score(0.0, Double.NaN, Double.NaN, -1L, List.of(), false);
        }
        ValueFrame.cover(s, value);
        // one scratch buffer per sample: the ring copies of robust, context and the late range
        double[] buf = scratch(Math.max(s.robustRing.length, s.contextRing.length));
        double[] raw = new double[K];
        boolean[] has = new boolean[K];
        double[] robustFit = {Double.NaN, Double.NaN};
        double range = s.count == 0 ? 0.0 : Math.max(s.runMax, value) - Math.min(s.runMin, value);
        double floor = 1e-3 * range + 1e-9;

        points.ewma(s, value, floor, raw, has);
        if (enabled[DetectorKind.ROBUST.ordinal()]) {
            points.robust(s, value, floor, buf, raw, has, robustFit);
        }
        points.seasonal(s, timestampMillis, value, floor, raw, has);
        points.rate(s, value, floor, raw, has);

        boolean outside = points.spatial(s, value, raw, has);
        shapes.context(s, value, range, buf, raw, has);
        shapes.cluster(s, value, raw, has);
        long ttt = points.forecast(s, timestampMillis, value, raw, has);

        s.count++;
        s.lastTimestamp = timestampMillis;
        s.prevValue = value;
        s.runMin = Math.min(s.runMin, value);
        s.runMax = Math.max(s.runMax, value);

        Score score = fusion.fuse(s, value, floor, buf, raw, has, ttt, robustFit, outside);
        // After the fit, which describes the values before this one.
        s.robustRing[s.robustPos] = ValueFrame.encode(s, value);
        s.robustPos = (s.robustPos + 1) % s.robustRing.length;
        s.robustSize = Math.min(s.robustSize + 1, s.robustRing.length);
        return score;
    }

    private static double[] scratch(int n) {
        double[] b = SCRATCH.get();
        if (b.length < n) {
            b = new double[n];
            SCRATCH.set(b);
        }
        return b;
    }
}
