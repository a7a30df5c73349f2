package org.ralf.models.detect;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Configuration of {@link SeriesDetector}, shared by the detect job and {@code ralf bench nab}:
 * both run {@link #defaults()} unless {@code ralf.yaml} overrides a key. The defaults are sized so
 * that a series' {@link DetectorState} serialises to at most 2 KiB (the detect job's keyed-state
 * budget; see {@link DetectorState#maxSizeInBytes(DetectorConfig)}). Keys (kebab-case, as in {@code
 * ralf.yaml}) and defaults:
 *
 * <ul>
 *   <li>{@code detect.ewma.alpha} (0.0005): smoothing of the EWMA mean/variance baseline;
 *   <li>{@code detect.robust.window} (32): samples in the median/MAD ring buffer;
 *   <li>{@code detect.seasonal.bin-minutes} (60): width of a time-of-day bin;
 *   <li>{@code detect.seasonal.weekly} (true): one profile per day of week instead of one per day;
 *   <li>{@code detect.seasonal.alpha} (0.1): smoothing of a bin's mean;
 *   <li>{@code detect.seasonal.min-samples} (6): samples in a bin before it is trusted (at most 15:
 *       the per-bin counters saturate there);
 *   <li>{@code detect.change-point.drift} (0.5) and {@code detect.change-point.threshold} (8):
 *       CUSUM allowance k and decision interval h, in standard deviations;
 *   <li>{@code detect.rate.alpha} (0.02): smoothing of the mean absolute first difference;
 *   <li>{@code detect.context.dim} (8): length of the lag embedding (shape) compared;
 *   <li>{@code detect.context.history} (64): past shapes kept for the nearest-neighbour search (0 =
 *       the context detector is off);
 *   <li>{@code detect.context.neighbours} (3): neighbours averaged;
 *   <li>{@code detect.context.exclude} (4): most recent shapes excluded (trivial matches);
 *   <li>{@code detect.cluster.prefix} (750): samples of the prefix on which Tribuo k-means is
 *       trained (the cluster detector scores from then on);
 *   <li>{@code detect.cluster.centroids} (16): k of k-means;
 *   <li>{@code detect.cluster.adapt-rate} (0 = off): after training, each scored embedding whose
 *       cluster evidence is not anomalous-looking (calibrated z of the detector's short-window
 *       average at most 3) moves its nearest centroid by this fraction of the way towards it
 *       (sequential, MacQueen-style k-means with a constant rate, i.e. an EWMA per centroid; the
 *       normalisation widens when such an embedding leaves the training range), so that a slowly
 *       drifting shape is followed instead of scoring ever more anomalous; k / prefix (0.0213)
 *       keeps the memory of the training; measured on NAB and not adopted (docs/detection.md);
 *   <li>{@code detect.spatial.tolerance} (0.05): the spatial rule (detector {@code spatial}, when
 *       enabled) scores 1 for a value beyond the series' observed [min, max] by more than this
 *       fraction of max &minus; min, once the series has {@code detect.cluster.prefix} samples: the
 *       rule of Numenta's NAB detector, with its published tolerance;
 *   <li>{@code detect.forecast.alpha} (0.1) and {@code detect.forecast.beta} (0.02): Holt level and
 *       trend smoothing;
 *   <li>{@code detect.forecast.threshold} (NaN = off): value whose crossing is forecast (e.g. 95
 *       for disk used %);
 *   <li>{@code detect.forecast.horizon-ms} (86400000): forecasts beyond this horizon do not count;
 *   <li>{@code detect.likelihood.short-window} (8): samples averaged before calibration (at most
 *       {@value #MAX_SHORT_WINDOW});
 *   <li>{@code detect.likelihood.alpha} (0.002): smoothing of the raw-score distribution;
 *   <li>{@code detect.warmup.samples} (150): samples before any score is emitted;
 *   <li>{@code detect.fusion.p-floor} (1e-30): tail probability that maps to score 1;
 *   <li>{@code detect.alert.level} (0.2): fused score that counts as an alert;
 *   <li>{@code detect.suppress.samples} (20): after an alert, later alerts within this many samples
 *       are capped just below the alert level;
 *   <li>{@code detect.fusion.peak-half-life} (200): half-life in samples of the decaying peak of
 *       the fused evidence; evidence below the recent peak is scaled down by evidence/peak (0 =
 *       off);
 *   <li>{@code detect.range.sigmas} (3): half-width of the expected range in robust standard
 *       deviations;
 *   <li>{@code detect.tail.level} (3; 0 = off): the z-score detectors' Gaussian tail probabilities
 *       are multiplied by the series' observed rate of |z| above this level divided by the rate a
 *       Gaussian would give (when above 1), so a heavy-tailed series needs a larger z for the same
 *       evidence; the rate is a running mean, then an EWMA with {@code detect.ewma.alpha};
 *   <li>{@code detect.enabled} (ewma, seasonal, context, cluster, forecast, spatial;
 *       comma-separated {@link DetectorKind#key()}s): the detectors that take part in the fusion
 *       ({@code spatial} is a rule that overrides the fused score, not a probability in it).
 * </ul>
 *
 * @param ewmaAlpha see {@code detect.ewma.alpha}
 * @param robustWindow see {@code detect.robust.window}
 * @param seasonalBinMinutes see {@code detect.seasonal.bin-minutes}
 * @param seasonalWeekly see {@code detect.seasonal.weekly}
 * @param seasonalAlpha see {@code detect.seasonal.alpha}
 * @param seasonalMinSamples see {@code detect.seasonal.min-samples}
 * @param cusumDrift see {@code detect.change-point.drift}
 * @param cusumThreshold see {@code detect.change-point.threshold}
 * @param rateAlpha see {@code detect.rate.alpha}
 * @param contextDim see {@code detect.context.dim}
 * @param contextHistory see {@code detect.context.history}
 * @param contextNeighbours see {@code detect.context.neighbours}
 * @param contextExclude see {@code detect.context.exclude}
 * @param clusterPrefix see {@code detect.cluster.prefix}
 * @param clusterCentroids see {@code detect.cluster.centroids}
 * @param clusterAdaptRate see {@code detect.cluster.adapt-rate}
 * @param spatialTolerance see {@code detect.spatial.tolerance}
 * @param forecastAlpha see {@code detect.forecast.alpha}
 * @param forecastBeta see {@code detect.forecast.beta}
 * @param forecastThreshold see {@code detect.forecast.threshold}
 * @param forecastHorizonMillis see {@code detect.forecast.horizon-ms}
 * @param likelihoodShortWindow see {@code detect.likelihood.short-window}
 * @param likelihoodAlpha see {@code detect.likelihood.alpha}
 * @param warmupSamples see {@code detect.warmup.samples}
 * @param pFloor see {@code detect.fusion.p-floor}
 * @param alertLevel see {@code detect.alert.level}
 * @param suppressSamples see {@code detect.suppress.samples}
 * @param peakHalfLife see {@code detect.fusion.peak-half-life}
 * @param rangeSigmas see {@code detect.range.sigmas}
 * @param tailLevel see {@code detect.tail.level}
 * @param enabled see {@code detect.enabled}
 */
public record DetectorConfig(
        double ewmaAlpha,
        int robustWindow,
        int seasonalBinMinutes,
        boolean seasonalWeekly,
        double seasonalAlpha,
        int seasonalMinSamples,
        double cusumDrift,
        double cusumThreshold,
        double rateAlpha,
        int contextDim,
        int contextHistory,
        int contextNeighbours,
        int contextExclude,
        int clusterPrefix,
        int clusterCentroids,
        double clusterAdaptRate,
        double spatialTolerance,
        double forecastAlpha,
        double forecastBeta,
        double forecastThreshold,
        long forecastHorizonMillis,
        int likelihoodShortWindow,
        double likelihoodAlpha,
        int warmupSamples,
        double pFloor,
        double alertLevel,
        int suppressSamples,
        double peakHalfLife,
        double rangeSigmas,
        double tailLevel,
        Set<DetectorKind> enabled) {

    /** Upper bound of {@code detect.likelihood.short-window}. */
    public static final int MAX_SHORT_WINDOW = 64;

    /** Validates every key; fails fast naming the offending key. */
    public DetectorConfig {
        require(ewmaAlpha > 0 && ewmaAlpha <= 1, "detect.ewma.alpha", ewmaAlpha);
        require(robustWindow >= 3 && robustWindow <= 100_000, "detect.robust.window", robustWindow);
        require(
                seasonalBinMinutes >= 1 && 1440 % seasonalBinMinutes == 0,
                "detect.seasonal.bin-minutes (must divide 1440)",
                seasonalBinMinutes);
        require(seasonalAlpha > 0 && seasonalAlpha <= 1, "detect.seasonal.alpha", seasonalAlpha);
        require(
                seasonalMinSamples >= 1 && seasonalMinSamples <= 15,
                "detect.seasonal.min-samples",
                seasonalMinSamples);
        require(cusumDrift >= 0, "detect.change-point.drift", cusumDrift);
        require(cusumThreshold > 0, "detect.change-point.threshold", cusumThreshold);
        require(rateAlpha > 0 && rateAlpha <= 1, "detect.rate.alpha", rateAlpha);
        require(contextDim >= 1 && contextDim <= 256, "detect.context.dim", contextDim);
        require(
                contextHistory >= 0 && contextHistory <= 100_000,
                "detect.context.history",
                contextHistory);
        require(
                contextNeighbours >= 1
                        && (contextHistory == 0 || contextNeighbours <= contextHistory),
                "detect.context.neighbours",
                contextNeighbours);
        require(contextExclude >= 0, "detect.context.exclude", contextExclude);
        require(
                clusterPrefix >= 2 * contextDim && clusterPrefix <= 100_000,
                "detect.cluster.prefix",
                clusterPrefix);
        require(
                clusterCentroids >= 1 && clusterCentroids <= clusterPrefix / 2,
                "detect.cluster.centroids",
                clusterCentroids);
        require(
                clusterAdaptRate >= 0 && clusterAdaptRate <= 1,
                "detect.cluster.adapt-rate",
                clusterAdaptRate);
        require(
                spatialTolerance >= 0 && Double.isFinite(spatialTolerance),
                "detect.spatial.tolerance",
                spatialTolerance);
        require(forecastAlpha > 0 && forecastAlpha <= 1, "detect.forecast.alpha", forecastAlpha);
        require(forecastBeta > 0 && forecastBeta <= 1, "detect.forecast.beta", forecastBeta);
        require(forecastHorizonMillis > 0, "detect.forecast.horizon-ms", forecastHorizonMillis);
        require(
                likelihoodShortWindow >= 1 && likelihoodShortWindow <= MAX_SHORT_WINDOW,
                "detect.likelihood.short-window",
                likelihoodShortWindow);
        require(
                likelihoodAlpha > 0 && likelihoodAlpha <= 1,
                "detect.likelihood.alpha",
                likelihoodAlpha);
        require(warmupSamples >= 0, "detect.warmup.samples", warmupSamples);
        require(pFloor > 0 && pFloor < 1, "detect.fusion.p-floor", pFloor);
        require(alertLevel > 0 && alertLevel <= 1, "detect.alert.level", alertLevel);
        require(suppressSamples >= 0, "detect.suppress.samples", suppressSamples);
        require(peakHalfLife >= 0, "detect.fusion.peak-half-life", peakHalfLife);
        require(rangeSigmas > 0, "detect.range.sigmas", rangeSigmas);
        require(tailLevel >= 0 && tailLevel <= 30, "detect.tail.level", tailLevel);
        enabled = enabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabled));
    }

    private static void require(boolean ok, String key, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("invalid value for " + key + ": " + value);
        }
    }

    /**
     * The defaults listed above: the one configuration of both the detect job and {@code ralf bench
     * nab}.
     */
    public static DetectorConfig defaults() {
        return new DetectorConfig(
                0.0005,
                32,
                60,
                true,
                0.1,
                6,
                0.5,
                8.0,
                0.02,
                8,
                64,
                3,
                4,
                750,
                16,
                0.0,
                0.05,
                0.1,
                0.02,
                Double.NaN,
                86_400_000L,
                8,
                0.002,
                150,
                1e-30,
                0.2,
                20,
                200,
                3.0,
                3.0,
                EnumSet.of(
                        DetectorKind.EWMA,
                        DetectorKind.SEASONAL,
                        DetectorKind.CONTEXT,
                        DetectorKind.CLUSTER,
                        DetectorKind.FORECAST,
                        DetectorKind.SPATIAL));
    }

    /**
     * The defaults overridden by the given keys (see the class Javadoc); unknown {@code detect.*}
     * keys are rejected so that a typo fails fast.
     */
    public static DetectorConfig fromMap(Map<String, String> m) {
        DetectorConfig d = defaults();
        for (String key : m.keySet()) {
            if (key.startsWith("detect.") && !KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown configuration key " + key);
            }
        }
        Set<DetectorKind> enabled = d.enabled();
        String en = m.get("detect.enabled");
        if (en != null) {
            EnumSet<DetectorKind> set = EnumSet.noneOf(DetectorKind.class);
            for (String name : en.split(",")) {
                String t = name.trim();
                if (t.isEmpty()) {
                    continue;
                }
                DetectorKind found = null;
                for (DetectorKind k : DetectorKind.values()) {
                    if (k.key().equals(t)) {
                        found = k;
                    }
                }
                if (found == null) {
                    throw new IllegalArgumentException("invalid value for detect.enabled: " + t);
                }
                set.add(found);
            }
            enabled = set;
        }
        return new DetectorConfig(
                dbl(m, "detect.ewma.alpha", d.ewmaAlpha),
                integer(m, "detect.robust.window", d.robustWindow),
                integer(m, "detect.seasonal.bin-minutes", d.seasonalBinMinutes),
                Boolean.parseBoolean(
                        m.getOrDefault("detect.seasonal.weekly", String.valueOf(d.seasonalWeekly))),
                dbl(m, "detect.seasonal.alpha", d.seasonalAlpha),
                integer(m, "detect.seasonal.min-samples", d.seasonalMinSamples),
                dbl(m, "detect.change-point.drift", d.cusumDrift),
                dbl(m, "detect.change-point.threshold", d.cusumThreshold),
                dbl(m, "detect.rate.alpha", d.rateAlpha),
                integer(m, "detect.context.dim", d.contextDim),
                integer(m, "detect.context.history", d.contextHistory),
                integer(m, "detect.context.neighbours", d.contextNeighbours),
                integer(m, "detect.context.exclude", d.contextExclude),
                integer(m, "detect.cluster.prefix", d.clusterPrefix),
                integer(m, "detect.cluster.centroids", d.clusterCentroids),
                dbl(m, "detect.cluster.adapt-rate", d.clusterAdaptRate),
                dbl(m, "detect.spatial.tolerance", d.spatialTolerance),
                dbl(m, "detect.forecast.alpha", d.forecastAlpha),
                dbl(m, "detect.forecast.beta", d.forecastBeta),
                dbl(m, "detect.forecast.threshold", d.forecastThreshold),
                (long) dbl(m, "detect.forecast.horizon-ms", d.forecastHorizonMillis),
                integer(m, "detect.likelihood.short-window", d.likelihoodShortWindow),
                dbl(m, "detect.likelihood.alpha", d.likelihoodAlpha),
                integer(m, "detect.warmup.samples", d.warmupSamples),
                dbl(m, "detect.fusion.p-floor", d.pFloor),
                dbl(m, "detect.alert.level", d.alertLevel),
                integer(m, "detect.suppress.samples", d.suppressSamples),
                dbl(m, "detect.fusion.peak-half-life", d.peakHalfLife),
                dbl(m, "detect.range.sigmas", d.rangeSigmas),
                dbl(m, "detect.tail.level", d.tailLevel),
                enabled);
    }

    /** Every configuration key. */
    public static final Set<String> KEYS =
            Set.of(
                    "detect.ewma.alpha",
                    "detect.robust.window",
                    "detect.seasonal.bin-minutes",
                    "detect.seasonal.weekly",
                    "detect.seasonal.alpha",
                    "detect.seasonal.min-samples",
                    "detect.change-point.drift",
                    "detect.change-point.threshold",
                    "detect.rate.alpha",
                    "detect.context.dim",
                    "detect.context.history",
                    "detect.context.neighbours",
                    "detect.context.exclude",
                    "detect.cluster.prefix",
                    "detect.cluster.centroids",
                    "detect.cluster.adapt-rate",
                    "detect.spatial.tolerance",
                    "detect.forecast.alpha",
                    "detect.forecast.beta",
                    "detect.forecast.threshold",
                    "detect.forecast.horizon-ms",
                    "detect.likelihood.short-window",
                    "detect.likelihood.alpha",
                    "detect.warmup.samples",
                    "detect.fusion.p-floor",
                    "detect.alert.level",
                    "detect.suppress.samples",
                    "detect.fusion.peak-half-life",
                    "detect.range.sigmas",
                    "detect.tail.level",
                    "detect.enabled");

    private static double dbl(Map<String, String> m, String key, double def) {
        String v = m.get(key);
        if (v == null) {
            return def;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for " + key + ": " + v, e);
        }
    }

    private static int integer(Map<String, String> m, String key, int def) {
        String v = m.get(key);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for " + key + ": " + v, e);
        }
    }

    /** A copy with another forecast threshold ({@code detect.forecast.threshold}). */
    public DetectorConfig withForecastThreshold(double threshold) {
        return new DetectorConfig(
                ewmaAlpha,
                robustWindow,
                seasonalBinMinutes,
                seasonalWeekly,
                seasonalAlpha,
                seasonalMinSamples,
                cusumDrift,
                cusumThreshold,
                rateAlpha,
                contextDim,
                contextHistory,
                contextNeighbours,
                contextExclude,
                clusterPrefix,
                clusterCentroids,
                clusterAdaptRate,
                spatialTolerance,
                forecastAlpha,
                forecastBeta,
                threshold,
                forecastHorizonMillis,
                likelihoodShortWindow,
                likelihoodAlpha,
                warmupSamples,
                pFloor,
                alertLevel,
                suppressSamples,
                peakHalfLife,
                rangeSigmas,
                tailLevel,
                enabled);
    }

    /** A copy with another set of enabled detectors ({@code detect.enabled}). */
    public DetectorConfig withEnabled(Set<DetectorKind> detectors) {
        return new DetectorConfig(
                ewmaAlpha,
                robustWindow,
                seasonalBinMinutes,
                seasonalWeekly,
                seasonalAlpha,
                seasonalMinSamples,
                cusumDrift,
                cusumThreshold,
                rateAlpha,
                contextDim,
                contextHistory,
                contextNeighbours,
                contextExclude,
                clusterPrefix,
                clusterCentroids,
                clusterAdaptRate,
                spatialTolerance,
                forecastAlpha,
                forecastBeta,
                forecastThreshold,
                forecastHorizonMillis,
                likelihoodShortWindow,
                likelihoodAlpha,
                warmupSamples,
                pFloor,
                alertLevel,
                suppressSamples,
                peakHalfLife,
                rangeSigmas,
                tailLevel,
                detectors);
    }

    /** Number of seasonal bins ({@code 1440 / binMinutes}, times 7 when weekly). */
    public int seasonalBins() {
        return (1440 / seasonalBinMinutes) * (seasonalWeekly ? 7 : 1);
    }
}
