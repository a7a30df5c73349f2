package org.ralf.pipelines.entity;

import java.time.Duration;
import org.ralf.schemas.config.ConfigOption;

/**
 * The {@code entity.metrics.*} keys: which metrics make entity state, resolved into {@link
 * EntitySettings}.
 */
public final class EntityOptions {

    private EntityOptions() {}

    /** {@code entity.metrics.up}. */
    public static final ConfigOption<String> UP =
            ConfigOption.stringOption(
                    "entity.metrics.up", "up", "liveness metrics, comma-separated");

    /** {@code entity.metrics.health}. */
    public static final ConfigOption<String> HEALTH =
            ConfigOption.stringOption(
                    "entity.metrics.health",
                    "probe_success,ralf_health_check",
                    "health-check metrics (>= 0.5 passes), comma-separated");

    /** {@code entity.metrics.saturation}. */
    public static final ConfigOption<String> SATURATION =
            ConfigOption.stringOption(
                    "entity.metrics.saturation",
                    "node_cpu_utilization,node_memory_utilization,node_io_utilization",
                    "utilisation ratio metrics (0..1) watched for sustained saturation");

    /** {@code entity.metrics.disk}. */
    public static final ConfigOption<String> DISK =
            ConfigOption.stringOption(
                    "entity.metrics.disk",
                    "node_filesystem_used_ratio",
                    "disk used ratio metrics (0..1) watched by the fill forecast");

    /** {@code entity.heartbeat}. */
    public static final ConfigOption<Duration> HEARTBEAT =
            ConfigOption.durationOption(
                    "entity.heartbeat",
                    Duration.ofSeconds(30),
                    "at most one liveness event per host and heartbeat");
}
