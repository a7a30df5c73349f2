package org.ralf.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ralf.connectors.ConnectorException;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.schemas.topic.TopicSpec;
import org.ralf.schemas.topic.Topics;

/**
 * Publishes connector output to Kafka with the guarantees every connector needs: idempotent
 * producer, {@code acks=all}, a bounded buffer, and backpressure instead of dropping — when the
 * buffer is full, {@link #publish} blocks the calling (receiving) thread for up to {@code
 * max.block.ms} and then fails, so that the source is refused (HTTP 5xx, TCP reads stall) and
 * retries; nothing accepted is lost. Input that cannot be parsed goes to {@code ralf.deadletter}
 * with the source, the reason and the original bytes.
 */
public final class RecordPublisher implements AutoCloseable {

    /** Default producer buffer: bounded so memory stays bounded under a slow broker. */
    public static final long DEFAULT_BUFFER_BYTES = 32L * 1024 * 1024;

    private final Producer<byte[], byte[]> producer;
    private final ConnectorMetrics metrics;
    private final Clock clock;
    private final String deadLetterTopic;
    private final EventSerde<DeadLetter> deadLetters = EventSerde.of(DeadLetter.class);

    /**
     * @param producer the producer (see {@link #producerProperties})
     * @param metrics counters of the owning connector
     * @param clock time of dead letters
     */
    public RecordPublisher(
            Producer<byte[], byte[]> producer, ConnectorMetrics metrics, Clock clock) {
        this(producer, metrics, clock, Topics.DEADLETTER.name());
    }

    /**
     * @param producer the producer (see {@link #producerProperties})
     * @param metrics counters of the owning connector
     * @param clock time of dead letters
     * @param deadLetterTopic where dead letters go (the registry's {@code ralf.deadletter} unless a
     *     deployment or test isolates its topics)
     */
    public RecordPublisher(
            Producer<byte[], byte[]> producer,
            ConnectorMetrics metrics,
            Clock clock,
            String deadLetterTopic) {
        this.producer = producer;
        this.metrics = metrics;
        this.clock = clock;
        this.deadLetterTopic = deadLetterTopic;
    }

    /**
     * A publisher with a new producer for the brokers, a given buffer and blocking bound, and a
     * dead-letter topic.
     */
    public static RecordPublisher create(
            String bootstrapServers,
            String clientId,
            ConnectorMetrics metrics,
            long bufferBytes,
            Duration maxBlock,
            String deadLetterTopic) {
        return new RecordPublisher(
                new KafkaProducer<>(
                        producerProperties(bootstrapServers, clientId, bufferBytes, maxBlock)),
                metrics,
                Clock.systemUTC(),
                deadLetterTopic);
    }

    /** A publisher with a new producer for the brokers. */
    public static RecordPublisher create(
            String bootstrapServers, String clientId, ConnectorMetrics metrics) {
        return new RecordPublisher(
                new KafkaProducer<>(
                        producerProperties(
                                bootstrapServers,
                                clientId,
                                DEFAULT_BUFFER_BYTES,
                                Duration.ofSeconds(30))),
                metrics,
                Clock.systemUTC());
    }

