package org.ralf.jobs.kafka;

import java.io.IOException;
import java.util.List;
import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
     * A source of raw records of one topic from the group's committed offsets ({@link
     * #committedOrEarliest()}), read_committed.
     */
    public static KafkaSource<KafkaRecord> rawSource(
            String bootstrapServers, String topic, String groupId, boolean bounded) {
        return recordSource(bootstrapServers, List.of(topic), groupId, bounded);
    }

    /**
     * An unbounded read_committed source of raw records of several topics from their earliest
     * offsets, whatever the group committed (the CDC topics: their state is rebuilt from the whole
     * topic).
     */
    public static KafkaSource<KafkaRecord> earliestRecordSource(
            String bootstrapServers, List<String> topics, String groupId) {
        return KafkaSource.<KafkaRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topics)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setDeserializer(new RecordDeserializer(null))
                .build();
    }

    /** An exactly-once sink of raw records, with their Flink timestamps as Kafka timestamps. */
    public static KafkaSink<KafkaRecord> exactlyOnceRawSink(
            String bootstrapServers, String topic, String transactionalIdPrefix) {
        return exactlyOnceSink(
                bootstrapServers, transactionalIdPrefix, new KafkaRecordSerializer(topic, false));
    }

    /**
     * An exactly-once sink of raw records that leaves implausible timestamps (none, negative, far
     * ahead) to the producer: see {@link KafkaRecordSerializer}.
     */
    public static KafkaSink<KafkaRecord> exactlyOnceRawSinkAtPlausibleTimes(
            String bootstrapServers, String topic, String transactionalIdPrefix) {
        return exactlyOnceSink(
                bootstrapServers, transactionalIdPrefix, new KafkaRecordSerializer(topic, true));
    }

    /**
     * A source of {@link KafkaRecord}s of several topics (each must exist), from the group's
     * committed offsets (earliest where none), read_committed.
     */
    public static KafkaSource<KafkaRecord> recordSource(
            String bootstrapServers, List<String> topics, String groupId, boolean bounded) {
        return recordSource(bootstrapServers, topics, groupId, bounded, null);
    }

    /**
     * Like {@link #recordSource(String, List, String, boolean)}, with every record passed through
     * the decoder (if any) as it is read.
     */
    public static KafkaSource<KafkaRecord> recordSource(
            String bootstrapServers,
            List<String> topics,
            String groupId,
            boolean bounded,
            @Nullable SourceDecoder decoder) {
        var builder =
                KafkaSource.<KafkaRecord>builder()
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
            implements KafkaRecordDeserializationSchema<KafkaRecord> {
        private static final long serialVersionUID = 1L;
        private final @Nullable SourceDecoder decoder;

        RecordDeserializer(@Nullable SourceDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaRecord> out)
                throws IOException {
            KafkaRecord r =
                    KafkaRecord.of(
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
        public TypeInformation<KafkaRecord> getProducedType() {
            return TypeInformation.of(KafkaRecord.class);
        }
    }
}
