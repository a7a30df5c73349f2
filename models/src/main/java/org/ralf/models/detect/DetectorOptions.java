package org.ralf.models.detect;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.ralf.schemas.config.ConfigException;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.OptionRegistry;
import org.ralf.schemas.config.RalfConfig;

/**
 * The {@code detect.*} keys of {@code ralf.yaml}: every parameter of {@link DetectorConfig}
 * declared once, with its default, description and the range it must lie in. {@link
 * DetectorConfig#defaults()} is made of these defaults; {@link #read(DetectorConfig, RalfConfig)}
 * overrides a base configuration with the keys a configuration sets. The defaults are sized so that
 * a series' {@link DetectorState} serialises to at most 2 KiB (the detect job's keyed-state budget;
 * see {@link DetectorState#maxSizeInBytes(DetectorConfig)}); docs/detection.md explains them.
 */
public final class DetectorOptions {

    private DetectorOptions() {}

    /** {@code detect.ewma.alpha}. */
    public static final ConfigOption<Double> EWMA_ALPHA =
            rate("detect.ewma.alpha", 0.0005, "smoothing of the EWMA mean/variance baseline");

    /** {@code detect.robust.window}. */
    public static final ConfigOption<Integer> ROBUST_WINDOW =
            ConfigOption.intOption(
                    "detect.robust.window",
                    32,
                    "samples in the median/MAD ring buffer",
                    3,
                    100_000);

    /** {@code detect.seasonal.bin-minutes}: a bin boundary falls on midnight, hence a divisor. */
    public static final ConfigOption<Integer> SEASONAL_BIN_MINUTES =
            new ConfigOption<>(
                    "detect.seasonal.bin-minutes",
                    Integer::valueOf,
                    60,
                    "width in minutes of a time-of-day bin",
                    v -> v >= 1 && 1440 % v == 0,
                    "an integer that divides 1440");

    /** {@code detect.seasonal.weekly}. */
    public static final ConfigOption<Boolean> SEASONAL_WEEKLY =
            ConfigOption.booleanOption(
                    "detect.seasonal.weekly",
                    true,
                    "one seasonal profile per day of week instead of one per day");

    /** {@code detect.seasonal.alpha}. */
    public static final ConfigOption<Double> SEASONAL_ALPHA =
            rate("detect.seasonal.alpha", 0.1, "smoothing of a seasonal bin's mean");

    /** {@code detect.seasonal.min-samples}: at most 15, the per-bin counters saturate there. */
    public static final ConfigOption<Integer> SEASONAL_MIN_SAMPLES =
            ConfigOption.intOption(
                    "detect.seasonal.min-samples",
                    6,
                    "samples in a seasonal bin before it is trusted",
                    1,
                    15);

    /** {@code detect.change-point.drift}. */
    public static final ConfigOption<Double> CHANGE_POINT_DRIFT =
            number(
                    "detect.change-point.drift",
                    0.5,
                    "CUSUM allowance k, in standard deviations",
                    v -> v >= 0,
                    "a number >= 0");

    /** {@code detect.change-point.threshold}. */
    public static final ConfigOption<Double> CHANGE_POINT_THRESHOLD =
            number(
                    "detect.change-point.threshold",
                    8.0,
                    "CUSUM decision interval h, in standard deviations",
                    v -> v > 0,
                    "a number > 0");

    /** {@code detect.rate.alpha}. */
    public static final ConfigOption<Double> RATE_ALPHA =
            rate("detect.rate.alpha", 0.02, "smoothing of the mean absolute first difference");

    /** {@code detect.context.dim}. */
    public static final ConfigOption<Integer> CONTEXT_DIM =
            ConfigOption.intOption(
                    "detect.context.dim",
                    8,
                    "length of the lag embedding (shape) compared",
                    1,
                    256);

    /** {@code detect.context.history}. */
    public static final ConfigOption<Integer> CONTEXT_HISTORY =
            ConfigOption.intOption(
                    "detect.context.history",
                    64,
                    "past shapes kept for the nearest-neighbour search (0 = context detector off)",
                    0,
                    100_000);

