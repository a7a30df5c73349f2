package org.ralf.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.schemas.serde.Json;
import org.ralf.schemas.topic.Topics;
import org.ralf.simulator.emit.CollectingSink;
import org.ralf.simulator.engine.Engine;
import org.ralf.simulator.scenario.Scenario;
import org.ralf.simulator.scenario.ScenarioLoader;
import org.ralf.simulator.truth.GroundTruthFault;
import org.ralf.simulator.truth.GroundTruthStore;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

/**
 * Direct-to-Kafka mode end to end: every metric, log line and discovery event of the smoke scenario
 * arrives on its topic (the same records an in-memory run of the same seed produces), and the
 * inventory and ground truth land in PostgreSQL and the labels file.
 */
@ExtendWith({PostgresExtension.class, KafkaBrokerExtension.class})
class DirectKafkaIT {

    @Test
    void shouldPublishTheRunToKafkaAndTheGroundTruthToPostgres(
            TestDatabase db, KafkaBroker broker, @TempDir Path dir) throws Exception {
        broker.createTopics(2, Topics.METRICS.name(), Topics.LOGS.name(), Topics.DISCOVERY.name());
        Scenario scenario = ScenarioLoader.load("smoke");
        CollectingSink expected = new CollectingSink();
        new Engine(scenario, 4, scenario.start(), expected).runToEnd();
        Path labels = dir.resolve("labels.json");
        SimulatorSettings settings =
                SimulatorSettings.collect("smoke", 4)
                        .withKafka(broker.bootstrapServers())
                        .withJdbc(db.jdbcUrl(), db.user(), db.password())
                        .withLabelsFile(labels);

        try (Simulator sim = Simulator.create(settings)) {
            sim.run();
        }

        List<MetricSample> metrics =
                read(broker, Topics.METRICS.name(), expected.metrics().size(), MetricSample.class);
        assertThat(sorted(metrics)).isEqualTo(sorted(expected.metrics()));
        List<LogRecord> logs =
                read(broker, Topics.LOGS.name(), expected.logs().size(), LogRecord.class);
        assertThat(sorted(logs)).isEqualTo(sorted(expected.logs()));
        List<DiscoveryEvent> discovery =
                read(broker, Topics.DISCOVERY.name(), 4, DiscoveryEvent.class);
        assertThat(discovery)
                .extracting(DiscoveryEvent::fqdn)
                .containsExactlyInAnyOrder(
                        "pve1.lab.home", "pve2.lab.home", "media.lab.home", "git.lab.home");

        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            assertThat(count(st, "SELECT count(*) FROM ralf.nodes WHERE status = 'online'"))
                    .isEqualTo(2);
            assertThat(count(st, "SELECT count(*) FROM ralf.guests")).isEqualTo(2);
            assertThat(count(st, "SELECT count(*) FROM ralf.services")).isEqualTo(3);
            assertThat(
                            count(
                                    st,
                                    "SELECT count(*) FROM ralf.deployments WHERE state = 'deployed' AND desired"))
                    .isEqualTo(3);
            try (ResultSet rs =
                    st.executeQuery(
                            "SELECT fault_id, kind, entity, starts_at, ends_at FROM ralf.ground_truth_faults")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("fault_id")).isEqualTo("smoke:4:jellyfin-crash-loop");
                assertThat(rs.getString("kind")).isEqualTo("crash-loop");
                assertThat(rs.getString("entity")).isEqualTo("media/jellyfin");
                assertThat(rs.getTimestamp("starts_at").toInstant())
                        .isEqualTo(Instant.parse("2026-01-05T12:02:00Z"));
                assertThat(rs.getTimestamp("ends_at").toInstant())
                        .isEqualTo(Instant.parse("2026-01-05T12:15:00Z"));
                assertThat(rs.next()).isFalse();
            }
        }
        try (Connection c = db.connect()) {
            List<GroundTruthFault> stored = GroundTruthStore.read(c, "smoke");
            assertThat(stored).hasSize(1);
            GroundTruthFault f = stored.get(0);
            assertThat(f.affected()).containsExactly("media/jellyfin", "media");
            assertThat(f.endedBy()).isEqualTo("schedule");
            assertThat(f.scheduledEnd()).isEqualTo(f.end());
        }
        JsonNode file = Json.mapper().readTree(Files.readString(labels));
        assertThat(file.get("seed").asLong()).isEqualTo(4);
        assertThat(file.get("faults").get(0).get("kind").asText()).isEqualTo("crash-loop");
        assertThat(file.get("faults").get(0).get("end").asText()).isNotBlank();
    }

    /** Canonical text of records in a fixed order (partitions interleave on the way back). */
    private static List<String> sorted(List<?> records) {
        return records.stream().map(Object::toString).sorted().toList();
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static <T extends Versioned> List<T> read(
            KafkaBroker broker, String topic, int expected, Class<T> type) {
        EventSerde<T> serde = EventSerde.of(type).strict();
        Function<ConsumerRecord<byte[], byte[]>, T> decode =
                r -> serde.deserialize(topic, r.partition(), r.offset(), r.value()).valueOrNull();
        return broker.consume(topic, expected, Duration.ofSeconds(60)).stream()
                .map(decode)
                .toList();
    }
}
