package org.ralf.jobs.logpatterns;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ralf.pipelines.logs.LogLine;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.serde.Decoded;
import org.ralf.schemas.serde.EventSerde;

/**
 * Decodes in the source, so that watermarks are generated per Kafka partition from the lines' event
 * time; what does not decode is kept as bytes with its position ({@link DecodeLogs} turns it into a
 * dead letter).
 */
final class RawLogDeserializer implements KafkaRecordDeserializationSchema<RawLog> {

    private static final long serialVersionUID = 1L;

    private final EventSerde<LogRecord> serde = EventSerde.of(LogRecord.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawLog> out) {
        Decoded<LogRecord> d =
                serde.deserialize(
                        record.topic(), record.partition(), record.offset(), record.value());
        if (d instanceof Decoded.Ok<LogRecord> ok) {
            out.collect(
                    RawLog.decoded(LogLine.of(ok.value(), record.partition(), record.offset())));
        } else {
            out.collect(
                    RawLog.of(record.topic(), record.partition(), record.offset(), record.value()));
        }
    }

    @Override
    public TypeInformation<RawLog> getProducedType() {
        return TypeInformation.of(RawLog.class);
    }
}
