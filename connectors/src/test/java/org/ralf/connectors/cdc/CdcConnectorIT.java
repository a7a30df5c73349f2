package org.ralf.connectors.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ralf.connectors.ConnectorHealth;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.topic.TopicSpec;
import org.ralf.schemas.topic.Topics;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

@ExtendWith({PostgresExtension.class, KafkaBrokerExtension.class})
public class CdcConnectorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase database;
    private static String slotName;

    @Test
    void shouldDeliverEachChangeExactlyOnceAcrossACleanRestart(TestDatabase db, KafkaBroker broker)
            throws Exception {
        // Arrange
        createRegistryTopics(broker);
        database = db;
        CdcSettings settings = settings(db, broker, KafkaBroker.uniqueTopic("cdc-offsets"));
        slotName = settings.slot();
        try (CdcConnector first = connector(settings, broker)) {
            first.start();
            awaitStreaming(first, db, settings.slot());
            // the initial snapshot may still run once the slot is active: a row committed
            // before it reads the table would arrive as op=r; the warm-up row marks the switch
            execute(db, "INSERT INTO ralf.nodes (node) VALUES ('a0-warmup')");
            awaitRows(broker, db, 1);
            execute(db, "INSERT INTO ralf.nodes (node, address) VALUES ('a1', '10.0.0.1')");
            execute(db, "UPDATE ralf.nodes SET status = 'online' WHERE node = 'a1'");
            awaitRows(broker, db, 3);
        }

        // Act: while the connector is stopped, rows are written; then it restarts
        for (int i = 0; i < 20; i++) {
            execute(
                    db,
                    "INSERT INTO ralf.nodes (node, address) VALUES ('b"
                            + i
                            + "', '10.0.1."
                            + i
                            + "')");
        }
        execute(db, "DELETE FROM ralf.nodes WHERE node = 'a1'");
        try (CdcConnector second = connector(settings, broker)) {
            second.start();
            awaitStreaming(second, db, settings.slot());
            execute(db, "INSERT INTO ralf.nodes (node) VALUES ('zz-marker')");
            List<JsonNode> changes = awaitRows(broker, db, 1 + 2 + 20 + 1 + 1);
            assertThat(describe(changes.get(0))).endsWith("a0-warmup");
            changes = changes.subList(1, changes.size());

            // Assert: exactly the 24 changes, in commit order, none twice
            List<String> seen = changes.stream().map(CdcConnectorIT::describe).toList();
            List<String> expected = new ArrayList<>(List.of("c a1", "u a1"));
            for (int i = 0; i < 20; i++) {
                expected.add("c b" + i);
            }
            expected.add("d a1");
            expected.add("c zz-marker");
            assertThat(seen).containsExactlyElementsOf(expected);
            assertThat(changes.get(1).path("before").path("status").asText()).isEqualTo("unknown");
            assertThat(changes.get(1).path("after").path("status").asText()).isEqualTo("online");
            assertThat(changes)
                    .allSatisfy(
                            c -> assertThat(c.path("source").path("lsn").asLong()).isPositive());
            assertThat(second.health().state()).isEqualTo(ConnectorHealth.State.HEALTHY);
        }
    }

    @AfterAll
    static void dropSlot() throws Exception {
        // an abandoned slot would pin WAL on the shared test server
        if (database != null && slotName != null) {
            try (Connection c = database.connect();
                    PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT pg_drop_replication_slot(slot_name) FROM"
                                            + " pg_replication_slots WHERE slot_name = ? AND NOT active")) {
                ps.setString(1, slotName);
                ps.execute();
            }
        }
    }

    /** The stack creates the registry's topics; the test broker has none of them. */
    public static void createRegistryTopics(KafkaBroker broker) {
        for (TopicSpec topic : Topics.all()) {
            broker.createTopics(1, topic.name());
        }
    }

    public static CdcSettings settings(TestDatabase db, KafkaBroker broker, String offsetTopic) {
        return new CdcSettings(
                "cdc-" + db.name(),
                db.host(),
                db.port(),
                db.name(),
                db.user(),
                db.password(),
                "ralf_cdc",
                "slot_" + db.name(),
                CdcSettings.DEFAULT_TABLES,
                broker.bootstrapServers(),
                offsetTopic,
                CdcSettings.DEFAULT_POLL_INTERVAL_MS);
    }

    private static CdcConnector connector(CdcSettings settings, KafkaBroker broker) {
        ConnectorMetrics metrics = new ConnectorMetrics();
        return new CdcConnector(
                settings,
                RecordPublisher.create(broker.bootstrapServers(), settings.name(), metrics),
                metrics,
                Clock.systemUTC());
    }

    static void awaitStreaming(CdcConnector connector, TestDatabase db, String slot) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () ->
                                connector.health().state() == ConnectorHealth.State.HEALTHY
                                        && slotActive(db, slot));
    }

    private static String describe(JsonNode change) {
        JsonNode row =
                change.path("after").isObject() ? change.path("after") : change.path("before");
        return change.path("op").asText() + " " + row.path("node").asText();
    }

    /** Reads ralf.cdc.nodes from the start, keeping this database's changes, until n arrived. */
    private static List<JsonNode> awaitRows(KafkaBroker broker, TestDatabase db, int n) {
        return broker.consume(
                "ralf.cdc.nodes",
                n,
                Duration.ofSeconds(60),
                (topic, value) -> {
                    JsonNode change = readTree(value);
                    // other test classes' databases publish to the same topic: not counted
                    return db.name().equals(change.path("source").path("db").asText())
                            ? change
                            : null;
                });
    }

    private static JsonNode readTree(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void execute(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    static boolean slotActive(TestDatabase db, String slot) throws Exception {
        try (Connection c = db.connect();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (var rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
