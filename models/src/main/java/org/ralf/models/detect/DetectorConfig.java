package org.ralf.models.detect;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.ralf.schemas.config.ConfigException;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.RalfConfig;

/**
 * The parameters of {@link SeriesDetector}, shared by the detect job, the log-patterns job's rate
 * detector and {@code ralf bench nab}: each is a {@code detect.*} key of {@code ralf.yaml},
 * declared once (default, description, range) in {@link DetectorOptions}. Both the job and the
 * benchmark run {@link #defaults()} unless {@code ralf.yaml} overrides a key. A record of
 * primitives and an immutable set of enums, hence {@link Serializable}: a Flink function holding it
 * is shipped as it is, and rebuilds its {@link SeriesDetector} on open.
 *
 * @param ewmaAlpha {@link DetectorOptions#EWMA_ALPHA}
 * @param robustWindow {@link DetectorOptions#ROBUST_WINDOW}
 * @param seasonalBinMinutes {@link DetectorOptions#SEASONAL_BIN_MINUTES}
 * @param seasonalWeekly {@link DetectorOptions#SEASONAL_WEEKLY}
 * @param seasonalAlpha {@link DetectorOptions#SEASONAL_ALPHA}
 * @param seasonalMinSamples {@link DetectorOptions#SEASONAL_MIN_SAMPLES}
 * @param cusumDrift {@link DetectorOptions#CHANGE_POINT_DRIFT}
 * @param cusumThreshold {@link DetectorOptions#CHANGE_POINT_THRESHOLD}
 * @param rateAlpha {@link DetectorOptions#RATE_ALPHA}
 * @param contextDim {@link DetectorOptions#CONTEXT_DIM}
 * @param contextHistory {@link DetectorOptions#CONTEXT_HISTORY}
 * @param contextNeighbours {@link DetectorOptions#CONTEXT_NEIGHBOURS}
 * @param contextExclude {@link DetectorOptions#CONTEXT_EXCLUDE}
 * @param clusterPrefix {@link DetectorOptions#CLUSTER_PREFIX}
 * @param clusterCentroids {@link DetectorOptions#CLUSTER_CENTROIDS}
 * @param clusterAdaptRate {@link DetectorOptions#CLUSTER_ADAPT_RATE}
 * @param spatialTolerance {@link DetectorOptions#SPATIAL_TOLERANCE}
 * @param forecastAlpha {@link DetectorOptions#FORECAST_ALPHA}
 * @param forecastBeta {@link DetectorOptions#FORECAST_BETA}
 * @param forecastThreshold {@link DetectorOptions#FORECAST_THRESHOLD}
 * @param forecastHorizonMillis {@link DetectorOptions#FORECAST_HORIZON_MS}
 * @param likelihoodShortWindow {@link DetectorOptions#LIKELIHOOD_SHORT_WINDOW}
 * @param likelihoodAlpha {@link DetectorOptions#LIKELIHOOD_ALPHA}
 * @param warmupSamples {@link DetectorOptions#WARMUP_SAMPLES}
 * @param pFloor {@link DetectorOptions#FUSION_P_FLOOR}
 * @param alertLevel {@link DetectorOptions#ALERT_LEVEL}
 * @param suppressSamples {@link DetectorOptions#SUPPRESS_SAMPLES}
 * @param peakHalfLife {@link DetectorOptions#FUSION_PEAK_HALF_LIFE}
 * @param rangeSigmas {@link DetectorOptions#RANGE_SIGMAS}
 * @param tailLevel {@link DetectorOptions#TAIL_LEVEL}
 * @param enabled {@link DetectorOptions#ENABLED}
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
        Set<DetectorKind> enabled)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Upper bound of {@code detect.likelihood.short-window}. */
    public static final int MAX_SHORT_WINDOW = 64;

    /**
     * Validates every parameter with its option's range, then the parameters that depend on each
     * other; fails fast naming the key.
     */
    public DetectorConfig {
        DetectorOptions.check(DetectorOptions.EWMA_ALPHA, ewmaAlpha);
        DetectorOptions.check(DetectorOptions.ROBUST_WINDOW, robustWindow);
        DetectorOptions.check(DetectorOptions.SEASONAL_BIN_MINUTES, seasonalBinMinutes);
        DetectorOptions.check(DetectorOptions.SEASONAL_ALPHA, seasonalAlpha);
        DetectorOptions.check(DetectorOptions.SEASONAL_MIN_SAMPLES, seasonalMinSamples);
        DetectorOptions.check(DetectorOptions.CHANGE_POINT_DRIFT, cusumDrift);
        DetectorOptions.check(DetectorOptions.CHANGE_POINT_THRESHOLD, cusumThreshold);
        DetectorOptions.check(DetectorOptions.RATE_ALPHA, rateAlpha);
        DetectorOptions.check(DetectorOptions.CONTEXT_DIM, contextDim);
        DetectorOptions.check(DetectorOptions.CONTEXT_HISTORY, contextHistory);
        DetectorOptions.check(DetectorOptions.CONTEXT_NEIGHBOURS, contextNeighbours);
        require(
                contextHistory == 0 || contextNeighbours <= contextHistory,
                DetectorOptions.CONTEXT_NEIGHBOURS,
                contextNeighbours);
        DetectorOptions.check(DetectorOptions.CONTEXT_EXCLUDE, contextExclude);
        DetectorOptions.check(DetectorOptions.CLUSTER_PREFIX, clusterPrefix);
        require(clusterPrefix >= 2 * contextDim, DetectorOptions.CLUSTER_PREFIX, clusterPrefix);
        DetectorOptions.check(DetectorOptions.CLUSTER_CENTROIDS, clusterCentroids);
        require(
                clusterCentroids <= clusterPrefix / 2,
                DetectorOptions.CLUSTER_CENTROIDS,
                clusterCentroids);
        DetectorOptions.check(DetectorOptions.CLUSTER_ADAPT_RATE, clusterAdaptRate);
        DetectorOptions.check(DetectorOptions.SPATIAL_TOLERANCE, spatialTolerance);
        DetectorOptions.check(DetectorOptions.FORECAST_ALPHA, forecastAlpha);
        DetectorOptions.check(DetectorOptions.FORECAST_BETA, forecastBeta);
        DetectorOptions.check(DetectorOptions.FORECAST_HORIZON_MS, forecastHorizonMillis);
        DetectorOptions.check(DetectorOptions.LIKELIHOOD_SHORT_WINDOW, likelihoodShortWindow);
        DetectorOptions.check(DetectorOptions.LIKELIHOOD_ALPHA, likelihoodAlpha);
        DetectorOptions.check(DetectorOptions.WARMUP_SAMPLES, warmupSamples);
        DetectorOptions.check(DetectorOptions.FUSION_P_FLOOR, pFloor);
        DetectorOptions.check(DetectorOptions.ALERT_LEVEL, alertLevel);
        DetectorOptions.check(DetectorOptions.SUPPRESS_SAMPLES, suppressSamples);
        DetectorOptions.check(DetectorOptions.FUSION_PEAK_HALF_LIFE, peakHalfLife);
        DetectorOptions.check(DetectorOptions.RANGE_SIGMAS, rangeSigmas);
        DetectorOptions.check(DetectorOptions.TAIL_LEVEL, tailLevel);
        enabled = enabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabled));
    }

    private static void require(boolean ok, ConfigOption<?> option, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "invalid value for "
                            + option.key()
                            + ": "
                            + value
                            + " ("
                            + option.description()
                            + ")");
        }
    }

    /**
     * The defaults of {@link DetectorOptions}: the one configuration of both the detect job and
     * {@code ralf bench nab}.
     */
    public static DetectorConfig defaults() {
        return new DetectorConfig(
                DetectorOptions.EWMA_ALPHA.defaultValue(),
                DetectorOptions.ROBUST_WINDOW.defaultValue(),
                DetectorOptions.SEASONAL_BIN_MINUTES.defaultValue(),
                DetectorOptions.SEASONAL_WEEKLY.defaultValue(),
                DetectorOptions.SEASONAL_ALPHA.defaultValue(),
                DetectorOptions.SEASONAL_MIN_SAMPLES.defaultValue(),
                DetectorOptions.CHANGE_POINT_DRIFT.defaultValue(),
                DetectorOptions.CHANGE_POINT_THRESHOLD.defaultValue(),
                DetectorOptions.RATE_ALPHA.defaultValue(),
                DetectorOptions.CONTEXT_DIM.defaultValue(),
                DetectorOptions.CONTEXT_HISTORY.defaultValue(),
                DetectorOptions.CONTEXT_NEIGHBOURS.defaultValue(),
                DetectorOptions.CONTEXT_EXCLUDE.defaultValue(),
                DetectorOptions.CLUSTER_PREFIX.defaultValue(),
                DetectorOptions.CLUSTER_CENTROIDS.defaultValue(),
                DetectorOptions.CLUSTER_ADAPT_RATE.defaultValue(),
                DetectorOptions.SPATIAL_TOLERANCE.defaultValue(),
                DetectorOptions.FORECAST_ALPHA.defaultValue(),
                DetectorOptions.FORECAST_BETA.defaultValue(),
                DetectorOptions.FORECAST_THRESHOLD.defaultValue(),
                DetectorOptions.FORECAST_HORIZON_MS.defaultValue(),
                DetectorOptions.LIKELIHOOD_SHORT_WINDOW.defaultValue(),
                DetectorOptions.LIKELIHOOD_ALPHA.defaultValue(),
                DetectorOptions.WARMUP_SAMPLES.defaultValue(),
                DetectorOptions.FUSION_P_FLOOR.defaultValue(),
                DetectorOptions.ALERT_LEVEL.defaultValue(),
                DetectorOptions.SUPPRESS_SAMPLES.defaultValue(),
                DetectorOptions.FUSION_PEAK_HALF_LIFE.defaultValue(),
                DetectorOptions.RANGE_SIGMAS.defaultValue(),
                DetectorOptions.TAIL_LEVEL.defaultValue(),
                DetectorOptions.kinds(DetectorOptions.ENABLED.defaultValue()));
    }

    /**
     * The defaults overridden by the {@code detect.*} keys the configuration sets (in the document
     * or through their environment variables).
     *
     * @throws ConfigException naming the key: a bad value or an unknown {@code detect.*} key
     */
    public static DetectorConfig from(RalfConfig config) {
        return DetectorOptions.read(defaults(), config);
    }

    /**
     * The defaults overridden by the given keys ({@code detect.ewma.alpha} to its text, as in
     * {@code ralf bench nab}'s {@code key=value} arguments); an unknown {@code detect.*} key is
     * rejected so that a typo fails fast.
     */
    public static DetectorConfig fromMap(Map<String, String> keys) {
        return defaults().withOverrides(keys);
    }

    /** A copy with the given {@code detect.*} keys (as text) in place of the present values. */
    public DetectorConfig withOverrides(Map<String, String> keys) {
        return DetectorOptions.read(this, RalfConfig.ofKeys(keys));
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

    /** A copy with another alert level ({@code detect.alert.level}). */
    public DetectorConfig withAlertLevel(double level) {
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
                level,
                suppressSamples,
                peakHalfLife,
                rangeSigmas,
                tailLevel,
                enabled);
    }

    /** Number of seasonal bins ({@code 1440 / binMinutes}, times 7 when weekly). */
    public int seasonalBins() {
        return (1440 / seasonalBinMinutes) * (seasonalWeekly ? 7 : 1);
    }
}
