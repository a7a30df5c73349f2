package org.ralf.pipelines.entity;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.RalfConfig;

/**
 * Which metrics become which {@link EntityEvent}s, and how often liveness is reported.
 *
 * @param upMetrics liveness metrics (1 = up, 0 = down): {@code entity.metrics.up}
 * @param healthMetrics health-check metrics (&ge; 0.5 = pass): {@code entity.metrics.health}
 * @param saturationMetrics utilisation ratios (CPU, memory, I/O): {@code entity.metrics.saturation}
 * @param diskMetrics disk used ratios: {@code entity.metrics.disk}
 * @param heartbeat at most one {@link EntityKind#ACTIVITY} per host per heartbeat and subtask:
 *     {@code entity.heartbeat}
 */
public record EntityRules(
        Set<String> upMetrics,
        Set<String> healthMetrics,
        Set<String> saturationMetrics,
        Set<String> diskMetrics,
        Duration heartbeat)
        implements Serializable {

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

    /** Validates and copies. */
    public EntityRules {
        upMetrics = Set.copyOf(upMetrics);
        healthMetrics = Set.copyOf(healthMetrics);
        saturationMetrics = Set.copyOf(saturationMetrics);
        diskMetrics = Set.copyOf(diskMetrics);
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("entity.heartbeat must be positive: " + heartbeat);
        }
    }

    /** The defaults of every option. */
    public static EntityRules defaults() {
        return fromConfig(RalfConfig.parse(new java.io.StringReader(""), java.util.Map.of()));
    }

    /** Reads the options. */
    public static EntityRules fromConfig(RalfConfig config) {
        return new EntityRules(
                split(config.get(UP)),
                split(config.get(HEALTH)),
                split(config.get(SATURATION)),
                split(config.get(DISK)),
                config.get(HEARTBEAT));
    }

    private static Set<String> split(String list) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(out::add);
        return out;
    }
}
