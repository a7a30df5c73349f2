package org.ralf.connectors.kafka;

import org.ralf.schemas.topic.Topics;

/**
 * The topic names the ingestion connectors produce to. Production uses {@link #REGISTRY} (the
 * registry's {@code ralf.metrics}, {@code ralf.logs}, {@code ralf.deadletter}); tests and
 * benchmarks substitute their own names so that they never read each other's records.
 *
 * @param metrics topic of {@code MetricSample}s
 * @param logs topic of {@code LogRecord}s
 * @param deadLetters topic of {@code DeadLetter}s
 */
public record IngestTopics(String metrics, String logs, String deadLetters) {

    /** The registry's topics. */
    public static final IngestTopics REGISTRY =
            new IngestTopics(Topics.METRICS.name(), Topics.LOGS.name(), Topics.DEADLETTER.name());

    /** Validates the names. */
    public IngestTopics {
        for (String t : new String[] {metrics, logs, deadLetters}) {
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("topic names must not be blank");
            }
        }
    }
}
