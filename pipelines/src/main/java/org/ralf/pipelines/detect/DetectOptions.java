package org.ralf.pipelines.detect;

import java.time.Duration;
import org.ralf.schemas.config.ConfigOption;

/**
 * The {@code detect-job.*} keys of the keyed detector operator and its ingest step, resolved into
 * {@link DetectStreamSettings}.
 */
public final class DetectOptions {

    private DetectOptions() {}

    /** {@code detect-job.threshold}. */
    public static final ConfigOption<Double> THRESHOLD =
            ConfigOption.doubleOption(
                    "detect-job.threshold",
                    0.8,
                    "fused score at or above which an anomaly is emitted",
                    0.0,
                    1.0);

    /** {@code detect-job.suppress}. */
    public static final ConfigOption<Duration> SUPPRESS =
            ConfigOption.durationOption(
                    "detect-job.suppress",
                    Duration.ofMinutes(5),
                    "per series, no second anomaly within this span");

    /** {@code detect-job.state-ttl}. */
    public static final ConfigOption<Duration> STATE_TTL =
            ConfigOption.durationOption(
                    "detect-job.state-ttl",
                    Duration.ofHours(1),
                    "a series silent this long (event time) loses its detector state");

    /** {@code detect-job.out-of-orderness}. */
    public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
            ConfigOption.durationOption(
                    "detect-job.out-of-orderness",
                    Duration.ofSeconds(5),
                    "bounded out-of-orderness of the watermarks");

    /** {@code detect-job.idleness}. */
    public static final ConfigOption<Duration> IDLENESS =
            ConfigOption.durationOption(
                    "detect-job.idleness",
                    Duration.ofSeconds(30),
                    "idle inputs stop holding back the watermark after this");

    /** {@code detect-job.max-future}. */
    public static final ConfigOption<Duration> MAX_FUTURE =
            ConfigOption.durationOption(
                    "detect-job.max-future",
                    Duration.ofMinutes(5),
                    "samples stamped further ahead of the wall clock are dead-lettered");
}
