package org.ralf.pipelines.detect;

import java.io.Serializable;
import java.time.Duration;
import org.ralf.models.detect.DetectorConfig;
import org.ralf.schemas.config.RalfConfig;

/**
 * Settings of the keyed detector operator and its ingest step: the resolved values of {@link
 * DetectOptions} (and of {@link org.ralf.models.detect.DetectorOptions} for the detector).
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
public record DetectStreamSettings(
        DetectorConfig detector,
        double threshold,
        Duration suppress,
        Duration stateTtl,
        Duration outOfOrderness,
        Duration idleness,
        Duration maxFuture)
        implements Serializable {

    /** Validates (the detector configuration validated itself, naming the key). */
    public DetectStreamSettings {
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
    public static DetectStreamSettings defaults() {
        return new DetectStreamSettings(
                DetectorConfig.defaults(),
                DetectOptions.THRESHOLD.defaultValue(),
                DetectOptions.SUPPRESS.defaultValue(),
                DetectOptions.STATE_TTL.defaultValue(),
                DetectOptions.OUT_OF_ORDERNESS.defaultValue(),
                DetectOptions.IDLENESS.defaultValue(),
                DetectOptions.MAX_FUTURE.defaultValue());
    }

    /**
     * Reads the options and every {@code detect.*} detector key present in the configuration
     * (absent keys keep {@link DetectorConfig#defaults()}).
     */
    public static DetectStreamSettings fromConfig(RalfConfig config) {
        return new DetectStreamSettings(
                DetectorConfig.from(config),
                config.get(DetectOptions.THRESHOLD),
                config.get(DetectOptions.SUPPRESS),
                config.get(DetectOptions.STATE_TTL),
                config.get(DetectOptions.OUT_OF_ORDERNESS),
                config.get(DetectOptions.IDLENESS),
                config.get(DetectOptions.MAX_FUTURE));
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
    public DetectStreamSettings withDetector(DetectorConfig other) {
        return new DetectStreamSettings(
                other, threshold, suppress, stateTtl, outOfOrderness, idleness, maxFuture);
    }

    /** A copy with other suppression and state TTL spans. */
    public DetectStreamSettings withTimes(Duration suppress, Duration stateTtl) {
        return new DetectStreamSettings(
                detector, threshold, suppress, stateTtl, outOfOrderness, idleness, maxFuture);
    }
}
