package org.ralf.jobs.remediation;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ralf.jobs.kafka.KeyedBytes;

/**
 * A read_committed source of raw records over several topics (the CDC topics), with the same
 * settings as {@link org.ralf.jobs.kafka.KafkaIo#rawSource}.
 */
public final class RawRecords {

    private RawRecords() {}

    /** A source of raw {@code (key, value)} records of several topics from the earliest offset. */
    public static KafkaSource<Tuple2<byte[], byte[]>> source(
            String bootstrapServers, List<String> topics, String groupId) {
        return KafkaSource.<Tuple2<byte[], byte[]>>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topics)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setDeserializer(new Deserializer())
                .build();
    }

    private static final class Deserializer
            implements KafkaRecordDeserializationSchema<Tuple2<byte[], byte[]>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(
                ConsumerRecord<byte[], byte[]> record, Collector<Tuple2<byte[], byte[]>> out) {
            out.collect(Tuple2.of(record.key(), record.value()));
        }

        @Override
        public TypeInformation<Tuple2<byte[], byte[]>> getProducedType() {
            return KeyedBytes.TYPE;
        }
    }
}
