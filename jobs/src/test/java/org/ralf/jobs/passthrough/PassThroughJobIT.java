package org.ralf.jobs.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ralf.jobs.kafka.KafkaIo;
import org.ralf.testing.flink.FlinkTestCluster;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;

@ExtendWith(KafkaBrokerExtension.class)
class PassThroughJobIT {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.extension();

    @Test
    void shouldCopyEveryRecordExactlyOnceThroughTheTransactionalSink(KafkaBroker broker)
            throws Exception {
        // Arrange
        String in = KafkaBroker.uniqueTopic("pt-in");
        String out = KafkaBroker.uniqueTopic("pt-out");
        broker.createTopics(2, in, out);
        List<Map.Entry<byte[], byte[]>> records =
                IntStream.range(0, 1000)
                        .mapToObj(
                                i ->
                                        Map.entry(
                                                ("k" + (i % 10)).getBytes(StandardCharsets.UTF_8),
                                                ("value-" + i).getBytes(StandardCharsets.UTF_8)))
                        .toList();
        broker.produce(in, records);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        FlinkTestCluster.configuration());
        env.setParallelism(2);
        env.enableCheckpointing(300);

        // Act: bounded source, so the job ends after a final checkpoint commits the transactions
        new PassThroughJob(
                        KafkaIo.rawSource(broker.bootstrapServers(), in, "pt-test", true),
                        KafkaIo.exactlyOnceRawSink(broker.bootstrapServers(), out, "pt-" + out))
                .start(env)
                .getJobExecutionResult()
                .get(120, TimeUnit.SECONDS);
        List<ConsumerRecord<byte[], byte[]>> copied =
                broker.consume(out, records.size(), Duration.ofSeconds(60));

        // Assert: read_committed sees each record once, nothing more
        assertThat(copied)
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(
                        records.stream()
                                .map(e -> new String(e.getValue(), StandardCharsets.UTF_8))
                                .toList());
    }
}
