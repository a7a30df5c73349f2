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
 */
public final class SeriesDetector {

    private static final DetectorKind[] KINDS = DetectorKind.values();
    private static final int K = KINDS.length;

    /** Detectors calibrated by the anomaly likelihood (change point, context, cluster). */
    static final int LIKELIHOOD_KINDS = 3;

    /** Slot of a likelihood-calibrated detector in the state's likelihood arrays, else -1. */
    private static final int[] LIK_SLOT = new int[K];

    /** Detectors whose statistic is a z-score (EWMA, robust, seasonal, rate). */
    static final int Z_KINDS = 4;

    /** Slot of a z-score detector in the state's tail arrays, else -1. */
    private static final int[] Z_SLOT = new int[K];

    private static final double MAD_TO_SIGMA = 1.4826;

    /** Samples a robust or context statistic needs before it is computed at all. */
    private static final int MIN_SAMPLES = 8;

    /** A single sample moves the CUSUM by at most this many standard deviations (spike guard). */
    private static final double CUSUM_CLIP = 4.0;

    /**
     * Calibrated z above which a cluster sample does not adapt the centroids: 3σ, the conventional
     * level (the one {@code detect.tail.level} uses), which leaves out about 0.1 % of the samples
     * of a well-calibrated normal series, so the gate barely biases the centroids.
     */
    private static final double ADAPT_GATE_Z = 3.0;

    private static final ThreadLocal<double[]> SCRATCH =
            ThreadLocal.withInitial(() -> new double[0]);

    /**
     * Detectors whose raw statistic is already a z-score of the value: their tail probability is
     * the Gaussian tail of that z. The others (CUSUM sum, distances) have no known distribution and
     * are calibrated against their own recent history (anomaly likelihood).
     */
    private static final boolean[] Z_SCORES = new boolean[K];

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

    /** Per-sample decay factor of the evidence peak, 0.5^(1 / half-life). */
    private final double peakDecay;

    /** What a standard normal gives above {@code detect.tail.level} (the expected rate). */
    private final double gaussianTailRate;

    private final boolean[] enabled = new boolean[K];
    private final int enabledCount;

    /** Whether the spatial rule is on ({@code spatial} in {@code detect.enabled}). */
    private final boolean spatialOn;

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
        this.enabledCount = Math.max(1, n);
        this.spatialOn = config.enabled().contains(DetectorKind.SPATIAL);
        this.gaussianTailRate = config.tailLevel() > 0 ? upperTail(config.tailLevel()) : 0.0;
        this.peakDecay =
                config.peakHalfLife() > 0 ? Math.pow(0.5, 1.0 / config.peakHalfLife()) : 1.0;
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

        // EWMA baseline z-score and CUSUM, both against the baseline before this sample.
        double sd = Math.sqrt(s.ewmaVar) + floor;
        if (s.count >= 2) {
            double u = (value - s.ewmaMean) / sd;
            raw[DetectorKind.EWMA.ordinal()] = Math.abs(u);
            has[DetectorKind.EWMA.ordinal()] = true;
            double clipped = Math.max(-CUSUM_CLIP, Math.min(CUSUM_CLIP, u));
            s.cusumPos = Math.max(0.0, s.cusumPos + clipped - config.cusumDrift());
            s.cusumNeg = Math.max(0.0, s.cusumNeg - clipped - config.cusumDrift());
            raw[DetectorKind.CHANGE_POINT.ordinal()] = Math.max(s.cusumPos, s.cusumNeg);
            has[DetectorKind.CHANGE_POINT.ordinal()] = true;
            if (raw[DetectorKind.CHANGE_POINT.ordinal()] > config.cusumThreshold()) {
                // Change accepted: restart both sums so the next change is measured afresh.
                s.cusumPos = 0.0;
                s.cusumNeg = 0.0;
            }
        }
        updateEwma(s, value);

        if (enabled[DetectorKind.ROBUST.ordinal()]) {
            robust(s, value, floor, buf, raw, has, robustFit);
        }
        seasonal(s, timestampMillis, value, floor, raw, has);

