package org.ralf.jobs.logpatterns;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Keeps Kafka records undecoded: decoding happens in {@link DecodeLogs}, with dead letters. */
final class RawLogDeserializer implements KafkaRecordDeserializationSchema<RawLog> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawLog> out) {
        out.collect(RawLog.of(record.topic(), record.partition(), record.offset(), record.value()));
    }

    @Override
    public TypeInformation<RawLog> getProducedType() {
        return TypeInformation.of(RawLog.class);
    }
}
