package org.ralf.pipelines.detect;

import java.io.Serializable;
import java.time.Duration;
import org.ralf.models.detect.DetectorConfig;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.RalfConfig;

/**
 * Settings of the keyed detector operator and its ingest step.
 *
 * @param detector the detector configuration ({@code detect.*} keys over {@link
 *     DetectorConfig#defaults()}, so by default the configuration {@code ralf bench nab} scores);
 *     the operator builds its {@code SeriesDetector} from it on open
 * @param threshold fused score at or above which an anomaly is emitted: {@code
 *     detect-job.threshold}
 * @param suppress per series, no second anomaly within this event-time span: {@code
 *     detect-job.suppress}
 * @param stateTtl a series silent for this long (event time) loses its state: {@code
 *     detect-job.state-ttl}
 * @param outOfOrderness watermark bound: {@code detect-job.out-of-orderness}
 * @param idleness a source split without data for this long stops holding the watermark back:
 *     {@code detect-job.idleness}
 * @param maxFuture samples stamped further than this ahead of the wall clock are dead-lettered:
 *     {@code detect-job.max-future}
 */
public record DetectOptions(
        DetectorConfig detector,
        double threshold,
        Duration suppress,
        Duration stateTtl,
        Duration outOfOrderness,
        Duration idleness,
        Duration maxFuture)
        implements Serializable {

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

    /** Validates (the detector configuration validated itself, naming the key). */
    public DetectOptions {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("detect-job.threshold must be in (0, 1]");
        }
        if (stateTtl.isZero() || stateTtl.isNegative()) {
            throw new IllegalArgumentException("detect-job.state-ttl must be positive");
        }
    }

    /**
     * The defaults: {@link DetectorConfig#defaults()} for the detectors (the one configuration that
     * {@code ralf bench nab} scores too, sized for at most 2 KiB of keyed state per series) and the
     * {@code detect-job.*} defaults above.
     */
    public static DetectOptions defaults() {
        return new DetectOptions(
                DetectorConfig.defaults(),
                THRESHOLD.defaultValue(),
                SUPPRESS.defaultValue(),
                STATE_TTL.defaultValue(),
                OUT_OF_ORDERNESS.defaultValue(),
                IDLENESS.defaultValue(),
                MAX_FUTURE.defaultValue());
    }

    /**
     * Reads the options and every {@code detect.*} detector key present in the configuration
     * (absent keys keep {@link DetectorConfig#defaults()}).
     */
    public static DetectOptions fromConfig(RalfConfig config) {
        return new DetectOptions(
                DetectorConfig.from(config),
                config.get(THRESHOLD),
                config.get(SUPPRESS),
                config.get(STATE_TTL),
                config.get(OUT_OF_ORDERNESS),
                config.get(IDLENESS),
                config.get(MAX_FUTURE));
    }

    /**
     * The detector configuration the job's series run: {@link #detector()} with {@code
     * detect.alert.level} = {@code detect-job.threshold}. The detector's alert de-duplication (no
     * second alert within {@code detect.suppress.samples}) starts at the alert level; left at the
     * detector's 0.2 while the job emits only from 0.8, a score between the two (not emitted)
     * started it and capped a real anomaly right after it below 0.2 — 5 of 50 injected spikes of
     * {@code ralf bench pipeline} were lost that way.
     */
    public DetectorConfig streamDetector() {
        return detector.withAlertLevel(threshold);
    }

    /** A copy with another detector configuration. */
    public DetectOptions withDetector(DetectorConfig other) {
        return new DetectOptions(
                other, threshold, suppress, stateTtl, outOfOrderness, idleness, maxFuture);
    }

    /** A copy with other suppression and state TTL spans. */
    public DetectOptions withTimes(Duration suppress, Duration stateTtl) {
        return new DetectOptions(
                detector, threshold, suppress, stateTtl, outOfOrderness, idleness, maxFuture);
    }
}
