package org.ralf.pipelines.cep;

import java.io.Serializable;
import java.time.Duration;
import org.ralf.schemas.config.RalfConfig;

/**
 * Settings of every pattern: the resolved {@code patterns.*} keys of {@link PatternOptions}.
 *
 * @param crashLoopRestarts down→up cycles that make a crash loop: {@code
 *     patterns.crash-loop.restarts}
 * @param crashLoopWithin ... within this span: {@code patterns.crash-loop.within}
 * @param flappingCycles fail→pass health cycles that make flapping: {@code
 *     patterns.flapping.cycles}
 * @param flappingWithin ... within this span: {@code patterns.flapping.within}
 * @param errorBurstErrors consecutive error logs that make a burst: {@code
 *     patterns.error-burst.errors}
 * @param errorBurstWithin burst and failed health check within this span: {@code
 *     patterns.error-burst.within}
 * @param saturationLevel utilisation ratio that counts as saturated: {@code
 *     patterns.saturation.level}
 * @param saturationFor saturated without a dip for this long: {@code patterns.saturation.for}
 * @param diskFullLevel used ratio that counts as full: {@code patterns.disk.full-level}
 * @param diskHorizon forecasts of full within this horizon match: {@code patterns.disk.horizon}
 * @param diskMinSpan the trend is measured over at least this span: {@code patterns.disk.min-span}
 * @param diskLookback ... and at most this span: {@code patterns.disk.lookback}
 * @param silentAfter a host without any event for this long is silent: {@code
 *     patterns.silence.after}
 * @param deploymentErrors error logs after a deployment change that make it failed: {@code
 *     patterns.deployment.errors}
 * @param deploymentWithin ... within this span: {@code patterns.deployment.within}
 * @param hostMemory a discovered host unseen for this long is forgotten (and new again): {@code
 *     patterns.new-host.memory}
 */
public record PatternSettings(
        int crashLoopRestarts,
        Duration crashLoopWithin,
        int flappingCycles,
        Duration flappingWithin,
        int errorBurstErrors,
        Duration errorBurstWithin,
        double saturationLevel,
        Duration saturationFor,
        double diskFullLevel,
        Duration diskHorizon,
        Duration diskMinSpan,
        Duration diskLookback,
        Duration silentAfter,
        int deploymentErrors,
        Duration deploymentWithin,
        Duration hostMemory)
        implements Serializable {

    /** Validates the spans. */
    public PatternSettings {
        for (Duration d :
                new Duration[] {
                    crashLoopWithin, flappingWithin, errorBurstWithin, saturationFor, diskHorizon,
                    diskMinSpan, diskLookback, silentAfter, deploymentWithin, hostMemory
                }) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("pattern spans must be positive: " + d);
            }
        }
        if (diskMinSpan.compareTo(diskLookback) > 0) {
            throw new IllegalArgumentException(
                    "patterns.disk.min-span must not exceed patterns.disk.lookback");
        }
    }

    /** Every option at its default. */
    public static PatternSettings defaults() {
        return fromConfig(RalfConfig.parse(new java.io.StringReader(""), java.util.Map.of()));
    }

    /** Reads every option. */
    public static PatternSettings fromConfig(RalfConfig c) {
        return new PatternSettings(
                c.get(PatternOptions.CRASH_LOOP_RESTARTS),
                c.get(PatternOptions.CRASH_LOOP_WITHIN),
                c.get(PatternOptions.FLAPPING_CYCLES),
                c.get(PatternOptions.FLAPPING_WITHIN),
                c.get(PatternOptions.ERROR_BURST_ERRORS),
                c.get(PatternOptions.ERROR_BURST_WITHIN),
                c.get(PatternOptions.SATURATION_LEVEL),
                c.get(PatternOptions.SATURATION_FOR),
                c.get(PatternOptions.DISK_FULL_LEVEL),
                c.get(PatternOptions.DISK_HORIZON),
                c.get(PatternOptions.DISK_MIN_SPAN),
                c.get(PatternOptions.DISK_LOOKBACK),
                c.get(PatternOptions.SILENT_AFTER),
                c.get(PatternOptions.DEPLOYMENT_ERRORS),
                c.get(PatternOptions.DEPLOYMENT_WITHIN),
                c.get(PatternOptions.HOST_MEMORY));
    }
}
