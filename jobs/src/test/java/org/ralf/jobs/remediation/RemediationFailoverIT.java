package org.ralf.jobs.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.schemas.Ids;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.testing.flink.FlinkTestCluster;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

/**
 * The job is cancelled mid-stream and restored from its retained checkpoint; the commands topic,
 * read with read_committed, holds every expected command exactly once.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class RemediationFailoverIT {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.extension();

    private static final int GUESTS = 20;

    @Test
    void shouldEmitEachCommandExactlyOnceAcrossCancelAndRestoreFromACheckpoint(
            KafkaBroker broker, TestDatabase db, @TempDir Path audit, @TempDir Path checkpoints)
            throws Exception {
        // Arrange: 20 guests on 20 nodes, one crash loop each, so 20 incidents and 20 commands
        RemediationTestbed bed = new RemediationTestbed(broker, db, audit, 120_000, 1_000);
        bed.inventory(GUESTS);
        bed.policy(
                "crash",
                1,
                RemediationTestbed.crashLoopPolicy(
                        "- {id: reboot, kind: PROXMOX, action: reboot, idempotent: true, timeout: 5m}"));
        List<Anomaly> anomalies = new ArrayList<>();
        for (int i = 1; i <= GUESTS; i++) {
            anomalies.add(RemediationTestbed.crashLoop("web" + i, i));
        }
        List<String> expectedKeys =
                anomalies.stream()
                        .map(
                                a -> {
                                    String node = "pve" + a.entity().substring(3);
                                    String incident =
                                            Ids.nameBased("incident", node, a.anomalyId());
                                    return Ids.nameBased(incident, "PROXMOX:reboot", "1");
                                })
                        .toList();
        Configuration conf = FlinkTestCluster.configuration();
        conf.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
        conf.setString(
                "execution.checkpointing.externalized-checkpoint-retention",
                "RETAIN_ON_CANCELLATION");
        String commands = bed.settings.topics().commands();

        // Act 1: first half, then cancel as soon as some commands are committed
        JobClient first = start(bed, conf);
        bed.awaitCdcApplied();
        bed.anomalies(anomalies.subList(0, GUESTS / 2));
        Awaitility.await("some committed commands")
                .atMost(60, TimeUnit.SECONDS)
                .until(() -> broker.consume(commands, 3, Duration.ofSeconds(2)).size() >= 3);
        first.cancel().get(30, TimeUnit.SECONDS);
        Path checkpoint = latestCheckpoint(checkpoints);

        // Act 2: second half while the job is down, then restore from the retained checkpoint
        bed.anomalies(anomalies.subList(GUESTS / 2, GUESTS));
        Configuration restore = new Configuration(conf);
        restore.setString("execution.state-recovery.path", checkpoint.toUri().toString());
        JobClient second = start(bed, restore);
        List<ConsumerRecord<byte[], byte[]>> records;
        try {
            records = broker.consume(commands, GUESTS, Duration.ofSeconds(90));
        } finally {
            second.cancel().get(30, TimeUnit.SECONDS);
        }

        // Assert: each expected idempotency key exactly once
        EventSerde<ActionCommand> serde = EventSerde.of(ActionCommand.class);
        Map<String, Long> perKey =
                records.stream()
                        .map(r -> serde.deserialize("t", null, null, r.value()).valueOrNull())
                        .collect(
                                Collectors.groupingBy(
                                        ActionCommand::idempotencyKey, Collectors.counting()));
        assertThat(perKey.keySet()).containsExactlyInAnyOrderElementsOf(expectedKeys);
        assertThat(perKey.values()).containsOnly(1L);
    }

    private static JobClient start(RemediationTestbed bed, Configuration conf) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(400);
        return new RemediationJob(bed.settings, RemediationJob.production(bed.settings)).start(env);
    }

    /** The retained checkpoint with the highest number (a directory holding _metadata). */
    private static Path latestCheckpoint(Path root) throws IOException {
        Function<Path, Integer> number =
                p -> Integer.parseInt(p.getFileName().toString().substring("chk-".length()));
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparing(number))
                    .orElseThrow(() -> new AssertionError("no retained checkpoint under " + root));
        }
    }
}
