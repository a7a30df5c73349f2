package org.ralf.jobs.detect;

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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ralf.jobs.detect.DecodeRouter.Routes;
import org.ralf.pipelines.cep.Patterns;
import org.ralf.pipelines.detect.SeriesDetectorFunction;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.cdc.CdcOp;
import org.ralf.schemas.cdc.CdcSource;
import org.ralf.schemas.config.RalfConfig;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.testing.flink.FlinkTestCluster;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

/**
 * The detect job end to end: a real broker, the MiniCluster and PostgreSQL. Metrics with an
 * injected spike and a crash-loop sequence, a deployment change, and bad input go in; explained
 * anomalies come out on the anomalies topic (read_committed) and in the anomalies table, and the
 * bad input on the dead-letter topic.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class DetectJobIT {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.extension();

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String SPIKY = "node_load1{host=\"web01\"}";

    private static final EventSerde<MetricSample> METRICS = EventSerde.of(MetricSample.class);
    private static final EventSerde<Anomaly> ANOMALIES = EventSerde.of(Anomaly.class);
    private static final EventSerde<DeadLetter> DEAD = EventSerde.of(DeadLetter.class);

    private static Map.Entry<byte[], byte[]> entry(String key, byte[] value) {
        return Map.entry(key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static Map.Entry<byte[], byte[]> metric(
            String name, Map<String, String> labels, double v, Instant at) {
        MetricSample s = MetricSample.of(name, labels, v, at, "it");
        return entry(s.seriesId(), METRICS.serialize(s));
    }

    @Test
    void shouldTurnASpikeAndACrashLoopIntoAnomaliesInKafkaAndPostgres(
            KafkaBroker broker, TestDatabase db) throws Exception {
        // Arrange: topics of this test only
        String metrics = KafkaBroker.uniqueTopic("it-metrics");
        String cdcPrefix = KafkaBroker.uniqueTopic("it-cdc") + ".";
        String deployments = cdcPrefix + "deployments";
        String anomalies = KafkaBroker.uniqueTopic("it-anomalies");
        String dead = KafkaBroker.uniqueTopic("it-dead");
        broker.createTopics(2, metrics, deployments, anomalies, dead);

        // (event time, record), produced in event-time order as live producers would
        List<Map.Entry<Instant, Map.Entry<byte[], byte[]>>> input = new ArrayList<>();
        Random random = new Random(7);
        // a series with 300 quiet samples then a spike of 6 samples
        for (int i = 0; i < 306; i++) {
            double v = i < 300 ? 1.0 + 0.05 * random.nextGaussian() : 30.0;
            Instant at = T0.plusSeconds(15L * i);
            input.add(Map.entry(at, metric("node_load1", Map.of("host", "web01"), v, at)));
        }
        // nginx on web01 goes down and up three times within six minutes
        Map<String, String> nginx = Map.of("instance", "web01:9100", "service", "nginx");
        for (int cycle = 0; cycle < 3; cycle++) {
            Instant at = T0.plus(Duration.ofMinutes(10 + 2L * cycle));
            input.add(Map.entry(at, metric("up", nginx, 0.0, at)));
            input.add(Map.entry(at.plusSeconds(30), metric("up", nginx, 1.0, at.plusSeconds(30))));
        }
        // bad input: malformed JSON, and a sample stamped a day in the future
        input.add(Map.entry(T0, entry("x", "{\"seriesId\": ".getBytes(StandardCharsets.UTF_8))));
        Instant future = Instant.now().plus(Duration.ofDays(1));
        input.add(Map.entry(T0, metric("node_load1", Map.of("host", "web09"), 1.0, future)));
        input.sort(Map.Entry.comparingByKey());
        broker.produce(metrics, input.stream().map(Map.Entry::getValue).toList());

        Map<String, Object> row = new HashMap<>();
        row.put("deployment_id", "d-1");
        row.put("service_id", "web01/nginx");
        row.put("version", "2.0");
        row.put("state", "failed");
        CdcEnvelope change =
                new CdcEnvelope(
                        CdcEnvelope.SCHEMA_VERSION,
                        CdcOp.UPDATE,
                        null,
                        row,
                        new CdcSource(
                                "postgresql",
                                "ralf",
                                "ralf",
                                "ralf",
                                "deployments",
                                T0.plus(Duration.ofMinutes(9)).toEpochMilli(),
                                null,
                                null,
                                null),
                        T0.plus(Duration.ofMinutes(9)).toEpochMilli());
        broker.produce(
                deployments,
                List.of(entry("d-1", EventSerde.of(CdcEnvelope.class).serialize(change))));

        DetectSettings settings =
                DetectSettings.fromConfig(
                                RalfConfig.parse(new java.io.StringReader(""), Map.of()),
                                broker.bootstrapServers(),
                                db.jdbcUrl(),
                                db.user(),
                                db.password())
                        .withTopics(
                                List.of(metrics, deployments),
                                new Routes(metrics, "none.logs", "none.discovery", cdcPrefix),
                                anomalies,
                                dead,
                                "it-" + anomalies,
                                "it-detect")
                        .withCheckpointInterval(Duration.ofMillis(500));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        FlinkTestCluster.configuration());
        env.setParallelism(2);

        // Act: bounded, so the job ends after a final checkpoint commits the transactions
        DetectJob.production(settings, true)
                .start(env)
                .getJobExecutionResult()
                .get(120, TimeUnit.SECONDS);

        // Assert: on the topic, read_committed
        List<Anomaly> published = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                broker.consume(anomalies, 3, Duration.ofSeconds(30))) {
            published.add(
                    ANOMALIES
                            .deserialize(anomalies, r.partition(), r.offset(), r.value())
                            .valueOrNull());
        }
        assertThat(published).doesNotContainNull();
        Anomaly spike =
                published.stream()
                        .filter(a -> a.detector().equals(SeriesDetectorFunction.DETECTOR))
                        .filter(a -> SPIKY.equals(a.seriesId()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no spike anomaly in " + published));
        assertThat(spike.value()).isEqualTo(30.0);
        assertThat(spike.windowEnd()).isAfterOrEqualTo(T0.plusSeconds(15L * 300));
        Anomaly loop =
                published.stream()
                        .filter(a -> a.detector().equals(Patterns.CRASH_LOOP))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no crash loop in " + published));
        assertThat(loop.entity()).isEqualTo("web01/nginx");
        assertThat(loop.explanation()).contains("DOWN up").contains("UP up");
        // the failed deployment had no error logs after it: no deployment-failed anomaly
        assertThat(published).noneMatch(a -> a.detector().equals(Patterns.DEPLOYMENT_FAILED));
        // exactly once: no anomaly id twice
        assertThat(published).extracting(Anomaly::anomalyId).doesNotHaveDuplicates();

        // Assert: in the table, the same rows
        try (Connection c = db.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT anomaly_id, detector FROM ralf.anomalies")) {
            Map<String, String> rows = new HashMap<>();
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
            assertThat(rows)
                    .containsEntry(spike.anomalyId(), SeriesDetectorFunction.DETECTOR)
                    .containsEntry(loop.anomalyId(), Patterns.CRASH_LOOP)
                    .hasSize(published.size());
        }

        // Assert: the bad input is dead-lettered with its reason, and nothing failed
        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : broker.consume(dead, 2, Duration.ofSeconds(30))) {
            letters.add(DEAD.deserialize(dead, r.partition(), r.offset(), r.value()).valueOrNull());
        }
        assertThat(letters)
                .extracting(DeadLetter::cause)
                .containsExactlyInAnyOrder(
                        DeadLetterCause.MALFORMED_JSON, DeadLetterCause.INVALID_VALUE);
    }
}
