package org.ralf.connectors.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.ralf.testing.kafka.KafkaBroker;

/** Reads a topic until what arrived satisfies a condition (bounded). */
public final class Topics {

    private Topics() {}

    /**
     * Reads the topic from the beginning until {@code done} holds for the records so far or the
     * timeout passed; returns what arrived, so that the caller's assertion shows the difference.
     */
    public static List<ConsumerRecord<byte[], byte[]>> consumeUntil(
            KafkaBroker broker,
            String topic,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
            Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(broker.consumerProperties("test-" + UUID.randomUUID()))) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(out) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