    /** {@code detect.context.neighbours}; at most {@code detect.context.history} unless 0. */
    public static final ConfigOption<Integer> CONTEXT_NEIGHBOURS =
            ConfigOption.intOption(
                    "detect.context.neighbours",
                    3,
                    "nearest neighbours averaged (at most detect.context.history)",
                    1,
                    Integer.MAX_VALUE);

    /** {@code detect.context.exclude}. */
    public static final ConfigOption<Integer> CONTEXT_EXCLUDE =
            ConfigOption.intOption(
                    "detect.context.exclude",
                    4,
                    "most recent shapes excluded from the search (trivial matches)",
                    0,
                    Integer.MAX_VALUE);

    /** {@code detect.cluster.prefix}; at least twice {@code detect.context.dim}. */
    public static final ConfigOption<Integer> CLUSTER_PREFIX =
            ConfigOption.intOption(
                    "detect.cluster.prefix",
                    750,
                    "samples of the prefix on which k-means is trained (>= 2 x detect.context.dim)",
                    2,
                    100_000);

    /** {@code detect.cluster.centroids}; at most half of {@code detect.cluster.prefix}. */
    public static final ConfigOption<Integer> CLUSTER_CENTROIDS =
            ConfigOption.intOption(
                    "detect.cluster.centroids",
                    16,
                    "k of k-means (at most detect.cluster.prefix / 2)",
                    1,
                    50_000);

    /**
     * {@code detect.cluster.adapt-rate}: after training, each scored embedding whose cluster
     * evidence is not anomalous-looking moves its nearest centroid by this fraction of the way
     * (sequential k-means, an EWMA per centroid), so that a slowly drifting shape is followed;
     * measured on NAB and not adopted (docs/detection.md).
     */
    public static final ConfigOption<Double> CLUSTER_ADAPT_RATE =
            ConfigOption.doubleOption(
                    "detect.cluster.adapt-rate",
                    0.0,
                    "rate at which a centroid follows the embeddings it scores (0 = off)",
                    0.0,
                    1.0);

    /**
     * {@code detect.spatial.tolerance}: the rule of Numenta's NAB detector, with its published
     * tolerance; it applies once the series has {@code detect.cluster.prefix} samples.
     */
    public static final ConfigOption<Double> SPATIAL_TOLERANCE =
            number(
                    "detect.spatial.tolerance",
                    0.05,
                    "a value beyond the observed [min, max] by this fraction of max - min scores 1",
                    v -> v >= 0 && Double.isFinite(v),
                    "a finite number >= 0");

    /** {@code detect.forecast.alpha}. */
    public static final ConfigOption<Double> FORECAST_ALPHA =
            rate("detect.forecast.alpha", 0.1, "Holt level smoothing");

    /** {@code detect.forecast.beta}. */
    public static final ConfigOption<Double> FORECAST_BETA =
            rate("detect.forecast.beta", 0.02, "Holt trend smoothing");

    /** {@code detect.forecast.threshold}: NaN, the default, turns the forecast off. */
    public static final ConfigOption<Double> FORECAST_THRESHOLD =
            number(
                    "detect.forecast.threshold",
                    Double.NaN,
                    "value whose crossing is forecast, e.g. 95 for disk used % (NaN = off)",
                    v -> true,
                    "a number");

    /** {@code detect.forecast.horizon-ms}; read as a number, so {@code 8.64e7} is accepted. */
    public static final ConfigOption<Long> FORECAST_HORIZON_MS =
            new ConfigOption<>(
                    "detect.forecast.horizon-ms",
                    s -> (long) Double.parseDouble(s),
                    86_400_000L,
                    "forecasts beyond this horizon (milliseconds) do not count",
                    v -> v > 0,
                    "a number of milliseconds > 0");

    /** {@code detect.likelihood.short-window}. */
    public static final ConfigOption<Integer> LIKELIHOOD_SHORT_WINDOW =
            ConfigOption.intOption(
                    "detect.likelihood.short-window",
                    8,
                    "samples averaged before calibration",
                    1,
                    DetectorConfig.MAX_SHORT_WINDOW);

    /** {@code detect.likelihood.alpha}. */
    public static final ConfigOption<Double> LIKELIHOOD_ALPHA =
            rate("detect.likelihood.alpha", 0.002, "smoothing of the raw-score distribution");

