package org.ralf.jobs.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.models.incident.ActionOutcome;
import org.ralf.models.incident.Experience;
import org.ralf.models.incident.IncidentFingerprint;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.ActionKind;
import org.ralf.schemas.command.CommandResult;
import org.ralf.schemas.command.CommandSigner;
import org.ralf.schemas.command.CommandState;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.sinks.memory.PgIncidentMemory;
import org.ralf.testing.flink.FlinkTestCluster;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class RemediationJobIT {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.extension();

    private static final String TWO_ACTIONS =
            """
            - {id: reboot, kind: PROXMOX, action: reboot, idempotent: true, timeout: 1m}
            - {id: restart, kind: ANSIBLE, action: restart-service.yml, timeout: 1m}
            """;

    @Test
    void shouldLearnFromHistoryEmitACommandDecisionRowGitCommitAndExperienceAndApplyAPolicyChange(
            KafkaBroker broker, TestDatabase db, @TempDir Path audit) throws Exception {
        // Arrange: history in which reboot failed and restart succeeded on similar incidents
        RemediationTestbed bed = new RemediationTestbed(broker, db, audit, 3_000, 100);
        IncidentFingerprint fp =
                new IncidentFingerprint(
                        "guest", List.of("PATTERN"), List.of("crash-loop"), List.of(), List.of());
        try (PgIncidentMemory memory =
                new PgIncidentMemory(bed.settings.database(), PgIncidentMemory.DEFAULT_EF_SEARCH)) {
            Instant past = Instant.parse("2026-02-01T00:00:00Z");
            memory.record(
                    new Experience(
                            "h1",
                            "old-1",
                            null,
                            null,
                            "PROXMOX:reboot",
                            "x",
                            ActionOutcome.FAILURE,
                            null,
                            fp,
                            past));
            memory.record(
                    new Experience(
                            "h2",
                            "old-2",
                            null,
                            null,
                            "ANSIBLE:restart-service.yml",
                            "y",
                            ActionOutcome.SUCCESS,
                            30_000L,
                            fp,
                            past));
        }
        bed.inventory(3);
        bed.policy("crash", 1, RemediationTestbed.crashLoopPolicy(TWO_ACTIONS));
        RemediationJob job =
                new RemediationJob(bed.settings, RemediationJob.production(bed.settings));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        FlinkTestCluster.configuration());
        env.setParallelism(1);
        env.enableCheckpointing(500);
        job.start(env);
        try {
            bed.awaitCdcApplied();

            // Act
            bed.anomalies(List.of(RemediationTestbed.crashLoop("web2", 1)));
            List<ConsumerRecord<byte[], byte[]>> commands =
                    broker.consume(bed.settings.topics().commands(), 1, Duration.ofSeconds(60));

            // Assert: one signed command, for the action that worked before
            assertThat(commands).hasSize(1);
            ActionCommand cmd =
                    EventSerde.of(ActionCommand.class)
                            .deserialize("t", null, null, commands.get(0).value())
                            .valueOrNull();
            assertThat(cmd).isNotNull();
            assertThat(cmd.kind()).isEqualTo(ActionKind.ANSIBLE);
            assertThat(cmd.target()).isEqualTo("web2");
            assertThat(
                            new CommandSigner(
                                            Map.of(
                                                    "k1",
                                                    RemediationTestbed.SECRET.getBytes(
                                                            StandardCharsets.UTF_8)))
                                    .verify(cmd))
                    .isTrue();

            // the decision row with its explanation
            Awaitility.await("decision row")
                    .atMost(30, TimeUnit.SECONDS)
                    .until(
                            () ->
                                    count(
                                                    db,
                                                    "SELECT count(*) FROM ralf.decisions WHERE decision_id = ?",
                                                    cmd.decisionId())
                                            == 1);
            try (Connection c = db.connect();
                    PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT chosen_action, idempotency_key, explanation->>'policyId',"
                                            + " jsonb_array_length(explanation->'similar')"
                                            + " FROM ralf.decisions WHERE decision_id = ?")) {
                ps.setString(1, cmd.decisionId());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("ANSIBLE:restart-service.yml");
                    assertThat(rs.getString(2)).isEqualTo(cmd.idempotencyKey());
                    assertThat(rs.getString(3)).isEqualTo("crash");
                    assertThat(rs.getInt(4)).isEqualTo(2);
                }
            }

            // the git commit
            Awaitility.await("audit commit")
                    .atMost(30, TimeUnit.SECONDS)
                    .until(() -> commits(audit).size() == 1);
            RevCommit commit = commits(audit).get(0);
            assertThat(commit.getFullMessage())
                    .startsWith("ANSIBLE:restart-service.yml on web2")
                    .contains(cmd.idempotencyKey());

            // Act: the executor reports success and the anomalies stop: the incident resolves
            Instant now = Instant.now();
            bed.broker.produce(
                    bed.settings.topics().results(),
                    List.of(
                            Map.entry(
                                    "web2".getBytes(StandardCharsets.UTF_8),
                                    RemediationTestbed.json(
                                            CommandResult.class,
                                            new CommandResult(
                                                    CommandResult.SCHEMA_VERSION,
                                                    cmd.commandId(),
                                                    cmd.idempotencyKey(),
                                                    cmd.target(),
                                                    cmd.kind(),
                                                    cmd.action(),
                                                    CommandState.SUCCEEDED,
                                                    "ok",
                                                    false,
                                                    now,
                                                    now,
                                                    now,
                                                    Map.of(),
                                                    null,
                                                    "",
                                                    "",
                                                    "executor-it")))));

            // Assert: the outcome is learned
            Awaitility.await("experience")
                    .atMost(60, TimeUnit.SECONDS)
                    .until(
                            () ->
                                    count(
                                                    db,
                                                    "SELECT count(*) FROM ralf.experiences WHERE incident_id = ? AND outcome = 'SUCCESS'",
                                                    cmd.incidentId())
                                            == 1);
            assertThat(
                            count(
                                    db,
                                    "SELECT count(*) FROM ralf.decisions WHERE decision_id = ? AND outcome = 'SUCCESS'",
                                    cmd.decisionId()))
                    .isEqualTo(1);
            Awaitility.await("resolved incident")
                    .atMost(30, TimeUnit.SECONDS)
                    .until(
                            () ->
                                    count(
                                                    db,
                                                    "SELECT count(*) FROM ralf.incidents WHERE incident_id = ? AND state = 'RESOLVED'",
                                                    cmd.incidentId())
                                            == 1);

            // Act: a new policy version arrives through CDC while the job runs
            bed.policy(
                    "crash",
                    2,
                    RemediationTestbed.crashLoopPolicy(
                            "- {id: start, kind: PROXMOX, action: start, idempotent: true, timeout: 1m}"));
            bed.awaitCdcApplied();
            bed.anomalies(List.of(RemediationTestbed.crashLoop("web3", 2)));
            List<ConsumerRecord<byte[], byte[]>> after =
                    broker.consume(bed.settings.topics().commands(), 2, Duration.ofSeconds(60));

            // Assert: the next decision uses it, without a restart
            assertThat(after).hasSize(2);
            ActionCommand second =
                    after.stream()
                            .map(
                                    r ->
                                            EventSerde.of(ActionCommand.class)
                                                    .deserialize("t", null, null, r.value())
                                                    .valueOrNull())
                            .filter(c -> !c.idempotencyKey().equals(cmd.idempotencyKey()))
                            .findFirst()
                            .orElseThrow();
            assertThat(second.action()).isEqualTo("start");
            assertThat(second.target()).isEqualTo("pve3/qemu/103");
            assertThat(second.reason()).contains("crash v2");
        } finally {
            job.close();
        }
    }

    static long count(TestDatabase db, String sql, String arg) throws Exception {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<RevCommit> commits(Path repo) throws Exception {
        if (!repo.resolve(".git").toFile().isDirectory()) {
            return List.of();
        }
        try (Git git = Git.open(repo.toFile())) {
            if (git.getRepository().resolve("HEAD") == null) {
                return List.of();
            }
            return StreamSupport.stream(git.log().call().spliterator(), false).toList();
        }
    }
}
