package org.ralf.jobs.remediation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.awaitility.Awaitility;
import org.ralf.pipelines.remediation.RemediationGraphSettings;
import org.ralf.pipelines.remediation.decide.RemediationSettings;
import org.ralf.schemas.Ids;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.cdc.CdcOp;
import org.ralf.schemas.cdc.CdcSource;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.sinks.git.GitAuditSettings;
import org.ralf.sinks.memory.JdbcSettings;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.postgres.TestDatabase;

/** Topics, settings and input records for the remediation job's integration tests. */
public final class RemediationTestbed {

    static final String SECRET = "it-secret";

    final KafkaBroker broker;
    public final RemediationJobSettings settings;
    private int cdcRecords;

    public RemediationTestbed(
            KafkaBroker broker, TestDatabase db, Path auditDir, long quietMs, int globalMax) {
        this.broker = broker;
        String prefix = KafkaBroker.uniqueTopic("rem");
        RemediationTopics topics = RemediationTopics.prefixed(prefix);
        broker.createTopics(2, topics.all().toArray(String[]::new));
        this.settings =
                new RemediationJobSettings(
                        broker.bootstrapServers(),
                        topics,
                        prefix + "-group",
                        prefix + "-tx",
                        500,
                        new RemediationGraphSettings(
                                quietMs,
                                5_000,
                                10,
                                2,
                                20,
                                10_000,
                                new RemediationSettings(
                                        globalMax, "k1", SECRET, 60_000, 120_000, 1_000, 60_000)),
                        new JdbcSettings(db.jdbcUrl(), db.user(), db.password(), 3, 2_000),
                        100,
                        10,
                        new GitAuditSettings(
                                auditDir.toString(), "main", null, null, null, "RALF test", "t@x"));
    }

    static <T extends Versioned> byte[] json(Class<T> type, T value) {
        return EventSerde.of(type).serialize(value);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    void cdc(String table, Map<String, Object> row) {
        CdcEnvelope e =
                new CdcEnvelope(
                        CdcEnvelope.SCHEMA_VERSION,
                        CdcOp.CREATE,
                        null,
                        row,
                        new CdcSource(
                                "postgresql", "ralf", "ralf", "ralf", table, 0, null, null, null),
                        0);
        String topic =
                settings.topics().cdc().stream()
                        .filter(t -> t.endsWith(".cdc." + table))
                        .findFirst()
                        .orElseThrow();
        broker.produce(topic, List.of(Map.entry(utf8(table), json(CdcEnvelope.class, e))));
        cdcRecords++;
    }

    /** One node per guest: guest web{i} (vmid 100+i) on node pve{i}. */
    void inventory(int guests) {
        for (int i = 1; i <= guests; i++) {
            cdc("nodes", Map.of("node", "pve" + i, "status", "online"));
            cdc(
                    "guests",
                    Map.of("vmid", 100 + i, "name", "web" + i, "node", "pve" + i, "type", "qemu"));
        }
    }

    void policy(String id, int version, String yaml) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("policy_id", id);
        row.put("version", version);
        row.put("enabled", true);
        row.put("document", yaml);
        cdc("policies", row);
    }

    static Anomaly crashLoop(String entity, int n) {
        Instant t = Instant.parse("2026-03-01T10:00:00Z").plusSeconds(n);
        return new Anomaly(
                Anomaly.SCHEMA_VERSION,
                Ids.nameBased("it-anomaly", entity, String.valueOf(n)),
                entity,
                null,
                null,
                AnomalyKind.PATTERN,
                "crash-loop",
                0.95,
                null,
                null,
                null,
                Map.of(),
                t,
                t,
                t,
                "service restarted 5 times in 2 minutes",
                Map.of());
    }

    void anomalies(List<Anomaly> anomalies) {
        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>();
        for (Anomaly a : anomalies) {
            records.add(Map.entry(utf8(a.entity()), json(Anomaly.class, a)));
        }
        broker.produce(settings.topics().anomalies(), records);
    }

    /**
     * Waits until the job has consumed every CDC record and completed a checkpoint after them (the
     * source commits offsets on checkpoint completion), so both broadcast states hold them.
     */
    void awaitCdcApplied() {
        Awaitility.await("CDC consumed and checkpointed")
                .atMost(60, TimeUnit.SECONDS)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> committedCdcOffsets() >= cdcRecords);
    }

    /** Waits until the job has consumed (and checkpointed) {@code n} anomalies. */
    void awaitAnomaliesConsumed(long n) {
        Awaitility.await("anomalies consumed and checkpointed")
                .atMost(60, TimeUnit.SECONDS)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> committedOffsets(settings.groupId()) >= n);
    }

    private long committedCdcOffsets() throws Exception {
        return committedOffsets(settings.groupId() + "-cdc");
    }

    private long committedOffsets(String group) throws Exception {
        try (Admin admin = broker.admin()) {
            ListConsumerGroupOffsetsResult r = admin.listConsumerGroupOffsets(group);
            long sum = 0;
            for (OffsetAndMetadata o : r.partitionsToOffsetAndMetadata().get().values()) {
                if (o != null) {
                    sum += o.offset();
                }
            }
            return sum;
        }
    }

    static String crashLoopPolicy(String actions) {
        return """
                match: {anomalyKinds: [PATTERN], detectors: [crash-loop]}
                verifyWithin: 1m
                guards: {cooldown: 0s, maxActionsPerHourPerTarget: 5, maxBlastRadius: 1.0}
                actions:
                %s
                """
                .formatted(actions.indent(2).stripTrailing());
    }
}
