package org.ralf.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
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

    @Test
    void shouldDecodeSkipNullsAndNameTheShortfallWhenConsumingTyped(KafkaBroker broker) {
        // Arrange
        String topic = KafkaBroker.uniqueTopic("typed");
        broker.createTopics(1, topic);
        broker.produce(
                topic,
                List.of("a1", "b2", "a3").stream()
                        .map(v -> Map.entry(new byte[0], v.getBytes(StandardCharsets.UTF_8)))
                        .toList());
        Deserializer<String> onlyA =
                (t, data) -> {
                    String v = new String(data, StandardCharsets.UTF_8);
                    return v.startsWith("a") ? v : null;
                };

        // Act
        List<String> got = broker.consume(topic, 2, Duration.ofSeconds(30), onlyA);

        // Assert: the skipped record is not counted; asking for more fails with what arrived
        assertThat(got).containsExactly("a1", "a3");
        assertThatThrownBy(() -> broker.consume(topic, 3, Duration.ofSeconds(2), onlyA))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("2 of 3 expected records")
                .hasMessageContaining("[a1, a3]");
        assertThatThrownBy(
                        () ->
                                broker.consume(
                                        topic,
                                        1,
                                        Duration.ofSeconds(30),
                                        (t, data) -> {
                                            throw new IllegalArgumentException("bad bytes");
                                        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("offset 0: record does not decode: bad bytes");
    }
}
