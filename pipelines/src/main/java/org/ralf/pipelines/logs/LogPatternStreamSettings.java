package org.ralf.pipelines.logs;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.ralf.models.detect.DetectorConfig;
import org.ralf.models.detect.DetectorOptions;
import org.ralf.models.logs.MinerConfig;
import org.ralf.schemas.config.RalfConfig;

/**
 * Settings of the template miner operator and the per-template rate detection: the resolved {@code
 * logpatterns.*} keys of {@link LogPatternOptions}.
 *
 * @param window tumbling event-time window of the per-template counts: {@code logpatterns.window}
 * @param maxTemplates live templates per source (miner cap): {@code logpatterns.max-templates}
 * @param newTemplateWarmupLines a source's first lines only teach the miner, no {@code
 *     NEW_TEMPLATE} anomalies: {@code logpatterns.new-template.warmup-lines}
 * @param cacheSize materialised miners kept per subtask: {@code logpatterns.cache-size}
 * @param sourceTtl a source silent this long (event time) loses its miner state: {@code
 *     logpatterns.source-ttl}
 * @param templateTtl a template silent this long loses its rate state: {@code
 *     logpatterns.template-ttl}
 * @param spikeThreshold fused detector score at which a rate spike is reported: {@code
 *     logpatterns.spike-threshold}
 * @param regularWindows consecutive non-empty windows after which a template counts as regular, so
 *     that an empty window is a disappearance: {@code logpatterns.regular-windows}
 * @param detector the rate detector's configuration: {@link #RATE_DETECTOR_DEFAULTS} under the
 *     {@code logpatterns.detector} section (its alert level is set by {@link #detectorConfig()})
 */
public record LogPatternStreamSettings(
        Duration window,
        int maxTemplates,
        int newTemplateWarmupLines,
        int cacheSize,
        Duration sourceTtl,
        Duration templateTtl,
        double spikeThreshold,
        int regularWindows,
        DetectorConfig detector)
        implements Serializable {

    /**
     * Detector defaults for log rates where they differ from {@link DetectorConfig#defaults()}:
     * small rings (state about 2 KiB per template instead of 23 KiB), a daily profile, no k-means
     * prefix, and a warm-up of 60 windows (an hour at one-minute windows) instead of 150.
     */
    public static final DetectorConfig RATE_DETECTOR_DEFAULTS =
            DetectorConfig.fromMap(
                    Map.of(
                            DetectorOptions.ROBUST_WINDOW.key(), "32",
                            DetectorOptions.CONTEXT_HISTORY.key(), "16",
                            DetectorOptions.SEASONAL_WEEKLY.key(), "false",
                            DetectorOptions.CLUSTER_PREFIX.key(), "16",
                            DetectorOptions.CLUSTER_CENTROIDS.key(), "1",
                            DetectorOptions.WARMUP_SAMPLES.key(), "60",
                            DetectorOptions.ENABLED.key(), "ewma,seasonal,context"));

    /** Validates. */
    public LogPatternStreamSettings {
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("logpatterns.window must be positive");
        }
        if (sourceTtl.compareTo(window) < 0 || templateTtl.compareTo(window) < 0) {
            throw new IllegalArgumentException(
                    "logpatterns.source-ttl and logpatterns.template-ttl must be >= the window");
        }
        if (!(spikeThreshold > 0 && spikeThreshold <= 1)) {
            throw new IllegalArgumentException("logpatterns.spike-threshold must be in (0, 1]");
        }
        new MinerConfig(0.5, 5, maxTemplates, 16_384, 256, 1_024); // validates the cap
    }

    /** The defaults. */
    public static LogPatternStreamSettings defaults() {
        return fromConfig(RalfConfig.parse(new java.io.StringReader(""), Map.of()));
    }

    /**
     * The options from the configuration; detector keys from the section {@code
     * logpatterns.detector} (e.g. {@code logpatterns.detector.ewma.alpha} sets {@code
     * detect.ewma.alpha} of the rate detector).
     */
    public static LogPatternStreamSettings fromConfig(RalfConfig config) {
        Map<String, String> detector = new HashMap<>();
        flatten("detect", config.section("logpatterns.detector"), detector);
        return new LogPatternStreamSettings(
                config.get(LogPatternOptions.WINDOW),
                config.get(LogPatternOptions.MAX_TEMPLATES),
                config.get(LogPatternOptions.WARMUP_LINES),
                config.get(LogPatternOptions.CACHE_SIZE),
                config.get(LogPatternOptions.SOURCE_TTL),
                config.get(LogPatternOptions.TEMPLATE_TTL),
                config.get(LogPatternOptions.SPIKE_THRESHOLD),
                config.get(LogPatternOptions.REGULAR_WINDOWS),
                RATE_DETECTOR_DEFAULTS.withOverrides(detector));
    }

    private static void flatten(String prefix, Map<String, Object> m, Map<String, String> out) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String key = prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> child) {
                Map<String, Object> typed = new HashMap<>();
                child.forEach((k, v) -> typed.put(String.valueOf(k), v));
                flatten(key, typed, out);
            } else if (e.getValue() != null) {
                out.put(key, String.valueOf(e.getValue()));
            }
        }
    }

    /** The miner configuration: {@link MinerConfig#DEFAULT} with this template cap. */
    public MinerConfig minerConfig() {
        return MinerConfig.DEFAULT.withMaxTemplates(maxTemplates);
    }

    /**
     * The rate detector configuration, with {@code detect.alert.level} = {@code
     * logpatterns.spike-threshold}: the detector's alert de-duplication starts only with a spike
     * that is reported (see {@link
     * org.ralf.pipelines.detect.DetectStreamSettings#streamDetector()}).
     */
    public DetectorConfig detectorConfig() {
        return detector.withAlertLevel(spikeThreshold);
    }

    /** A copy with other warm-up lines (tests). */
    public LogPatternStreamSettings withWarmupLines(int lines) {
        return new LogPatternStreamSettings(
                window,
                maxTemplates,
                lines,
                cacheSize,
                sourceTtl,
                templateTtl,
                spikeThreshold,
                regularWindows,
                detector);
    }

    /** A copy with other detector keys on top of the current ones (tests, tuning). */
    public LogPatternStreamSettings withDetector(Map<String, String> keys) {
        return new LogPatternStreamSettings(
                window,
                maxTemplates,
                newTemplateWarmupLines,
                cacheSize,
                sourceTtl,
                templateTtl,
                spikeThreshold,
                regularWindows,
                detector.withOverrides(keys));
    }

    /** A copy with other time-to-live values (tests). */
    public LogPatternStreamSettings withTtl(Duration source, Duration template) {
        return new LogPatternStreamSettings(
                window,
                maxTemplates,
                newTemplateWarmupLines,
                cacheSize,
                source,
                template,
                spikeThreshold,
                regularWindows,
                detector);
    }

    /** A copy with another cache size (tests). */
    public LogPatternStreamSettings withCacheSize(int size) {
        return new LogPatternStreamSettings(
                window,
                maxTemplates,
                newTemplateWarmupLines,
                size,
                sourceTtl,
                templateTtl,
                spikeThreshold,
                regularWindows,
                detector);
    }
}
