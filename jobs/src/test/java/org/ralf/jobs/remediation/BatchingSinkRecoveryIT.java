package org.ralf.jobs.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.pipelines.remediation.correlate.AnomalyBrief;
import org.ralf.pipelines.remediation.decide.Decision;
import org.ralf.pipelines.remediation.decide.Explanation;
import org.ralf.pipelines.types.JsonTypeInfo;
import org.ralf.schemas.incident.Incident;
import org.ralf.schemas.incident.IncidentState;
import org.ralf.sinks.git.GitAuditSettings;
import org.ralf.sinks.memory.JdbcSettings;
import org.ralf.testing.flink.FlinkTestCluster;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

/**
 * The PostgreSQL decisions sink and the git audit sink fail mid-stream (one in a checkpoint's
 * flush, one at a full batch); the job restarts from its last checkpoint, replays, and ends with
 * every decision exactly once in the table and exactly one commit per decision.
 */
@ExtendWith(PostgresExtension.class)
class BatchingSinkRecoveryIT {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.extension();

    private static final int DECISIONS = 20;
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** The id a test handler logs for a record. */
    private interface IdOf<T> extends Serializable {
        String id(T value);
    }

    /**
     * Wraps a handler: fails the calls whose 1-based number (counted across task restarts in a
     * file) is in {@code failOn}, and logs every offered record id to another file.
     */
    private static <T> BatchHandler.Factory<T> flaky(
            BatchHandler.Factory<T> delegate, String dir, Set<Integer> failOn, IdOf<T> idOf) {
        return () -> {
            BatchHandler<T> inner = delegate.open();
            Path calls = Path.of(dir, "calls");
            Path offered = Path.of(dir, "offered");
            return new BatchHandler<>() {
                @Override
                public void handle(List<T> batch) throws Exception {
                    int n =
                            Files.exists(calls)
                                    ? Integer.parseInt(Files.readString(calls).trim()) + 1
                                    : 1;
                    Files.writeString(calls, Integer.toString(n));
                    if (failOn.contains(n)) {
                        throw new IOException("injected failure of call " + n);
                    }
                    Files.writeString(
                            offered,
                            batch.stream()
                                    .map(idOf::id)
                                    .collect(Collectors.joining("\n", "", "\n")),
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                    inner.handle(batch);
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
        };
    }

    static Decision decision(long i) {
        Instant at = T0.plusSeconds(i);
        String incidentId = "incident-" + i;
        String decisionId = "decision-" + i;
        Incident incident =
                new Incident(
                        Incident.SCHEMA_VERSION,
                        incidentId,
                        "web" + i,
                        List.of("web" + i),
                        IncidentState.MITIGATING,
                        List.of("a-" + i),
                        at,
                        at,
                        null,
                        "web" + i + " (guest): crash-loop");
        AnomalyBrief brief =
                new AnomalyBrief(
                        "a-" + i,
                        "web" + i,
                        "PATTERN",
                        "crash-loop",
                        0.9,
                        null,
                        null,
                        "crash loop",
                        at.toEpochMilli());
        return new Decision(
                decisionId,
                incidentId,
                1,
                at,
                "crash",
                1,
                null,
                null,
                new Explanation(
                        List.of(brief),
                        incident,
                        true,
                        null,
                        List.of(),
                        "crash",
                        1,
                        List.of(),
                        null,
                        "decision " + i));
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    @Timeout(120)
    void shouldLoseAndDuplicateNothingWhenSinkBatchesFailAndTheJobReplays(
            TestDatabase db, @TempDir Path audit, @TempDir Path dbProbe, @TempDir Path gitProbe)
            throws Exception {
        // Arrange: five decisions per checkpoint, no retries so that every injected failure
        // fails the task. The table sink only writes at checkpoints (batch 100) and fails its
        // 2nd call: that checkpoint must not complete, or its five decisions would be lost. The
        // git sink writes batches of two and fails its 5th call, after earlier batches since the
        // last checkpoint were committed, so the replay offers them again.
        Configuration conf = FlinkTestCluster.configuration();
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "5");
        conf.setString("restart-strategy.fixed-delay.delay", "100 ms");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(100);
        DataStream<Decision> decisions =
                env.fromSource(
                        new DataGeneratorSource<>(
                                BatchingSinkRecoveryIT::decision,
                                DECISIONS,
                                RateLimiterStrategy.perCheckpoint(5),
                                JsonTypeInfo.of(Decision.class)),
                        WatermarkStrategy.noWatermarks(),
                        "decisions");
        JdbcSettings jdbc = new JdbcSettings(db.jdbcUrl(), db.user(), db.password(), 2, 2_000);
        GitAuditSettings git =
                new GitAuditSettings(audit.toString(), "main", null, null, null, "RALF", "r@x");
        decisions
                .sinkTo(
                        new BatchingSink<>(
                                flaky(
                                        Handlers.decisions(jdbc),
                                        dbProbe.toString(),
                                        Set.of(2),
                                        Decision::decisionId),
                                100,
                                0,
                                0))
                .name("decisions-table");
        decisions
                .sinkTo(
                        new BatchingSink<>(
                                flaky(
                                        Handlers.audit(git),
                                        gitProbe.toString(),
                                        Set.of(5),
                                        Decision::decisionId),
                                2,
                                0,
                                0))
                .name("git-audit");

        // Act
        env.execute("batching-sink-recovery");

        // Assert: both failures happened and replays offered records a second time ...
        List<String> expected =
                LongStream.range(0, DECISIONS).mapToObj(i -> "decision-" + i).toList();
        assertThat(Integer.parseInt(Files.readString(dbProbe.resolve("calls")).trim()))
                .isGreaterThan(2);
        assertThat(Integer.parseInt(Files.readString(gitProbe.resolve("calls")).trim()))
                .isGreaterThan(5);
        Map<String, Long> gitOffers =
                lines(gitProbe.resolve("offered")).stream()
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(gitOffers.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(gitOffers.values()).anyMatch(n -> n > 1);

        // ... yet the table holds each decision once and git has one commit per decision
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT decision_id FROM ralf.decisions")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
        List<String> commitDecisions;
        try (Git repo = Git.open(audit.toFile())) {
            commitDecisions =
                    StreamSupport.stream(repo.log().call().spliterator(), false)
                            .map(RevCommit::getFullMessage)
                            .map(
                                    m ->
                                            m.substring(m.indexOf("decision: ") + 10)
                                                    .lines()
                                                    .findFirst()
                                                    .orElseThrow())
                            .toList();
        }
        assertThat(commitDecisions).containsExactlyInAnyOrderElementsOf(expected);
    }
}