        if (s.count >= 1) {
            double d = Math.abs(value - s.prevValue);
            if (s.count >= 2) {
                raw[DetectorKind.RATE.ordinal()] = d / (s.rateAbsMean + floor);
                has[DetectorKind.RATE.ordinal()] = true;
                s.rateAbsMean += config.rateAlpha() * (d - s.rateAbsMean);
            } else {
                s.rateAbsMean = d;
            }
        }

        boolean outside = spatial(s, value, raw, has);
        context(s, value, range, buf, raw, has);
        cluster(s, value, raw, has);
        long ttt = forecast(s, timestampMillis, value, raw, has);

        s.count++;
        s.lastTimestamp = timestampMillis;
        s.prevValue = value;
        s.runMin = Math.min(s.runMin, value);
        s.runMax = Math.max(s.runMax, value);

        Score score = fuse(s, value, floor, buf, raw, has, ttt, robustFit, outside);
        // After the fit, which describes the values before this one.
        s.robustRing[s.robustPos] = ValueFrame.encode(s, value);
        s.robustPos = (s.robustPos + 1) % s.robustRing.length;
        s.robustSize = Math.min(s.robustSize + 1, s.robustRing.length);
        return score;
    }

    /**
     * The spatial rule of Numenta's NAB detector: how far the value lies beyond the range observed
     * before it, in units of that range (0 inside it); true when that exceeds {@code
     * detect.spatial.tolerance}. A value never seen before by a margin is anomalous whatever its
     * tail probabilities say: on a heavy-tailed series the z-score detectors forgive large
     * excursions, which is right for routine spikes and wrong for a level the series never had.
     * Only from {@code detect.cluster.prefix} samples on (when the series' shape model is trained):
     * a young series' range is not yet its range, and its new extremes would be false alarms (a
     * Gaussian series makes one about every n samples).
     */
    private boolean spatial(DetectorState s, double value, double[] raw, boolean[] has) {
        if (s.count < 2 || !(s.runMax > s.runMin)) {
            return false;
        }
        double span = s.runMax - s.runMin;
        double beyond = Math.max(value - s.runMax, s.runMin - value) / span;
        raw[DetectorKind.SPATIAL.ordinal()] = Math.max(0.0, beyond);
        has[DetectorKind.SPATIAL.ordinal()] = true;
        return s.count >= config.clusterPrefix() && beyond > config.spatialTolerance();
    }

    private void updateEwma(DetectorState s, double value) {
        if (s.count == 0) {
            s.ewmaMean = value;
            s.ewmaVar = 0.0;
            return;
        }
        // Cold start on purpose: mean = first value, variance from 0 with a fixed alpha, so the
        // variance estimate reaches its steady state only after ~1/alpha samples and a young
        // series is more sensitive. The bias-corrected running estimate was measured and scored
        // lower on NAB (see docs/detection.md); the warm-up covers the worst of the start.
        double a = config.ewmaAlpha();
        double diff = value - s.ewmaMean;
        s.ewmaMean += a * diff;
        s.ewmaVar = (1 - a) * (s.ewmaVar + a * diff * diff);
    }

    /**
     * Median/MAD z of the values before this one (the ring, which takes this value only after the
     * score); {@code fit} receives the median and the robust scale (for the range). Two medians per
     * sample are the detector's largest single cost, so when the robust detector is not part of the
     * fusion this runs only for a score that reaches the alert level, the one that needs a range.
     */
    private void robust(
            DetectorState s,
            double value,
            double floor,
            double[] buf,
            double[] raw,
            boolean[] has,
            double[] fit) {
        if (s.robustSize < MIN_SAMPLES) {
            return;
        }
        for (int i = 0; i < s.robustSize; i++) {
            buf[i] = ValueFrame.decode(s, s.robustRing[i]);
        }
        double median = median(buf, s.robustSize);
        for (int i = 0; i < s.robustSize; i++) {
            buf[i] = Math.abs(buf[i] - median);
        }
        double scale = MAD_TO_SIGMA * median(buf, s.robustSize) + floor;
        fit[0] = median;
        fit[1] = scale;
        raw[DetectorKind.ROBUST.ordinal()] = Math.abs(value - median) / scale;
        has[DetectorKind.ROBUST.ordinal()] = true;
    }

    private void seasonal(
            DetectorState s, long ts, double value, double floor, double[] raw, boolean[] has) {
        int bin = seasonalBin(ts);
        int min = config.seasonalMinSamples();
        int count = s.seasonCountOf(bin);
        double mean = ValueFrame.decode(s, s.seasonMean[bin]);
        double residual = value - mean;
        if (count >= min && s.seasonResidualCount >= min) {
            raw[DetectorKind.SEASONAL.ordinal()] =
                    Math.abs(residual) / (Math.sqrt(s.seasonResidualVar) + floor);
            has[DetectorKind.SEASONAL.ordinal()] = true;
        }
        if (count == 0) {
            s.seasonMean[bin] = ValueFrame.encode(s, value);
        } else {
            // Average over the first samples (the count saturates at 15), then exponential
            // forgetting.
            double a = Math.max(config.seasonalAlpha(), 1.0 / (count + 1));
            s.seasonMean[bin] = ValueFrame.encode(s, mean + a * residual);
            if (count >= min) {
                double a2 = config.ewmaAlpha();
                s.seasonResidualVar =
                        s.seasonResidualCount == 0
                                ? residual * residual
                                : (1 - a2) * s.seasonResidualVar + a2 * residual * residual;
                s.seasonResidualCount++;
            }
        }
        s.incrementSeasonCount(bin);
    }

    /** Index of the seasonal bin of an event time (UTC). */
    int seasonalBin(long ts) {
        long binMillis = config.seasonalBinMinutes() * 60_000L;
        int perDay = 1440 / config.seasonalBinMinutes();
        int inDay = (int) Math.floorMod(Math.floorDiv(ts, binMillis), (long) perDay);
        if (!config.seasonalWeekly()) {
            return inDay;
        }
        // 1970-01-01 was a Thursday: shift so that Monday = 0.
        int dow = (int) Math.floorMod(Math.floorDiv(ts, 86_400_000L) + 3, 7L);
        return dow * perDay + inDay;
    }

    private void context(
            DetectorState s, double value, double range, double[] v, double[] raw, boolean[] has) {
        int cap = s.contextRing.length;
        s.contextRing[s.contextPos] = ValueFrame.encode(s, value);
        s.contextPos = (s.contextPos + 1) % cap;
        s.contextSize = Math.min(s.contextSize + 1, cap);
        int dim = config.contextDim();
        int first = 1 + config.contextExclude();
        int candidates = s.contextSize - dim - first + 1;
        if (candidates < Math.max(config.contextNeighbours(), MIN_SAMPLES) || range <= 0) {
            return;
        }
        // Chronological copy, newest last: embedding ending at age a covers [n-1-a-dim+1, n-1-a].
        int n = s.contextSize;
        int start = s.contextPos - n < 0 ? s.contextPos - n + cap : s.contextPos - n;
        // two straight runs instead of a modulo per value (an integer division each, which was
        // most of this detector's cost)
        int tail = Math.min(n, cap - start);
        for (int i = 0; i < tail; i++) {
            v[i] = ValueFrame.decode(s, s.contextRing[start + i]);
        }
        for (int i = tail; i < n; i++) {
            v[i] = ValueFrame.decode(s, s.contextRing[i - tail]);
        }
        int k = config.contextNeighbours();
        double[] best = new double[k];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        int curEnd = n - 1;
        double worst = Double.POSITIVE_INFINITY;
        for (int end = curEnd - first; end >= dim - 1; end--) {
            // The whole distance without an early exit: a branch per term cost more than the
            // terms. Same order of summation, so the same sums as a partial-sum cut-off gives.
            double d2 = 0;
            for (int j = 0; j < dim; j++) {
                double diff = v[curEnd - j] - v[end - j];
                d2 += diff * diff;
            }
            if (d2 < worst) {
                int p = k - 1;
                while (p > 0 && best[p - 1] > d2) {
                    best[p] = best[p - 1];
                    p--;
                }
                best[p] = d2;
                worst = best[k - 1];
            }
        }
        double sum = 0;
        for (double b : best) {
            sum += Math.sqrt(b / dim);
        }
        raw[DetectorKind.CONTEXT.ordinal()] = sum / k / range;
        has[DetectorKind.CONTEXT.ordinal()] = true;
    }

    private void cluster(DetectorState s, double value, double[] raw, boolean[] has) {
        int dim = config.contextDim();
        if (!s.clusterTrained) {
            int prefix = config.clusterPrefix();
            if (s.count < prefix) {
                s.clusterPrefix[(int) s.count] = ValueFrame.encode8(s, value);
            }
            if (s.count + 1 >= prefix) {
                calibrate(
                        s,
                        LIK_SLOT[DetectorKind.CLUSTER.ordinal()],
                        KMeansShapes.train(s, dim, config.clusterCentroids()));
            }
            return;
        }
        // The context ring (already holding this value) supplies the latest embedding.
        int cap = s.contextRing.length;
        double[] e = new double[dim];
        for (int j = 0; j < dim; j++) {
            int at = s.contextPos - 1 - j;
            e[dim - 1 - j] = ValueFrame.decode(s, s.contextRing[at < 0 ? at + cap : at]);
        }
        double d = KMeansShapes.distance(s, e, dim);
        raw[DetectorKind.CLUSTER.ordinal()] = d;
        has[DetectorKind.CLUSTER.ordinal()] = true;
        if (config.clusterAdaptRate() > 0 && !clusterLooksAnomalous(s, d)) {
            // After scoring (the score of this sample used the centroids of earlier samples only).
            KMeansShapes.adapt(s, e, dim, config.clusterAdaptRate());
        }
    }

    /**
     * Whether the cluster detector's calibrated evidence for this distance is anomalous-looking:
     * the z of the short-window average it is about to be scored by (the same average and scale
     * {@link #fuse} computes, from the calibration before this sample) above {@value
     * #ADAPT_GATE_Z}. Such samples must not pull the centroids towards an anomaly.
     */
    private boolean clusterLooksAnomalous(DetectorState s, double distance) {
        int w = config.likelihoodShortWindow();
        int slot = LIK_SLOT[DetectorKind.CLUSTER.ordinal()];
        double sum = Math.log1p(distance);
        for (int i = 0; i < w; i++) {
            if (i != s.likShortPos) {
                sum += s.likShort[slot * w + i];
            }
        }
        return !((sum / w - s.likMean[slot]) / likelihoodScale(s, slot) <= ADAPT_GATE_Z);
    }

    /**
     * The scale a likelihood slot's short-window average is measured in: its running sd, plus 5 %
     * of its mean and a tiny constant so that a flat history does not make every change extreme.
     */
    private static double likelihoodScale(DetectorState s, int slot) {
        return Math.sqrt(s.likVar[slot]) + 0.05 * Math.abs(s.likMean[slot]) + 1e-6;
    }

    /**
     * Seeds a likelihood slot's calibration with raw scores the detector would have given on data
     * already seen (the cluster model's training embeddings): it scores from its first sample
     * against that baseline, instead of against an empty calibration, which would make its first
     * scores look extreme on every series at the same moment.
     */
    private void calibrate(DetectorState s, int slot, double[] rawScores) {
        int w = config.likelihoodShortWindow();
        if (rawScores.length < w) {
            return;
        }
        double mean = 0;
        double m2 = 0;
        int n = 0;
        double sum = 0;
        for (int i = 0; i < rawScores.length; i++) {
            sum += Math.log1p(rawScores[i]);
            if (i >= w) {
                sum -= Math.log1p(rawScores[i - w]);
            }
            if (i >= w - 1) {
                double avg = sum / w;
                n++;
                double d = avg - mean;
                mean += d / n;
                m2 += d * (avg - mean);
            }
        }
        s.likMean[slot] = mean;
        s.likVar[slot] = n > 1 ? m2 / (n - 1) : 0.0;
        for (int i = 0; i < w; i++) {
            // the ring's write position is shared; order inside the window does not matter
            s.likShort[slot * w + i] = (float) Math.log1p(rawScores[rawScores.length - w + i]);
        }
        s.likSeen[slot] = n;
    }

    private long forecast(DetectorState s, long ts, double value, double[] raw, boolean[] has) {
        if (s.count == 0) {
            s.holtLevel = value;
            s.holtTrend = 0.0;
            return -1L;
        }
        double interval = ts - s.lastTimestamp;
        s.meanIntervalMillis =
                s.count == 1
                        ? interval
                        : s.meanIntervalMillis + 0.05 * (interval - s.meanIntervalMillis);
        double prevLevel = s.holtLevel;
        s.holtLevel =
                config.forecastAlpha() * value
                        + (1 - config.forecastAlpha()) * (s.holtLevel + s.holtTrend);
        s.holtTrend =
                config.forecastBeta() * (s.holtLevel - prevLevel)
                        + (1 - config.forecastBeta()) * s.holtTrend;
        double threshold = config.forecastThreshold();
        if (!Double.isFinite(threshold) || s.count < MIN_SAMPLES) {
            return -1L;
        }
        long ttt = timeToThreshold(s.holtLevel, s.holtTrend, s.meanIntervalMillis, threshold);
        raw[DetectorKind.FORECAST.ordinal()] =
                ttt < 0 ? 0.0 : Math.max(0.0, 1.0 - (double) ttt / config.forecastHorizonMillis());
        has[DetectorKind.FORECAST.ordinal()] = true;
        return ttt;
    }

    /**
     * Time until a linear trend from {@code level} reaches {@code threshold}, or -1 if the trend is
     * flat or points away from it.
     */
    static long timeToThreshold(
            double level, double trendPerSample, double intervalMillis, double threshold) {
        if (trendPerSample == 0.0 || !(intervalMillis > 0)) {
            return -1L;
        }
        double steps = (threshold - level) / trendPerSample;
        if (steps <= 0) {
            // The trend points away from the threshold (or it is already behind us).
            return -1L;
        }
        double millis = steps * intervalMillis;
        return millis >= Long.MAX_VALUE ? -1L : (long) millis;
    }

    private Score fuse(
            DetectorState s,
            double value,
            double floor,
            double[] buf,
            double[] raw,
            boolean[] has,
            long ttt,
            double[] robustFit,
            boolean outside) {
        int w = config.likelihoodShortWindow();
        double[] p = new double[K];
        Arrays.fill(p, 1.0);
        boolean warm = s.count > config.warmupSamples();
        for (int j = 0; j < K; j++) {
            if (!has[j]) {
                continue;
            }
            if (j == DetectorKind.SPATIAL.ordinal()) {
                p[j] = outside ? config.pFloor() : 1.0;
                continue;
            }
            if (j == DetectorKind.FORECAST.ordinal()) {
                // Already a calibrated quantity: the nearer the crossing, the less probable
                // "normal".
                p[j] = raw[j] <= 0 ? 1.0 : Math.max(config.pFloor(), Math.pow(1.0 - raw[j], 2));
                continue;
            }
            if (Z_SCORES[j]) {
                p[j] = warm ? tailProbability(s, Z_SLOT[j], raw[j]) : 1.0;
                observeTail(s, Z_SLOT[j], raw[j]);
                continue;
            }
            int slot = LIK_SLOT[j];
            // log1p tames the heavy right tail of sums and distances before the Gaussian fit.
            s.likShort[slot * w + s.likShortPos] = (float) Math.log1p(raw[j]);
            int seen = ++s.likSeen[slot];
            double avg = 0;
            for (int i = 0; i < w; i++) {
                avg += s.likShort[slot * w + i];
            }
            avg /= w;
            double mean = s.likMean[slot];
            double sdev = likelihoodScale(s, slot);
            // A detector takes part once its short window holds its own scores; one that begins
            // late (the cluster model) arrives with a calibration seeded from its training data.
            if (warm && seen > w) {
                p[j] = upperTail((avg - mean) / sdev);
            }
            double a = Math.max(config.likelihoodAlpha(), 1.0 / seen);
            double diff = avg - mean;
            s.likMean[slot] = mean + a * diff;
            s.likVar[slot] = (1 - a) * (s.likVar[slot] + a * diff * diff);
        }
        s.likShortPos = (s.likShortPos + 1) % w;
        for (int j = 0; j < K; j++) {
            if (Double.isNaN(p[j])) {
                // Only absurd magnitudes (beyond ~1e154, whose squares overflow) get here: a
                // statistic that is not a number carries no evidence, and must not poison the
                // score.
                p[j] = 1.0;
            }
        }

        double pMin = 1.0;
        double evidence = 0;
        for (int j = 0; j < K; j++) {
            if (enabled[j]) {
                pMin = Math.min(pMin, p[j]);
                evidence += -Math.log(p[j]);
            }
        }
        // Bonferroni: the minimum of m tail probabilities is m times more likely to be small.
        double fusedP = Math.min(1.0, pMin * enabledCount);
        double e = -Math.log(Math.max(fusedP, 1e-300));
        if (warm && config.peakHalfLife() > 0) {
            // Evidence relative to the recent peak: a burst of similar evidence after an alert is
            // the same incident, not a new one; stronger evidence still comes through in full.
            double prev = s.peakEvidence;
            double adjusted = e * Math.min(1.0, e / (prev + 1e-9));
            s.peakEvidence = Math.max(e, prev * peakDecay);
            e = adjusted;
        }
        double score = Math.min(1.0, Math.max(0.0, e / -Math.log(config.pFloor())));
        boolean ruled = spatialOn && outside && warm;
        if (ruled) {
            score = 1.0;
        }
        if (!warm) {
            score = 0.0;
        }
        s.samplesSinceAlert++;
        if (score >= config.alertLevel()) {
            if (s.samplesSinceAlert <= config.suppressSamples()) {
                score = Math.nextDown(config.alertLevel());
            } else {
                s.samplesSinceAlert = 0;
            }
        }
        int robust = DetectorKind.ROBUST.ordinal();
        if (!enabled[robust] && score >= config.alertLevel()) {
            // Not fused, so computed only here: for the range and the explanation of an alert.
            robust(s, value, floor, buf, raw, has, robustFit);
            if (has[robust]) {
                p[robust] = upperTail(raw[robust]);
            }
        }
        Contribution[] parts = new Contribution[K];
        for (int j = 0; j < K; j++) {
            double share = enabled[j] && evidence > 0 ? -Math.log(p[j]) / evidence : 0.0;
            if (ruled) {
                // the rule set the score: it is the whole explanation
                share = j == DetectorKind.SPATIAL.ordinal() ? 1.0 : 0.0;
            }
            parts[j] = new Contribution(KINDS[j], raw[j], p[j], share);
        }
        // already immutable: Score's defensive List.copyOf keeps it without a second copy
        List<Contribution> contributions = List.of(parts);
        double low = Double.NaN;
        double high = Double.NaN;
        if (!Double.isNaN(robustFit[0]) && s.count > MIN_SAMPLES) {
            low = robustFit[0] - config.rangeSigmas() * robustFit[1];
            high = robustFit[0] + config.rangeSigmas() * robustFit[1];
        }
        return new Score(score, low, high, ttt, contributions, true);
    }

    /**
     * The tail probability of a z-score |z|: the observed tail mass of the series above {@code
     * detect.tail.level} t times the Gaussian shape beyond it, rate(|z| &gt; t) · P(Z &ge; z) / P(Z
     * &ge; t), and never less than the one-sided Gaussian tail P(Z &ge; z) the z-score detectors
     * used before. Real metrics are heavy-tailed (spiky load, bursty traffic): for them a z of 6 is
     * routine, and the plain Gaussian tail (10⁻⁹) would alert on it again and again. For a Gaussian
     * series rate(|z| &gt; t) = 2 P(Z &ge; t), so it gets the two-sided Gaussian tail.
     */
    private double tailProbability(DetectorState s, int slot, double z) {
        double gaussian = upperTail(z);
        if (s.tailRate.length == 0 || s.tailSeen[slot] == 0) {
            return gaussian;
        }
        double excess = s.tailRate[slot] / gaussianTailRate;
        return excess <= 1.0 ? gaussian : Math.min(1.0, gaussian * excess);
    }

    /**
     * Updates the observed exceedance rate with this z (after it was scored, so the score stays
     * causal): a running mean at first, then an EWMA with {@code detect.ewma.alpha}.
     */
    private void observeTail(DetectorState s, int slot, double z) {
        if (s.tailRate.length == 0 || Double.isNaN(z)) {
            return;
        }
        int seen = s.tailSeen[slot] < Integer.MAX_VALUE ? ++s.tailSeen[slot] : s.tailSeen[slot];
        double a = Math.max(config.ewmaAlpha(), 1.0 / seen);
        double hit = z > config.tailLevel() ? 1.0 : 0.0;
        s.tailRate[slot] = (float) (s.tailRate[slot] + a * (hit - s.tailRate[slot]));
    }

    /** P(Z &ge; z) for a standard normal Z, at least {@link Double#MIN_NORMAL}. */
    static double upperTail(double z) {
        // Floored so that -ln p stays finite for absurd z (e.g. a 1e6 spike on a unit-noise
        // series).
        return Math.max(Double.MIN_NORMAL, 0.5 * erfc(z / Math.sqrt(2.0)));
    }

    /** Complementary error function (Chebyshev fit, relative error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double ans =
                t
                        * Math.exp(
                                -z * z
                                        - 1.26551223
                                        + t
                                                * (1.00002368
                                                        + t
                                                                * (0.37409196
                                                                        + t
                                                                                * (0.09678418
                                                                                        + t
                                                                                                * (-0.18628806
                                                                                                        + t
                                                                                                                * (0.27886807
                                                                                                                        + t
                                                                                                                                * (-1.13520398
                                                                                                                                        + t
                                                                                                                                                * (1.48851587
                                                                                                                                                        + t
                                                                                                                                                                * (-0.82215223
                                                                                                                                                                        + t
                                                                                                                                                                                * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }

    private static double[] scratch(int n) {
        double[] b = SCRATCH.get();
        if (b.length < n) {
            b = new double[n];
            SCRATCH.set(b);
        }
        return b;
    }

    /**
     * Median of the first n entries (reorders them): the same value a sort gives, found by
     * selection in linear time (the robust detector takes two medians of its ring per sample).
     */
    static double median(double[] a, int n) {
        int mid = n / 2;
        double upper = select(a, n, mid);
        if ((n & 1) == 1) {
            return upper;
        }
        // After the selection every entry below mid is <= a[mid]: the lower middle is their max.
        double lower = a[0];
        for (int i = 1; i < mid; i++) {
            lower = Math.max(lower, a[i]);
        }
        return 0.5 * (lower + upper);
    }

    /**
     * The k-th smallest of the first n entries (Hoare selection, median-of-three pivot); on return
     * a[k] holds it, entries before k are &le; it and entries after k are &ge; it.
     */
    static double select(double[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (hi > lo) {
            int m = (lo + hi) >>> 1;
            if (a[m] < a[lo]) {
                swap(a, m, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[m]) {
                swap(a, hi, m);
            }
            double pivot = a[m];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
