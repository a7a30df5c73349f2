package org.ralf.jobs.logpatterns;

import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ralf.jobs.kafka.KafkaIo;

/**
 * Exactly-once {@code (key, value)} sinks as {@link KafkaIo#exactlyOnceRawSink} builds them, except
 * that a record without a real event time (a dead letter, whose source timestamp is deliberately
 * {@link Long#MIN_VALUE} so that it cannot move the watermark) gets the producer's time instead of
 * an invalid negative timestamp, and so does a record whose event time lies more than {@link
 * #MAX_AHEAD_MS} in the future.
 */
final class KafkaOut {

    /**
     * Event times further ahead of this process's clock get the producer's time instead: a broker
     * rejects a timestamp more than {@code message.timestamp.after.max.ms} ahead of its clock (one
     * hour by default since Kafka 4.0), and the rejection would fail the job on every restart. A
     * host with a clock that runs ahead must not stop the job; the event time stays in the value.
     */
    static final long MAX_AHEAD_MS = 10 * 60 * 1000;

    private KafkaOut() {}

    static KafkaSink<Tuple2<byte[], byte[]>> exactlyOnce(
            String bootstrapServers, String topic, String transactionalIdPrefix) {
        Properties producer = new Properties();
        producer.setProperty(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                String.valueOf(KafkaIo.TRANSACTION_TIMEOUT_MS));
        return KafkaSink.<Tuple2<byte[], byte[]>>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setRecordSerializer(new Serializer(topic))
                .build();
    }

    static final class Serializer
            implements KafkaRecordSerializationSchema<Tuple2<byte[], byte[]>> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        Serializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                Tuple2<byte[], byte[]> element,
                KafkaSinkContext context,
                @Nullable Long timestamp) {
            Long ts =
                    timestamp == null
                                    || timestamp < 0
                                    || timestamp > System.currentTimeMillis() + MAX_AHEAD_MS
                            ? null
                            : timestamp;
            return new ProducerRecord<>(topic, null, ts, element.f0, element.f1);
        }
    }
}
