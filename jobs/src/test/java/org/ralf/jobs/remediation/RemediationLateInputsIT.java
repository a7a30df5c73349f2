package org.ralf.jobs.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.pipelines.remediation.RemediationGraphSettings;
import org.ralf.schemas.Ids;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.incident.Incident;
import org.ralf.schemas.incident.IncidentState;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.testing.flink.FlinkTestCluster;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

/**
 * An anomaly read before the inventory, and an incident opened before its policy, on the real
 * broker: the anomaly is held until the inventory locates it (its incident is keyed on the node),
 * and the policy written afterwards still produces the command.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class RemediationLateInputsIT {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.extension();

    @Test
    void shouldCorrelateAnAnomalyBeforeTheInventoryOnItsNodeAndActOnAPolicyWrittenAfterIt(
            KafkaBroker broker, TestDatabase db, @TempDir Path audit) throws Exception {
        // Arrange: only the anomaly exists when the job starts
        RemediationTestbed bed = new RemediationTestbed(broker, db, audit, 120_000, 100);
        // a generous hold: the job's first checkpoints (five transactional sinks) can take
        // seconds on a loaded machine, and the inventory is only written after one of them
        RemediationGraphSettings p = bed.settings.params();
        RemediationJobSettings settings =
                new RemediationJobSettings(
                        bed.settings.bootstrapServers(),
                        bed.settings.topics(),
                        bed.settings.groupId(),
                        bed.settings.transactionalIdPrefix(),
                        bed.settings.checkpointIntervalMs(),
                        new RemediationGraphSettings(
                                p.quietMs(),
                                p.lookupTimeoutMs(),
                                p.lookupCapacity(),
                                p.lookupThreads(),
                                p.similarK(),
                                Duration.ofMinutes(2).toMillis(),
                                p.controller()),
                        bed.settings.database(),
                        bed.settings.efSearch(),
                        bed.settings.sinkBatch(),
                        bed.settings.audit());
        Anomaly anomaly = RemediationTestbed.crashLoop("web1", 1);
        bed.anomalies(List.of(anomaly));
        String incidentId = Ids.nameBased("incident", "pve1", anomaly.anomalyId());
        RemediationJob job = new RemediationJob(settings, RemediationJob.production(settings));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        FlinkTestCluster.configuration());
        env.setParallelism(1);
        env.enableCheckpointing(500);
        job.start(env);
        try {
            bed.awaitAnomaliesConsumed(1);

            // Act 1: the inventory arrives (within the topology hold)
            bed.inventory(1);
            List<Incident> incidents =
                    broker
                            .consume(bed.settings.topics().incidents(), 1, Duration.ofSeconds(60))
                            .stream()
                            .map(RemediationLateInputsIT::incident)
                            .toList();

            // Assert 1: one incident, correlated on the node, open, nothing decided
            assertThat(incidents)
                    .extracting(Incident::incidentId, Incident::state)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(incidentId, IncidentState.OPEN));
            assertThat(broker.consume(bed.settings.topics().commands(), 1, Duration.ofSeconds(2)))
                    .isEmpty();

            // Act 2: the policy is written after the incident opened
            bed.policy(
                    "crash",
                    1,
                    RemediationTestbed.crashLoopPolicy(
                            "- {id: reboot, kind: PROXMOX, action: reboot, idempotent: true,"
                                    + " timeout: 5m}"));
            List<ActionCommand> commands =
                    broker
                            .consume(bed.settings.topics().commands(), 1, Duration.ofSeconds(60))
                            .stream()
                            .map(
                                    r ->
                                            EventSerde.of(ActionCommand.class)
                                                    .deserialize("t", null, null, r.value())
                                                    .valueOrNull())
                            .filter(Objects::nonNull)
                            .toList();

            // Assert 2: exactly one command, for that incident
            assertThat(commands)
                    .singleElement()
                    .satisfies(
                            c -> {
                                assertThat(c.incidentId()).isEqualTo(incidentId);
                                assertThat(c.idempotencyKey())
                                        .isEqualTo(
                                                Ids.nameBased(incidentId, "PROXMOX:reboot", "1"));
                                assertThat(c.target()).isEqualTo("pve1/qemu/101");
                            });
        } finally {
            job.close();
        }
    }

    private static Incident incident(ConsumerRecord<byte[], byte[]> r) {
        return EventSerde.of(Incident.class).deserialize("t", null, null, r.value()).valueOrNull();
    }
}
