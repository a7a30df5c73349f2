package org.ralf.pipelines.entity;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.ralf.schemas.config.RalfConfig;

/**
 * Which metrics become which {@link EntityEvent}s, and how often liveness is reported: the resolved
 * keys of {@link EntityOptions}.
 *
 * @param upMetrics liveness metrics (1 = up, 0 = down): {@code entity.metrics.up}
 * @param healthMetrics health-check metrics (&ge; 0.5 = pass): {@code entity.metrics.health}
 * @param saturationMetrics utilisation ratios (CPU, memory, I/O): {@code entity.metrics.saturation}
 * @param diskMetrics disk used ratios: {@code entity.metrics.disk}
 * @param heartbeat at most one {@link EntityKind#ACTIVITY} per host per heartbeat and subtask:
 *     {@code entity.heartbeat}
 */
public record EntitySettings(
        Set<String> upMetrics,
        Set<String> healthMetrics,
        Set<String> saturationMetrics,
        Set<String> diskMetrics,
        Duration heartbeat)
        implements Serializable {

    /** Validates and copies. */
    public EntitySettings {
        upMetrics = Set.copyOf(upMetrics);
        healthMetrics = Set.copyOf(healthMetrics);
        saturationMetrics = Set.copyOf(saturationMetrics);
        diskMetrics = Set.copyOf(diskMetrics);
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("entity.heartbeat must be positive: " + heartbeat);
        }
    }

    /** The defaults of every option. */
    public static EntitySettings defaults() {
        return fromConfig(RalfConfig.parse(new java.io.StringReader(""), java.util.Map.of()));
    }

    /** Reads the options. */
    public static EntitySettings fromConfig(RalfConfig config) {
        return new EntitySettings(
                split(config.get(EntityOptions.UP)),
                split(config.get(EntityOptions.HEALTH)),
                split(config.get(EntityOptions.SATURATION)),
                split(config.get(EntityOptions.DISK)),
                config.get(EntityOptions.HEARTBEAT));
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
