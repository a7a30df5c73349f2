package org.ralf.pipelines.logs;

import java.time.Duration;
import org.ralf.models.logs.MinerConfig;
import org.ralf.schemas.config.ConfigOption;

/**
 * The {@code logpatterns.*} keys of the template miner operator and the per-template rate
 * detection, resolved into {@link LogPatternStreamSettings}.
 */
public final class LogPatternOptions {

    private LogPatternOptions() {}

    /** {@code logpatterns.window}. */
    public static final ConfigOption<Duration> WINDOW =
            ConfigOption.durationOption(
                    "logpatterns.window", Duration.ofMinutes(1), "per-template count window");

    /** {@code logpatterns.max-templates}. */
    public static final ConfigOption<Integer> MAX_TEMPLATES =
            ConfigOption.intOption(
                    "logpatterns.max-templates",
                    MinerConfig.DEFAULT.maxTemplates(),
                    "live templates per source",
                    1,
                    1_000_000);

    /** {@code logpatterns.new-template.warmup-lines}. */
    public static final ConfigOption<Integer> WARMUP_LINES =
            ConfigOption.intOption(
                    "logpatterns.new-template.warmup-lines",
                    100,
                    "first lines of a source that raise no NEW_TEMPLATE anomaly",
                    0,
                    Integer.MAX_VALUE);

    /** {@code logpatterns.cache-size}. */
    public static final ConfigOption<Integer> CACHE_SIZE =
            ConfigOption.intOption(
                    "logpatterns.cache-size", 256, "materialised miners per subtask", 1, 1_000_000);

    /** {@code logpatterns.source-ttl}. */
    public static final ConfigOption<Duration> SOURCE_TTL =
            ConfigOption.durationOption(
                    "logpatterns.source-ttl",
                    Duration.ofDays(30),
                    "a silent source loses its miner state after this");

    /** {@code logpatterns.template-ttl}. */
    public static final ConfigOption<Duration> TEMPLATE_TTL =
            ConfigOption.durationOption(
                    "logpatterns.template-ttl",
                    Duration.ofDays(1),
                    "a silent template loses its rate state after this");

    /** {@code logpatterns.spike-threshold}. */
    public static final ConfigOption<Double> SPIKE_THRESHOLD =
            ConfigOption.doubleOption(
                    "logpatterns.spike-threshold",
                    0.8,
                    "fused rate score at which a spike is reported",
                    0.0,
                    1.0);

    /** {@code logpatterns.regular-windows}. */
    public static final ConfigOption<Integer> REGULAR_WINDOWS =
            ConfigOption.intOption(
                    "logpatterns.regular-windows",
                    10,
                    "consecutive non-empty windows that make a template regular",
                    1,
                    1_000_000);
}