    /** {@code detect.warmup.samples}. */
    public static final ConfigOption<Integer> WARMUP_SAMPLES =
            ConfigOption.intOption(
                    "detect.warmup.samples",
                    150,
                    "samples before any score is emitted",
                    0,
                    Integer.MAX_VALUE);

    /** {@code detect.fusion.p-floor}. */
    public static final ConfigOption<Double> FUSION_P_FLOOR =
            number(
                    "detect.fusion.p-floor",
                    1e-30,
                    "tail probability that maps to score 1",
                    v -> v > 0 && v < 1,
                    "a number in (0, 1)");

    /** {@code detect.alert.level}. */
    public static final ConfigOption<Double> ALERT_LEVEL =
            rate("detect.alert.level", 0.2, "fused score that counts as an alert");

    /** {@code detect.suppress.samples}. */
    public static final ConfigOption<Integer> SUPPRESS_SAMPLES =
            ConfigOption.intOption(
                    "detect.suppress.samples",
                    20,
                    "after an alert, alerts within this many samples are capped below the level",
                    0,
                    Integer.MAX_VALUE);

    /**
     * {@code detect.fusion.peak-half-life}: evidence below the recent peak is scaled down by
     * evidence / peak.
     */
    public static final ConfigOption<Double> FUSION_PEAK_HALF_LIFE =
            number(
                    "detect.fusion.peak-half-life",
                    200.0,
                    "half-life in samples of the decaying peak of the fused evidence (0 = off)",
                    v -> v >= 0,
                    "a number >= 0");

    /** {@code detect.range.sigmas}. */
    public static final ConfigOption<Double> RANGE_SIGMAS =
            number(
                    "detect.range.sigmas",
                    3.0,
                    "half-width of the expected range in robust standard deviations",
                    v -> v > 0,
                    "a number > 0");

    /**
     * {@code detect.tail.level}: the z-score detectors' Gaussian tail probabilities are multiplied
     * by the series' observed rate of |z| above this level divided by the Gaussian rate (when above
     * 1), so a heavy-tailed series needs a larger z for the same evidence.
     */
    public static final ConfigOption<Double> TAIL_LEVEL =
            ConfigOption.doubleOption(
                    "detect.tail.level",
                    3.0,
                    "|z| level of the heavy-tail correction (0 = off)",
                    0.0,
                    30.0);

    /**
     * {@code detect.enabled}: comma-separated {@link DetectorKind#key()}s of the detectors in the
     * fusion ({@code spatial} is a rule that overrides the fused score, not a probability in it).
     * Kept as text so that the default shows as it is written in {@code ralf.yaml}; {@link
     * #kinds(String)} turns it into the set.
     */
    public static final ConfigOption<String> ENABLED =
            new ConfigOption<>(
                    "detect.enabled",
                    s -> {
                        kinds(s);
                        return s;
                    },
                    "ewma,seasonal,context,cluster,forecast,spatial",
                    "detectors that take part in the fusion",
                    v -> true,
                    "a comma-separated list of "
                            + EnumSet.allOf(DetectorKind.class).stream()
                                    .map(DetectorKind::key)
                                    .collect(Collectors.joining(", ")));

    /** The keys, as one registry: for the unknown-key check and its suggestion. */
    private static final OptionRegistry REGISTRY =
            OptionRegistry.of(List.of(DetectorOptions.class), List.of());

