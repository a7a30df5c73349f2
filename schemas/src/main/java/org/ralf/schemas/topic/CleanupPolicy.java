package org.ralf.schemas.topic;

/** Kafka {@code cleanup.policy} of a topic. */
public enum CleanupPolicy {
    /** Segments older than the retention are deleted. */
    DELETE("delete"),
    /** Only the latest value per key is kept (the topic is a table of current states). */
    COMPACT("compact");

    private final String config;

    CleanupPolicy(String config) {
        this.config = config;
    }

    /** The value of Kafka's {@code cleanup.policy} topic config. */
    public String config() {
        return config;
    }
}
