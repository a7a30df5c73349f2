package org.ralf.pipelines.cep;

import java.io.Serializable;
import java.time.Duration;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.RalfConfig;

/**
 * Parameters of every pattern ({@code patterns.*} keys of {@code ralf.yaml}).
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
public record PatternOptions(
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

    /** {@code patterns.crash-loop.restarts}. */
    public static final ConfigOption<Integer> CRASH_LOOP_RESTARTS =
            ConfigOption.intOption(
                    "patterns.crash-loop.restarts", 3, "down->up cycles of a crash loop", 2, 100);

    /** {@code patterns.crash-loop.within}. */
    public static final ConfigOption<Duration> CRASH_LOOP_WITHIN =
            ConfigOption.durationOption(
                    "patterns.crash-loop.within", Duration.ofMinutes(10), "crash loop span");

    /** {@code patterns.flapping.cycles}. */
    public static final ConfigOption<Integer> FLAPPING_CYCLES =
            ConfigOption.intOption(
                    "patterns.flapping.cycles", 3, "fail->pass health cycles of flapping", 2, 100);

    /** {@code patterns.flapping.within}. */
    public static final ConfigOption<Duration> FLAPPING_WITHIN =
            ConfigOption.durationOption(
                    "patterns.flapping.within", Duration.ofMinutes(15), "flapping span");

    /** {@code patterns.error-burst.errors}. */
    public static final ConfigOption<Integer> ERROR_BURST_ERRORS =
            ConfigOption.intOption(
                    "patterns.error-burst.errors", 5, "consecutive error logs of a burst", 1, 1000);

    /** {@code patterns.error-burst.within}. */
    public static final ConfigOption<Duration> ERROR_BURST_WITHIN =
            ConfigOption.durationOption(
                    "patterns.error-burst.within",
                    Duration.ofMinutes(5),
                    "burst and failed health check span");

    /** {@code patterns.saturation.level}. */
    public static final ConfigOption<Double> SATURATION_LEVEL =
            ConfigOption.doubleOption(
                    "patterns.saturation.level", 0.9, "saturated utilisation ratio", 0.0, 1.0);

    /** {@code patterns.saturation.for}. */
    public static final ConfigOption<Duration> SATURATION_FOR =
            ConfigOption.durationOption(
                    "patterns.saturation.for",
                    Duration.ofMinutes(10),
                    "saturation lasting this long matches");

    /** {@code patterns.disk.full-level}. */
    public static final ConfigOption<Double> DISK_FULL_LEVEL =
            ConfigOption.doubleOption(
                    "patterns.disk.full-level", 0.95, "disk used ratio that is full", 0.0, 1.0);

    /** {@code patterns.disk.horizon}. */
    public static final ConfigOption<Duration> DISK_HORIZON =
            ConfigOption.durationOption(
                    "patterns.disk.horizon", Duration.ofHours(24), "disk full forecast horizon");

    /** {@code patterns.disk.min-span}. */
    public static final ConfigOption<Duration> DISK_MIN_SPAN =
            ConfigOption.durationOption(
                    "patterns.disk.min-span", Duration.ofMinutes(30), "shortest trend span");

    /** {@code patterns.disk.lookback}. */
    public static final ConfigOption<Duration> DISK_LOOKBACK =
            ConfigOption.durationOption(
                    "patterns.disk.lookback", Duration.ofHours(6), "longest trend span");

    /** {@code patterns.silence.after}. */
    public static final ConfigOption<Duration> SILENT_AFTER =
            ConfigOption.durationOption(
                    "patterns.silence.after", Duration.ofMinutes(5), "a host silent this long");

    /** {@code patterns.deployment.errors}. */
    public static final ConfigOption<Integer> DEPLOYMENT_ERRORS =
            ConfigOption.intOption(
                    "patterns.deployment.errors", 3, "error logs after a deployment", 1, 1000);

    /** {@code patterns.deployment.within}. */
    public static final ConfigOption<Duration> DEPLOYMENT_WITHIN =
            ConfigOption.durationOption(
                    "patterns.deployment.within",
                    Duration.ofMinutes(10),
                    "deployment and its errors span");

    /** {@code patterns.new-host.memory}. */
    public static final ConfigOption<Duration> HOST_MEMORY =
            ConfigOption.durationOption(
                    "patterns.new-host.memory",
                    Duration.ofDays(30),
                    "a host unseen this long is forgotten");

    /** Validates the spans. */
    public PatternOptions {
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
    public static PatternOptions defaults() {
        return fromConfig(RalfConfig.parse(new java.io.StringReader(""), java.util.Map.of()));
    }

    /** Reads every option. */
    public static PatternOptions fromConfig(RalfConfig c) {
        return new PatternOptions(
                c.get(CRASH_LOOP_RESTARTS),
                c.get(CRASH_LOOP_WITHIN),
                c.get(FLAPPING_CYCLES),
                c.get(FLAPPING_WITHIN),
                c.get(ERROR_BURST_ERRORS),
                c.get(ERROR_BURST_WITHIN),
                c.get(SATURATION_LEVEL),
                c.get(SATURATION_FOR),
                c.get(DISK_FULL_LEVEL),
                c.get(DISK_HORIZON),
                c.get(DISK_MIN_SPAN),
                c.get(DISK_LOOKBACK),
                c.get(SILENT_AFTER),
                c.get(DEPLOYMENT_ERRORS),
                c.get(DEPLOYMENT_WITHIN),
                c.get(HOST_MEMORY));
    }
}
