package org.ralf.jobs.kafka;

import java.io.IOException;
import java.util.List;
import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Builds RALF's Kafka sources (read_committed) and sinks (exactly-once, transactional) with the
 * settings every job shares.
 */
public final class KafkaIo {

    /**
     * Transaction timeout of exactly-once sinks: below the broker's default maximum of 15 minutes
     * (Flink's default of 1 hour would be refused), above any sane checkpoint interval.
     */
    public static final int TRANSACTION_TIMEOUT_MS = 10 * 60 * 1000;

    private KafkaIo() {}

    /**
     * Where every job source starts: the group's committed offsets (committed when a checkpoint
     * completes), the earliest offset for partitions the group has not committed yet. A job started
     * without a checkpoint therefore resumes where its group stopped instead of re-reading history.
     */
    // The connector's committedOffsets(...) only accepts Kafka's deprecated OffsetResetStrategy.
    @SuppressWarnings("deprecation")
    public static OffsetsInitializer committedOrEarliest() {
        return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
    }

    /**
     * A source of raw {@code (key, value)} records from the group's committed offsets ({@link
     * #committedOrEarliest()}), read_committed.
     */
    public static KafkaSource<Tuple2<byte[], byte[]>> rawSource(
            String bootstrapServers, String topic, String groupId, boolean bounded) {
        var builder =
                KafkaSource.<Tuple2<byte[], byte[]>>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(topic)
                        .setGroupId(groupId)
                        .setStartingOffsets(committedOrEarliest())
                        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                        .setDeserializer(new RawDeserializer());
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /** An exactly-once sink of raw {@code (key, value)} records. */
    public static KafkaSink<Tuple2<byte[], byte[]>> exactlyOnceRawSink(
            String bootstrapServers, String topic, String transactionalIdPrefix) {
        Properties producer = new Properties();
        producer.setProperty(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(TRANSACTION_TIMEOUT_MS));
        return KafkaSink.<Tuple2<byte[], byte[]>>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setRecordSerializer(new RawSerializer(topic))
                .build();
    }

    /**
     * A source of {@link SourceRecord}s of several topics (each must exist), from the group's
     * committed offsets (earliest where none), read_committed.
     */
    public static KafkaSource<SourceRecord> recordSource(
            String bootstrapServers, List<String> topics, String groupId, boolean bounded) {
        return recordSource(bootstrapServers, topics, groupId, bounded, null);
    }

    /**
     * Like {@link #recordSource(String, List, String, boolean)}, with every record passed through
     * the decoder (if any) as it is read.
     */
    public static KafkaSource<SourceRecord> recordSource(
            String bootstrapServers,
            List<String> topics,
            String groupId,
            boolean bounded,
            @Nullable SourceDecoder decoder) {
        var builder =
                KafkaSource.<SourceRecord>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(topics)
                        .setGroupId(groupId)
                        .setStartingOffsets(committedOrEarliest())
                        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                        .setDeserializer(new RecordDeserializer(decoder));
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /** An exactly-once sink of schema records, keyed as the serializer says. */
    public static <T> KafkaSink<T> exactlyOnceSink(
            String bootstrapServers,
            String transactionalIdPrefix,
            KafkaRecordSerializationSchema<T> serializer) {
        Properties producer = new Properties();
        producer.setProperty(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(TRANSACTION_TIMEOUT_MS));
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setRecordSerializer(serializer)
                .build();
    }

    private static final class RecordDeserializer
            implements KafkaRecordDeserializationSchema<SourceRecord> {
        private static final long serialVersionUID = 1L;
        private final @Nullable SourceDecoder decoder;

        RecordDeserializer(@Nullable SourceDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceRecord> out)
                throws IOException {
            SourceRecord r =
                    SourceRecord.of(
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            record.key(),
                            record.value());
            if (decoder != null) {
                decoder.decode(r);
            }
            out.collect(r);
        }

        @Override
        public TypeInformation<SourceRecord> getProducedType() {
            return TypeInformation.of(SourceRecord.class);
        }
    }

    private static final class RawDeserializer
            implements KafkaRecordDeserializationSchema<Tuple2<byte[], byte[]>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(
                ConsumerRecord<byte[], byte[]> record, Collector<Tuple2<byte[], byte[]>> out)
                throws IOException {
            out.collect(Tuple2.of(record.key(), record.value()));
        }

        @Override
        public TypeInformation<Tuple2<byte[], byte[]>> getProducedType() {
            return KeyedBytes.TYPE;
        }
    }

    private static final class RawSerializer
            implements KafkaRecordSerializationSchema<Tuple2<byte[], byte[]>> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        RawSerializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                Tuple2<byte[], byte[]> element, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, timestamp, element.f0, element.f1);
        }
    }
}
