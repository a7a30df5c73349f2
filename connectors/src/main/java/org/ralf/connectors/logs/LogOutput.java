package org.ralf.connectors.logs;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ralf.connectors.ConnectorException;
import org.ralf.connectors.ConnectorHealth;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.HealthState;
import org.ralf.connectors.kafka.IngestTopics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.serde.EventSerde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka side shared by the log connectors: publishes {@link LogRecord}s keyed by host and dead
 * letters, counts them, and turns a full producer buffer into backpressure — the calling receive
 * thread retries (and so stops reading its socket or file) for as long as the connector runs,
 * instead of dropping the record.
 */
final class LogOutput {

    private static final Logger LOG = LoggerFactory.getLogger(LogOutput.class);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private final String name;
    private final RecordPublisher publisher;
    private final ConnectorMetrics metrics;
    private final IngestTopics topics;
    private final HealthState health;
    private final Clock clock;
    private final BooleanSupplier running;
    private final EventSerde<LogRecord> serde = EventSerde.of(LogRecord.class);

    LogOutput(
            String name,
            RecordPublisher publisher,
            ConnectorMetrics metrics,
            IngestTopics topics,
            HealthState health,
            Clock clock,
            BooleanSupplier running) {
        this.name = name;
        this.publisher = publisher;
        this.metrics = metrics;
        this.topics = topics;
        this.health = health;
        this.clock = clock;
        this.running = running;
    }

    /**
     * Publishes one record; blocks while Kafka refuses it and the connector runs.
     *
     * @return completes when Kafka acknowledged the record
     * @throws ConnectorException if the connector stopped before Kafka took the record
     */
    CompletableFuture<Void> publish(LogRecord record) throws ConnectorException {
        metrics.recordsIn(1);
        metrics.lagMillis(Math.max(0, clock.millis() - record.timestamp().toEpochMilli()));
        byte[] json = LogRecordJson.encode(record);
        ProducerRecord<byte[], byte[]> r =
                new ProducerRecord<>(
                        topics.logs(),
                        record.host().getBytes(StandardCharsets.UTF_8),
                        json != null ? json : serde.serialize(record));
        return watch(retrying(() -> publisher.send(r)));
    }

    /** Dead-letters input; blocks like {@link #publish} while Kafka refuses it. */
    CompletableFuture<Void> deadLetter(byte[] raw, DeadLetterCause cause, String reason)
            throws ConnectorException {
        return watch(retrying(() -> publisher.deadLetter(name, raw, cause, reason, "LogRecord")));
    }

    /** Waits until everything sent was acknowledged. */
    void flush() {
        publisher.flush();
    }

    private CompletableFuture<Void> retrying(Send send) throws ConnectorException {
        while (true) {
            try {
                return send.send();
            } catch (ConnectorException e) {
                health.set(ConnectorHealth.State.DEGRADED, e.getMessage());
                if (!running.getAsBoolean()) {
                    throw e;
                }
                LOG.warn("{}: Kafka refuses records, holding input: {}", name, e.getMessage());
                try {
                    Thread.sleep(RETRY_PAUSE.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ConnectorException("interrupted while Kafka refused records", ie);
                }
            }
        }
    }

    private CompletableFuture<Void> watch(CompletableFuture<Void> sent) {
        return sent.whenComplete(
                (ok, error) -> {
                    if (error != null) {
                        metrics.errors(1);
                        health.set(
                                ConnectorHealth.State.DEGRADED,
                                "Kafka did not acknowledge a record: " + error);
                    } else {
                        health.recovered("forwarding");
                    }
                });
    }

    @FunctionalInterface
    private interface Send {
        CompletableFuture<Void> send() throws ConnectorException;
    }
}
