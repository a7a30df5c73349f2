package org.ralf.jobs.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.Function;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.serde.EventSerde;

/**
 * Writes a schema record as its topic JSON, keyed by the entity the record is about (so that
 * per-entity order holds in the topic).
 *
 * @param <T> the record type
 */
public final class RecordSerializer<T extends Versioned>
        implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    /** The key of a record. */
    @FunctionalInterface
    public interface KeyOf<T> extends Function {
        /** The key text. */
        String key(T value);
    }

    private final String topic;
    private final EventSerde<T> serde;
    private final KeyOf<T> key;

    /**
     * @param topic target topic
     * @param type record type
     * @param key its key
     */
    public RecordSerializer(String topic, Class<T> type, KeyOf<T> key) {
        this.topic = topic;
        this.serde = EventSerde.of(type);
        this.key = key;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                timestamp,
                key.key(element).getBytes(StandardCharsets.UTF_8),
                serde.serialize(element));
    }
}
