package org.ralf.jobs.kafka;

import javax.annotation.Nullable;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a {@link KafkaRecord}'s key and value to one topic, with the record's Flink timestamp as
 * the Kafka timestamp.
 *
 * <p>With {@code producerTimeWhenImplausible}, a record without a real event time (a dead letter,
 * whose source timestamp is deliberately {@link Long#MIN_VALUE} so that it cannot move the
 * watermark) gets the producer's time instead of an invalid negative timestamp, and so does a
 * record whose event time lies more than {@link #MAX_AHEAD_MS} in the future.
 */
public final class KafkaRecordSerializer implements KafkaRecordSerializationSchema<KafkaRecord> {

    private static final long serialVersionUID = 1L;

    /**
     * Event times further ahead of this process's clock get the producer's time instead: a broker
     * rejects a timestamp more than {@code message.timestamp.after.max.ms} ahead of its clock (one
     * hour by default since Kafka 4.0), and the rejection would fail the job on every restart. A
     * host with a clock that runs ahead must not stop the job; the event time stays in the value.
     */
    public static final long MAX_AHEAD_MS = 10 * 60 * 1000;

    private final String topic;
    private final boolean producerTimeWhenImplausible;

    /**
     * @param topic target topic
     * @param producerTimeWhenImplausible leave missing, negative and far-future timestamps to the
     *     producer
     */
    public KafkaRecordSerializer(String topic, boolean producerTimeWhenImplausible) {
        this.topic = topic;
        this.producerTimeWhenImplausible = producerTimeWhenImplausible;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            KafkaRecord element, KafkaSinkContext context, @Nullable Long timestamp) {
        Long ts =
                producerTimeWhenImplausible
                                && (timestamp == null
                                        || timestamp < 0
                                        || timestamp > System.currentTimeMillis() + MAX_AHEAD_MS)
                        ? null
                        : timestamp;
        return new ProducerRecord<>(topic, null, ts, element.key, element.value);
    }
}
