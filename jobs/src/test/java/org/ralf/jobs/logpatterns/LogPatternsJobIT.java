package org.ralf.jobs.logpatterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ralf.models.logs.TemplateStore;
import org.ralf.pipelines.logs.LogPatternOptions;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;
import org.ralf.schemas.config.RalfConfig;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.LogTemplate;
import org.ralf.schemas.log.Severity;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.testing.flink.FlinkTestCluster;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class LogPatternsJobIT {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.extension();

    private static final Instant T0 = Instant.parse("2026-11-25T22:00:00Z");
    private static final EventSerde<LogRecord> LOGS = EventSerde.of(LogRecord.class);

    private static Map.Entry<byte[], byte[]> log(int second, Severity sev, String message) {
        LogRecord r =
                new LogRecord(
                        LogRecord.SCHEMA_VERSION,
                        T0.plusSeconds(second),
                        "web01",
                        "nginx",
                        sev,
                        "daemon",
                        message,
                        Map.of(),
                        "syslog-udp:5514",
                        null);
        return Map.entry("web01".getBytes(StandardCharsets.UTF_8), LOGS.serialize(r));
    }

    @Test
    void shouldPublishTemplatesAndANewTemplateAnomalyAndStoreTheTemplates(
            KafkaBroker broker, TestDatabase db) throws Exception {
        // Arrange: topics, a known similar template of another host in the store, input lines
        String logs = KafkaBroker.uniqueTopic("lp-logs");
        String templates = KafkaBroker.uniqueTopic("lp-templates");
        String anomalies = KafkaBroker.uniqueTopic("lp-anomalies");
        String dead = KafkaBroker.uniqueTopic("lp-dead");
        broker.createTopics(2, logs, templates, anomalies, dead);
        var ds = TemplateStoreSink.dataSource(db.jdbcUrl(), db.user(), db.password());
        new TemplateStore(ds)
                .upsert(
                        new org.ralf.models.logs.LogTemplate(
                                "web02/nginx#7",
                                "web02/nginx",
                                "upstream connection reset while reading response header from"
                                        + " upstream <*>",
                                10,
                                42,
                                T0.minusSeconds(3600),
                                T0.minusSeconds(60),
                                ""),
                        "ERROR");
        List<Map.Entry<byte[], byte[]>> input = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            input.add(log(i, Severity.INFO, "GET /api/item/" + i + " 200 in " + (i % 17) + "ms"));
            input.add(log(i, Severity.INFO, "worker " + (i % 4) + " accepted connection " + i));
        }
        input.add(
                log(
                        61,
                        Severity.ERROR,
                        "upstream connection refused while reading response header from upstream"
                                + " 10.0.0.7:8080"));
        input.add(log(62, Severity.INFO, "configuration reloaded by signal"));
        input.add(Map.entry(new byte[0], "not json".getBytes(StandardCharsets.UTF_8)));
        broker.produce(logs, input);

        LogPatternsSettings settings =
                LogPatternsSettings.fromConfig(
                                RalfConfig.parse(new java.io.StringReader(""), Map.of()))
                        .withConnection(
                                broker.bootstrapServers(), db.jdbcUrl(), db.user(), db.password())
                        .withTopics(logs, templates, anomalies, dead, "lp-it", "lp-" + logs)
                        .withOptions(
                                LogPatternOptions.defaults().withWarmupLines(20),
                                Duration.ofMillis(300));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        FlinkTestCluster.configuration());
        env.setParallelism(2);

        // Act: bounded input, so the job ends after a final checkpoint commits the transactions
        try (LogPatternsJob job = LogPatternsJob.production(settings, true)) {
            job.start(env).getJobExecutionResult().get(120, TimeUnit.SECONDS);
        }

        // Assert: template records (read_committed), newest per id
        Map<String, LogTemplate> latest = new HashMap<>();
        EventSerde<LogTemplate> ts = EventSerde.of(LogTemplate.class);
        for (ConsumerRecord<byte[], byte[]> r :
                broker.consume(templates, Integer.MAX_VALUE, Duration.ofSeconds(5))) {
            LogTemplate t = ts.deserialize(templates, null, null, r.value()).valueOrNull();
            assertThat(t).isNotNull();
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(t.templateId());
            latest.merge(t.templateId(), t, (a, b) -> b.count() >= a.count() ? b : a);
        }
        assertThat(latest.values())
                .extracting(LogTemplate::template)
                .contains(
                        "GET <*> <*> in <*>",
                        "worker <*> accepted connection <*>",
                        "configuration reloaded by signal");
        assertThat(latest.values())
                .filteredOn(t -> t.template().startsWith("GET"))
                .singleElement()
                .satisfies(
                        t -> {
                            assertThat(t.count()).isEqualTo(60);
                            assertThat(t.source()).isEqualTo("web01/nginx");
                        });

        // one NEW_TEMPLATE anomaly: the error line, with the similar template of web02 named
        EventSerde<Anomaly> as = EventSerde.of(Anomaly.class);
        List<Anomaly> found =
                broker.consume(anomalies, 1, Duration.ofSeconds(30)).stream()
                        .map(r -> as.deserialize(anomalies, null, null, r.value()).valueOrNull())
                        .filter(a -> a != null && a.kind() == AnomalyKind.NEW_TEMPLATE)
                        .toList();
        assertThat(found).hasSize(1);
        Anomaly a = found.get(0);
        assertThat(a.entity()).isEqualTo("web01");
        assertThat(a.labels().get("template")).startsWith("upstream connection refused");
        assertThat(a.labels()).containsEntry("nearest-template-id", "web02/nginx#7");
        assertThat(a.explanation()).contains("web02/nginx#7");

        // the bad record became a dead letter
        EventSerde<DeadLetter> dl = EventSerde.of(DeadLetter.class);
        List<ConsumerRecord<byte[], byte[]>> deadLetters =
                broker.consume(dead, 1, Duration.ofSeconds(20));
        assertThat(deadLetters).hasSize(1);
        assertThat(dl.deserialize(dead, null, null, deadLetters.get(0).value()).valueOrNull())
                .satisfies(d -> assertThat(d.source()).isEqualTo(logs));

        // rows in ralf.log_templates for every template of web01/nginx, with the final counts
        Map<String, Long> rows = new HashMap<>();
        try (Connection c = db.connect();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT template, count FROM ralf.log_templates"
                                        + " WHERE source = 'web01/nginx'")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getLong(2));
            }
        }
        assertThat(rows).hasSize(latest.size()).containsEntry("GET <*> <*> in <*>", 60L);
    }
}
