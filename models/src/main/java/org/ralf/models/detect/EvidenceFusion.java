package org.ralf.models.detect;

import java.util.Arrays;
import java.util.List;

/**
 * The fusion of the detectors' raw statistics into one score: each statistic becomes a tail
 * probability (z-scores against the series' observed tail rate, the others by the anomaly
 * likelihood of their recent history), the minimum is Bonferroni-corrected, damped against the
 * recent evidence peak and suppressed after an alert; the result carries per-detector contributions
 * and the robust range. Holds only immutable values derived from the configuration.
 */
final class EvidenceFusion {

    private static final int K = SeriesDetector.K;

    private final DetectorConfig config;
    private final PointScorers points;

    /** Which detectors take part in the fusion, by ordinal. */
    private final boolean[] enabled;

    private final int enabledCount;

    /** Whether the spatial rule is on ({@code spatial} in {@code detect.enabled}). */
    private final boolean spatialOn;

    /** What a standard normal gives above {@code detect.tail.level} (the expected rate). */
    private final double gaussianTailRate;

    /** Per-sample decay factor of the evidence peak, 0.5^(1 / half-life). */
    private final double peakDecay;

    EvidenceFusion(
            DetectorConfig config, PointScorers points, boolean[] enabled, int enabledCount) {
        this.config = config;
        this.points = points;
        this.enabled = enabled;
        this.enabledCount = enabledCount;
        this.spatialOn = config.enabled().contains(DetectorKind.SPATIAL);
        this.gaussianTailRate =
                config.tailLevel() > 0 ? DetectorMath.upperTail(config.tailLevel()) : 0.0;
        this.peakDecay =
                config.peakHalfLife() > 0 ? Math.pow(0.5, 1.0 / config.peakHalfLife()) : 1.0;
    }

    /**
     * Fuses one sample's raw statistics into its score and updates the calibration state.
     *
     * @param s the series' state, already holding this sample's count
     * @param value the sample
     * @param floor the scale floor of this sample
     * @param buf scratch buffer for the robust detector
     * @param raw raw statistic per detector ordinal
     * @param has whether a detector produced a statistic
     * @param ttt the forecast's time to threshold, or -1
     * @param robustFit median and robust scale, NaN when not computed
     * @param outside whether the spatial rule fired
     */
    Score fuse(
            DetectorState s,
            double value,
            double floor,
            double[] buf,
            double[] raw,
            boolean[] has,
            long ttt,
            double[] robustFit,
            boolean outside) {
        boolean warm = s.count > config.warmupSamples();
        double[] p = probabilities(s, raw, has, outside, warm);
        double pMin = 1.0;
        double evidence = 0;
        for (int j = 0; j < K; j++) {
            if (enabled[j]) {
                pMin = Math.min(pMin, p[j]);
                evidence += -Math.log(p[j]);
            }
        }
        boolean ruled = spatialOn && outside && warm;
        double score = score(s, pMin, warm, ruled);
        int robust = DetectorKind.ROBUST.ordinal();
        if (!enabled[robust] && score >= config.alertLevel()) {
            // Not fused, so computed only here: for the range and the explanation of an alert.
            points.robust(s, value, floor, buf, raw, has, robustFit);
            if (has[robust]) {
                p[robust] = DetectorMath.upperTail(raw[robust]);
            }
        }
        Contribution[] parts = new Contribution[K];
        for (int j = 0; j < K; j++) {
            double share = enabled[j] && evidence > 0 ? -Math.log(p[j]) / evidence : 0.0;
            if (ruled) {
                // the rule set the score: it is the whole explanation
                share = j == DetectorKind.SPATIAL.ordinal() ? 1.0 : 0.0;
            }
            parts[j] = new Contribution(SeriesDetector.KINDS[j], raw[j], p[j], share);
        }
        // already immutable: Score's defensive List.copyOf keeps it without a second copy
        List<Contribution> contributions = List.of(parts);
        double low = Double.NaN;
        double high = Double.NaN;
        if (!Double.isNaN(robustFit[0]) && s.count > SeriesDetector.MIN_SAMPLES) {
            low = robustFit[0] - config.rangeSigmas() * robustFit[1];
            high = robustFit[0] + config.rangeSigmas() * robustFit[1];
        }
        return new Score(score, low, high, ttt, contributions, true);
    }

    /** Each detector's tail probability for this sample (1 where it has none). */
    private double[] probabilities(
            DetectorState s, double[] raw, boolean[] has, boolean outside, boolean warm) {
        int w = config.likelihoodShortWindow();
        double[] p = new double[K];
        Arrays.fill(p, 1.0);
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
            if (SeriesDetector.Z_SCORES[j]) {
                int slot = SeriesDetector.Z_SLOT[j];
                p[j] = warm ? tailProbability(s, slot, raw[j]) : 1.0;
                observeTail(s, slot, raw[j]);
                continue;
            }
            p[j] = likelihood(s, SeriesDetector.LIK_SLOT[j], raw[j], warm);
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
        return p;
    }

    /**
     * The anomaly likelihood of a sum or distance: the Gaussian tail of its short-window average
     * (of log1p values) against the slot's running mean and scale, which then take the average.
     */
    private double likelihood(DetectorState s, int slot, double rawValue, boolean warm) {
        int w = config.likelihoodShortWindow();
        double p = 1.0;
        // log1p tames the heavy right tail of sums and distances before the Gaussian fit.
        s.likShort[slot * w + s.likShortPos] = (float) Math.log1p(rawValue);
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
            p = DetectorMath.upperTail((avg - mean) / sdev);
        }
        double a = Math.max(config.likelihoodAlpha(), 1.0 / seen);
        double diff = avg - mean;
        s.likMean[slot] = mean + a * diff;
        s.likVar[slot] = (1 - a) * (s.likVar[slot] + a * diff * diff);
        return p;
    }

    /**
     * The score of the minimum probability: Bonferroni-corrected, relative to the recent evidence
     * peak, forced by the spatial rule, zero while warming up, and held below the alert level
     * within the suppression window of the last alert.
     */
    private double score(DetectorState s, double pMin, boolean warm, boolean ruled) {
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
        return score;
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
        double gaussian = DetectorMath.upperTail(z);
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

    /**
     * The scale a likelihood slot's short-window average is measured in: its running sd, plus 5 %
     * of its mean and a tiny constant so that a flat history does not make every change extreme.
     */
    static double likelihoodScale(DetectorState s, int slot) {
        return Math.sqrt(s.likVar[slot]) + 0.05 * Math.abs(s.likMean[slot]) + 1e-6;
    }
}
