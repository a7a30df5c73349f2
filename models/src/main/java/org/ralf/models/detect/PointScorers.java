package org.ralf.models.detect;

/**
 * The detectors that score one sample against running statistics of the series: the EWMA z-score
 * and CUSUM change point, the robust median/MAD z-score, the seasonal residual, the rate of change,
 * the spatial range rule and the Holt forecast. Each writes its raw statistic into {@code
 * raw}/{@code has} and updates its part of the {@link DetectorState}; holds only the immutable
 * configuration.
 */
final class PointScorers {

    private static final double MAD_TO_SIGMA = 1.4826;

    /** A single sample moves the CUSUM by at most this many standard deviations (spike guard). */
    private static final double CUSUM_CLIP = 4.0;

    private final DetectorConfig config;

    PointScorers(DetectorConfig config) {
        this.config = config;
    }

    /**
     * EWMA baseline z-score and CUSUM, both against the baseline before this sample; then the
     * baseline takes the sample.
     */
    void ewma(DetectorState s, double value, double floor, double[] raw, boolean[] has) {
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
    }

    /** Change against the previous sample, in units of the running mean absolute change. */
    void rate(DetectorState s, double value, double floor, double[] raw, boolean[] has) {
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
    boolean spatial(DetectorState s, double value, double[] raw, boolean[] has) {
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
    void robust(
            DetectorState s,
            double value,
            double floor,
            double[] buf,
            double[] raw,
            boolean[] has,
            double[] fit) {
        if (s.robustSize < SeriesDetector.MIN_SAMPLES) {
            return;
        }
        for (int i = 0; i < s.robustSize; i++) {
            buf[i] = ValueFrame.decode(s, s.robustRing[i]);
        }
        double median = DetectorMath.median(buf, s.robustSize);
        for (int i = 0; i < s.robustSize; i++) {
            buf[i] = Math.abs(buf[i] - median);
        }
        double scale = MAD_TO_SIGMA * DetectorMath.median(buf, s.robustSize) + floor;
        fit[0] = median;
        fit[1] = scale;
        raw[DetectorKind.ROBUST.ordinal()] = Math.abs(value - median) / scale;
        has[DetectorKind.ROBUST.ordinal()] = true;
    }

    void seasonal(
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

    long forecast(DetectorState s, long ts, double value, double[] raw, boolean[] has) {
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
        if (!Double.isFinite(threshold) || s.count < SeriesDetector.MIN_SAMPLES) {
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
}