    /**
     * The detectors named by a {@code detect.enabled} value (blank entries skipped).
     *
     * @throws IllegalArgumentException naming an unknown detector
     */
    public static Set<DetectorKind> kinds(String commaSeparated) {
        EnumSet<DetectorKind> set = EnumSet.noneOf(DetectorKind.class);
        for (String name : commaSeparated.split(",")) {
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
                throw new IllegalArgumentException("unknown detector " + name.trim());
            }
            set.add(found);
        }
        return set;
    }

    /**
     * The base configuration with every {@code detect.*} key that the configuration sets (in the
     * document or through its environment variable) in its place.
     *
     * @throws ConfigException naming the key: a malformed or out-of-range value, or a {@code
     *     detect.*} key that is not an option (with the nearest option)
     * @throws IllegalArgumentException naming the key, when keys that depend on each other do not
     *     fit together ({@code detect.context.neighbours} above {@code detect.context.history})
     */
    public static DetectorConfig read(DetectorConfig base, RalfConfig config) {
        for (String key : config.keys()) {
            if (key.startsWith("detect.") && !REGISTRY.isKnown(key)) {
                throw new ConfigException(
                        "unknown configuration key "
                                + key
                                + REGISTRY.nearest(key)
                                        .map(n -> " (did you mean " + n + "?)")
                                        .orElse(""));
            }
        }
        return new DetectorConfig(
                pick(config, EWMA_ALPHA, base.ewmaAlpha()),
                pick(config, ROBUST_WINDOW, base.robustWindow()),
                pick(config, SEASONAL_BIN_MINUTES, base.seasonalBinMinutes()),
                pick(config, SEASONAL_WEEKLY, base.seasonalWeekly()),
                pick(config, SEASONAL_ALPHA, base.seasonalAlpha()),
                pick(config, SEASONAL_MIN_SAMPLES, base.seasonalMinSamples()),
                pick(config, CHANGE_POINT_DRIFT, base.cusumDrift()),
                pick(config, CHANGE_POINT_THRESHOLD, base.cusumThreshold()),
                pick(config, RATE_ALPHA, base.rateAlpha()),
                pick(config, CONTEXT_DIM, base.contextDim()),
                pick(config, CONTEXT_HISTORY, base.contextHistory()),
                pick(config, CONTEXT_NEIGHBOURS, base.contextNeighbours()),
                pick(config, CONTEXT_EXCLUDE, base.contextExclude()),
                pick(config, CLUSTER_PREFIX, base.clusterPrefix()),
                pick(config, CLUSTER_CENTROIDS, base.clusterCentroids()),
                pick(config, CLUSTER_ADAPT_RATE, base.clusterAdaptRate()),
                pick(config, SPATIAL_TOLERANCE, base.spatialTolerance()),
                pick(config, FORECAST_ALPHA, base.forecastAlpha()),
                pick(config, FORECAST_BETA, base.forecastBeta()),
                pick(config, FORECAST_THRESHOLD, base.forecastThreshold()),
                pick(config, FORECAST_HORIZON_MS, base.forecastHorizonMillis()),
                pick(config, LIKELIHOOD_SHORT_WINDOW, base.likelihoodShortWindow()),
                pick(config, LIKELIHOOD_ALPHA, base.likelihoodAlpha()),
                pick(config, WARMUP_SAMPLES, base.warmupSamples()),
                pick(config, FUSION_P_FLOOR, base.pFloor()),
                pick(config, ALERT_LEVEL, base.alertLevel()),
                pick(config, SUPPRESS_SAMPLES, base.suppressSamples()),
                pick(config, FUSION_PEAK_HALF_LIFE, base.peakHalfLife()),
                pick(config, RANGE_SIGMAS, base.rangeSigmas()),
                pick(config, TAIL_LEVEL, base.tailLevel()),
                config.isSet(ENABLED) ? kinds(config.get(ENABLED)) : base.enabled());
    }

    private static <T> T pick(RalfConfig config, ConfigOption<T> option, T base) {
        return config.isSet(option) ? config.get(option) : base;
    }

    /**
     * Fails unless the option accepts the value: the one range check of a parameter, shared by the
     * configuration file and by code that builds a {@link DetectorConfig} directly.
     */
    static <T> void check(ConfigOption<T> option, T value) {
        if (!option.validator().test(value)) {
            throw new IllegalArgumentException(
                    "invalid value for "
                            + option.key()
                            + ": "
                            + value
                            + " (must be "
                            + option.constraint()
                            + ")");
        }
    }

    /** A smoothing factor or level in (0, 1]. */
    private static ConfigOption<Double> rate(String key, double dflt, String description) {
        return number(key, dflt, description, v -> v > 0 && v <= 1, "a number in (0, 1]");
    }

    private static ConfigOption<Double> number(
            String key,
            double dflt,
            String description,
            Predicate<Double> validator,
            String constraint) {
        return new ConfigOption<>(key, Double::valueOf, dflt, description, validator, constraint);
    }
}
