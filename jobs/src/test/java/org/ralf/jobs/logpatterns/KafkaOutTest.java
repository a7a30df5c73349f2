package org.ralf.jobs.logpatterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaOutTest {

    private static final Tuple2<byte[], byte[]> RECORD =
            Tuple2.of(
                    "web01".getBytes(StandardCharsets.UTF_8),
                    "{}".getBytes(StandardCharsets.UTF_8));

    @Test
    void shouldKeepAPlausibleEventTimeAsTheKafkaTimestamp() {
        long past = System.currentTimeMillis() - Duration.ofDays(1).toMillis();

        ProducerRecord<byte[], byte[]> r =
                new KafkaOut.Serializer("t").serialize(RECORD, null, past);

        assertThat(r.timestamp()).isEqualTo(past);
        assertThat(r.topic()).isEqualTo("t");
        assertThat(r.key()).isEqualTo(RECORD.f0);
    }

    @Test
    void shouldLeaveTheTimestampToTheProducerForMissingOrFarFutureEventTimes() {
        long future = System.currentTimeMillis() + Duration.ofHours(2).toMillis();
        KafkaOut.Serializer s = new KafkaOut.Serializer("t");

        assertThat(s.serialize(RECORD, null, future).timestamp()).isNull();
        assertThat(s.serialize(RECORD, null, Long.MIN_VALUE).timestamp()).isNull();
        assertThat(s.serialize(RECORD, null, null).timestamp()).isNull();
    }
}
