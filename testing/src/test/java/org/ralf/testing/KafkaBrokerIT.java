package org.ralf.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerIT {

    @Test
    void shouldRoundTripRecordsThroughTheRealBrokerInPartitionOrder(KafkaBroker broker) {
        // Arrange
        String topic = KafkaBroker.uniqueTopic("roundtrip");
        broker.createTopics(3, topic);
        List<Map.Entry<byte[], byte[]>> sent =
                IntStream.range(0, 300)
                        .mapToObj(
                                i ->
                                        Map.entry(
                                                ("host-" + (i % 7))
                                                        .getBytes(StandardCharsets.UTF_8),
                                                ("v" + i).getBytes(StandardCharsets.UTF_8)))
                        .toList();

        // Act
        broker.produce(topic, sent);
        List<ConsumerRecord<byte[], byte[]>> received = broker.consume(topic, sent.size());

        // Assert: everything arrives once, and per key the order of sending holds
        assertThat(received).hasSize(sent.size());
        for (int k = 0; k < 7; k++) {
            String key = "host-" + k;
            List<String> expected =
                    sent.stream()
                            .filter(e -> new String(e.getKey(), StandardCharsets.UTF_8).equals(key))
                            .map(e -> new String(e.getValue(), StandardCharsets.UTF_8))
                            .toList();
            List<String> actual =
                    received.stream()
                            .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(key))
                            .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                            .toList();
            assertThat(actual).as("order for %s", key).containsExactlyElementsOf(expected);
        }
    }
}
