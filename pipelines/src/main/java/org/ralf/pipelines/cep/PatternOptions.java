package org.ralf.pipelines.cep;

import java.time.Duration;
import org.ralf.schemas.config.ConfigOption;

/** The {@code patterns.*} keys of every pattern, resolved into {@link PatternSettings}. */
public final class PatternOptions {

    private PatternOptions() {}

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
}
