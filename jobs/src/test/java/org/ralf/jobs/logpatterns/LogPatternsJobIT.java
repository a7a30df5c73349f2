package org.ralf.jobs.logpatterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.models.logs.TemplateStore;
import org.ralf.pipelines.logs.LogPatternStreamSettings;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;
import org.ralf.schemas.config.RalfConfig;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.LogTemplate;
import org.ralf.schemas.log.Severity;
import org.ralf.schemas.log.TemplatedLog;
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
        String lines = KafkaBroker.uniqueTopic("lp-lines");
        String anomalies = KafkaBroker.uniqueTopic("lp-anomalies");
        String dead = KafkaBroker.uniqueTopic("lp-dead");
        broker.createTopics(2, logs, templates, lines, anomalies, dead);
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
        broker.produce(logs, input());
        LogPatternsSettings settings =
                settings(broker, db, logs, templates, lines, anomalies, dead)
                        .withOptions(
                                LogPatternStreamSettings.defaults().withWarmupLines(20),
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
        Map<String, LogTemplate> latest = catalogue(broker, templates);
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

        // every decodable input line once on the lines topic, with its catalogue record's id
        assertEveryLineOnceWithItsCatalogueId(broker, logs, lines, latest);
    }

    @Test
    void shouldEmitEveryLineExactlyOnceWhenTheJobFailsBeforeItsFinalCheckpoint(
            KafkaBroker broker, TestDatabase db, @TempDir Path tmp) throws Exception {
        // Arrange: the same input; a pgvector sink that fails the first attempt at end of input,
        // after the Kafka sinks have written (uncommitted) transactions
        String logs = KafkaBroker.uniqueTopic("lpf-logs");
        String templates = KafkaBroker.uniqueTopic("lpf-templates");
        String lines = KafkaBroker.uniqueTopic("lpf-lines");
        String anomalies = KafkaBroker.uniqueTopic("lpf-anomalies");
        String dead = KafkaBroker.uniqueTopic("lpf-dead");
        broker.createTopics(2, logs, templates, lines, anomalies, dead);
        broker.produce(logs, input());
        LogPatternsSettings settings =
                settings(broker, db, logs, templates, lines, anomalies, dead)
                        .withOptions(LogPatternStreamSettings.defaults(), Duration.ofMillis(300));
        Path marker = tmp.resolve("failed");
        var conf = FlinkTestCluster.configuration();
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "2");
        conf.setString("restart-strategy.fixed-delay.delay", "200 ms");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);

        // Act
        try (LogPatternsJob job =
                LogPatternsJob.production(settings, true)
                        .withStoreSink(
                                new FailFirstAttempt(
                                        new TemplateStoreSink(
                                                db.jdbcUrl(), db.user(), db.password(), 200),
                                        marker.toString()))) {
            job.start(env).getJobExecutionResult().get(120, TimeUnit.SECONDS);
        }

        // Assert: the failed attempt's output is invisible to read_committed readers, the
        // restarted one's is there once
        assertThat(marker).exists();
        assertEveryLineOnceWithItsCatalogueId(broker, logs, lines, catalogue(broker, templates));
    }

    /** 120 regular lines, an error line, a one-off line and one undecodable record. */
    private static List<Map.Entry<byte[], byte[]>> input() {
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
        return input;
    }

    private static LogPatternsSettings settings(
            KafkaBroker broker,
            TestDatabase db,
            String logs,
            String templates,
            String lines,
            String anomalies,
            String dead) {
        return LogPatternsSettings.fromConfig(
                        RalfConfig.parse(new java.io.StringReader(""), Map.of()))
                .withConnection(broker.bootstrapServers(), db.jdbcUrl(), db.user(), db.password())
                .withTopics(logs, templates, lines, anomalies, dead, "lp-" + logs, "lp-" + logs);
    }

    /** The catalogue as a compacted topic ends up: the newest record per template id. */
    private static Map<String, LogTemplate> catalogue(KafkaBroker broker, String templates) {
        Map<String, LogTemplate> latest = new HashMap<>();
        EventSerde<LogTemplate> ts = EventSerde.of(LogTemplate.class);
        for (ConsumerRecord<byte[], byte[]> r :
                broker.consume(templates, Integer.MAX_VALUE, Duration.ofSeconds(5))) {
            LogTemplate t = ts.deserialize(templates, null, null, r.value()).valueOrNull();
            assertThat(t).isNotNull();
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(t.templateId());
            latest.merge(t.templateId(), t, (a, b) -> b.count() >= a.count() ? b : a);
        }
        return latest;
    }

    /**
     * Every decodable record of the input topic appears exactly once on the lines topic (committed
     * records only), keyed by host, with its message, pointing back at its position, with a
     * template id the catalogue has a record for; per id, the lines add up to the catalogue's count
     * (the input has no merges, so each id counts exactly its own lines).
     */
    private static void assertEveryLineOnceWithItsCatalogueId(
            KafkaBroker broker, String logs, String lines, Map<String, LogTemplate> latest) {
        Map<String, LogRecord> expected = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : broker.consume(logs, 123, Duration.ofSeconds(30))) {
            LogRecord l =
                    LOGS.deserialize(logs, r.partition(), r.offset(), r.value()).valueOrNull();
            if (l != null) {
                expected.put(r.partition() + ":" + r.offset(), l);
            }
        }
        assertThat(expected).hasSize(122);
        EventSerde<TemplatedLog> serde = EventSerde.of(TemplatedLog.class).strict();
        List<String> positions = new ArrayList<>();
        Map<String, Long> perId = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
                broker.consume(lines, expected.size(), Duration.ofSeconds(30))) {
            TemplatedLog t = serde.deserialize(lines, null, null, r.value()).valueOrNull();
            assertThat(t).isNotNull();
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(t.host());
            String position = t.partition() + ":" + t.offset();
            positions.add(position);
            assertThat(expected.get(position))
                    .as("input at %s", position)
                    .isNotNull()
                    .satisfies(in -> assertThat(t.message()).isEqualTo(in.message()));
            assertThat(latest).containsKey(t.templateId());
            assertThat(t.parameters()).isNotNull();
            perId.merge(t.templateId(), 1L, Long::sum);
        }
        assertThat(positions).containsExactlyInAnyOrderElementsOf(expected.keySet());
        Map<String, Long> counts = new HashMap<>();
        latest.forEach((id, t) -> counts.put(id, t.count()));
        assertThat(perId).isEqualTo(counts);
    }

    /**
     * A pgvector sink whose first attempt fails at end of input (leaving a marker file), so that
     * the job restarts while the Kafka sinks hold open, uncommitted transactions.
     */
    private static final class FailFirstAttempt implements Sink<LogTemplate> {
        private static final long serialVersionUID = 1L;
        private final Sink<LogTemplate> delegate;
        private final String marker;

        FailFirstAttempt(Sink<LogTemplate> delegate, String marker) {
            this.delegate = delegate;
            this.marker = marker;
        }

        @Override
        public SinkWriter<LogTemplate> createWriter(WriterInitContext context) throws IOException {
            SinkWriter<LogTemplate> writer = delegate.createWriter(context);
            boolean fail = context.getTaskInfo().getAttemptNumber() == 0;
            return new SinkWriter<>() {
                @Override
                public void write(LogTemplate t, Context c)
                        throws IOException, InterruptedException {
                    writer.write(t, c);
                }

                @Override
                public void flush(boolean endOfInput) throws IOException, InterruptedException {
                    if (fail && endOfInput) {
                        Files.writeString(Path.of(marker), "failed");
                        throw new IOException("injected failure of the first attempt");
                    }
                    writer.flush(endOfInput);
                }

                @Override
                public void close() throws Exception {
                    writer.close();
                }
            };
        }
    }
}
