package org.ralf.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaRecordSerializerTest {

    private static final KafkaRecord RECORD =
            KafkaRecord.keyed(
                    "web01".getBytes(StandardCharsets.UTF_8),
                    "{}".getBytes(StandardCharsets.UTF_8));

    @Test
    void shouldKeepAPlausibleEventTimeAsTheKafkaTimestamp() {
        long past = System.currentTimeMillis() - Duration.ofDays(1).toMillis();

        ProducerRecord<byte[], byte[]> r =
                new KafkaRecordSerializer("t", true).serialize(RECORD, null, past);

        assertThat(r.timestamp()).isEqualTo(past);
        assertThat(r.topic()).isEqualTo("t");
        assertThat(r.key()).isEqualTo(RECORD.key);
    }

    @Test
    void shouldLeaveTheTimestampToTheProducerForMissingOrFarFutureEventTimes() {
        long future = System.currentTimeMillis() + Duration.ofHours(2).toMillis();
        KafkaRecordSerializer s = new KafkaRecordSerializer("t", true);

        assertThat(s.serialize(RECORD, null, future).timestamp()).isNull();
        assertThat(s.serialize(RECORD, null, Long.MIN_VALUE).timestamp()).isNull();
        assertThat(s.serialize(RECORD, null, null).timestamp()).isNull();
    }

    @Test
    void shouldKeepEveryTimestampWhenNotAskedToJudgeThem() {
        long future = System.currentTimeMillis() + Duration.ofHours(2).toMillis();
        KafkaRecordSerializer s = new KafkaRecordSerializer("t", false);

        assertThat(s.serialize(RECORD, null, future).timestamp()).isEqualTo(future);
        assertThat(s.serialize(RECORD, null, null).timestamp()).isNull();
        assertThat(s.serialize(RECORD, null, 5L).value()).isEqualTo(RECORD.value);
    }
}
