package org.ralf.schemas.topic;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ralf.schemas.Versioned;

/**
 * One Kafka topic: its name, what its key is, its value type and the configuration it is created
 * with.
 *
 * @param name topic name, {@code ralf.<name>}
 * @param keyDescription what the record key is (the entity, so per-entity order holds)
 * @param valueType record type of the values (serialised with {@link
 *     org.ralf.schemas.serde.EventSerde})
 * @param partitions number of partitions (at least 1)
 * @param retentionMs {@code retention.ms}; -1 for unlimited (compacted topics)
 * @param cleanupPolicy delete or compact
 */
public record TopicSpec(
        String name,
        String keyDescription,
        Class<? extends Versioned> valueType,
        int partitions,
        long retentionMs,
        CleanupPolicy cleanupPolicy) {

    /** Validates name, partitions and retention. */
    public TopicSpec {
        if (name == null || !name.matches("ralf\\.[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("topic name must match ralf.<name>: " + name);
        }
        if (name.length() > 249) {
            throw new IllegalArgumentException("topic name longer than 249 characters: " + name);
        }
        if (keyDescription == null || keyDescription.isBlank()) {
            throw new IllegalArgumentException("keyDescription is required for " + name);
        }
        if (valueType == null) {
            throw new IllegalArgumentException("valueType is required for " + name);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be >= 1");
        }
        if (retentionMs != -1 && retentionMs < 1) {
            throw new IllegalArgumentException(name + ": retentionMs must be > 0 or -1");
        }
        if (cleanupPolicy == null) {
            throw new IllegalArgumentException("cleanupPolicy is required for " + name);
        }
    }

    /** Topic configs to create the topic with ({@code cleanup.policy}, {@code retention.ms}). */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanupPolicy.config());
        configs.put("retention.ms", Long.toString(retentionMs));
        return configs;
    }

    /** A copy with another partition count (deployment-specific scaling). */
    public TopicSpec withPartitions(int partitions) {
        return new TopicSpec(
                name, keyDescription, valueType, partitions, retentionMs, cleanupPolicy);
    }
}