    /** Producer settings: idempotent, acks=all, bounded buffer, blocking when full. */
    public static Properties producerProperties(
            String bootstrapServers, String clientId, long bufferBytes, Duration maxBlock) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(bufferBytes));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(maxBlock.toMillis()));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /**
     * Sends one record keyed by the entity; completes when Kafka acknowledged it.
     *
     * @throws ConnectorException if the buffer stayed full for {@code max.block.ms} (backpressure)
     */
    public <T extends Versioned> CompletableFuture<Void> publish(
            TopicSpec topic, String key, T value, EventSerde<T> serde) throws ConnectorException {
        return send(topic.name(), key.getBytes(StandardCharsets.UTF_8), serde.serialize(value));
    }

    /**
     * Sends one already serialised record; completes when Kafka acknowledged it.
     *
     * @throws ConnectorException if the buffer stayed full for {@code max.block.ms} (backpressure)
     */
    public CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> record)
            throws ConnectorException {
        return send(record.topic(), record.key(), record.value());
    }

    /**
     * Sends a batch; the returned future completes when Kafka acknowledged every record, or
     * exceptionally with the first failure. Cheaper than one future per record on hot paths.
     *
     * @throws ConnectorException if the buffer stayed full for {@code max.block.ms} (backpressure);
     *     records sent before that may still be acknowledged
     */
    public CompletableFuture<Void> publishAll(List<ProducerRecord<byte[], byte[]>> records)
            throws ConnectorException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (records.isEmpty()) {
            done.complete(null);
            return done;
        }
        AtomicInteger remaining = new AtomicInteger(records.size());
        Callback callback =
                (meta, error) -> {
                    if (error != null) {
                        done.completeExceptionally(error);
                    } else {
                        metrics.recordsOut(1);
                        if (remaining.decrementAndGet() == 0) {
                            done.complete(null);
                        }
                    }
                };
        for (ProducerRecord<byte[], byte[]> r : records) {
            try {
                producer.send(r, callback);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                done.completeExceptionally(e);
                throw new ConnectorException(
                        "Kafka producer buffer full (backpressure): " + e.getMessage(), e);
            } catch (org.apache.kafka.common.KafkaException e) {
                done.completeExceptionally(e);
                throw new ConnectorException("Kafka refused the record: " + e.getMessage(), e);
            }
        }
        return done;
    }

    /**
     * Sends a batch and waits until Kafka acknowledged all of it, for receivers that must answer
     * their client only after the data is safe (remote_write: 204 after, 5xx on failure).
     *
     * @throws ConnectorException if any record was not acknowledged within the timeout
     */
    public void publishAndWait(List<ProducerRecord<byte[], byte[]>> records, Duration timeout)
            throws ConnectorException {
        List<CompletableFuture<Void>> pending = new ArrayList<>(records.size());
        for (ProducerRecord<byte[], byte[]> r : records) {
            pending.add(send(r.topic(), r.key(), r.value()));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new ConnectorException(
                    "Kafka did not take the batch: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectorException(
                    "Kafka did not acknowledge the batch within " + timeout, e);
        }
    }

    /**
     * Dead-letters input that could not be parsed; counted as an error of the connector.
     *
     * @param source connector name
     * @param raw the original bytes (truncated to {@link EventSerde#DEAD_LETTER_PAYLOAD_LIMIT})
     * @param cause category
     * @param reason precise reason
     * @param expectedType what the input should have become, if known
     */
    public CompletableFuture<Void> deadLetter(
            String source,
            byte[] raw,
            DeadLetterCause cause,
            String reason,
            @Nullable String expectedType)
            throws ConnectorException {
        metrics.errors(1);
        byte[] kept =
                raw.length <= EventSerde.DEAD_LETTER_PAYLOAD_LIMIT
                        ? raw
                        : java.util.Arrays.copyOf(raw, EventSerde.DEAD_LETTER_PAYLOAD_LIMIT);
        String why =
                kept.length < raw.length
                        ? reason + " (payload truncated from " + raw.length + " bytes)"
                        : reason;
        DeadLetter letter =
                new DeadLetter(
                        DeadLetter.SCHEMA_VERSION,
                        source,
                        null,
                        null,
                        kept,
                        cause,
                        why,
                        expectedType,
                        clock.instant());
        return send(
                deadLetterTopic,
                source.getBytes(StandardCharsets.UTF_8),
                deadLetters.serialize(letter));
    }

    private CompletableFuture<Void> send(String topic, byte[] key, byte[] value)
            throws ConnectorException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer.send(
                    new ProducerRecord<>(topic, key, value),
                    (meta, error) -> {
                        if (error == null) {
                            metrics.recordsOut(1);
                            done.complete(null);
                        } else {
                            done.completeExceptionally(error);
                        }
                    });
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            // buffer full for max.block.ms: refuse upstream instead of dropping
            throw new ConnectorException(
                    "Kafka producer buffer full (backpressure): " + e.getMessage(), e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new ConnectorException("Kafka refused the record: " + e.getMessage(), e);
        }
        return done;
    }

    /** Sends everything buffered and waits for acknowledgements. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
