package org.ralf.connectors.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

@ExtendWith({PostgresExtension.class, KafkaBrokerExtension.class})
class PostgresCdcEngineIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldDeliverAnInsertOnACdcTableToTheCallback(TestDatabase db, KafkaBroker broker)
            throws Exception {
        // Arrange
        List<JsonNode> changes = new CopyOnWriteArrayList<>();
        CdcSettings settings =
                new CdcSettings(
                        "cdc-it",
                        db.host(),
                        db.port(),
                        db.name(),
                        db.user(),
                        db.password(),
                        "ralf_cdc",
                        "slot_" + db.name(),
                        CdcSettings.DEFAULT_TABLES,
                        broker.bootstrapServers(),
                        KafkaBroker.uniqueTopic("cdc-offsets"));

        try (PostgresCdcEngine engine =
                new PostgresCdcEngine(
                        settings,
                        event -> {
                            try {
                                changes.add(JSON.readTree(event.value()));
                            } catch (java.io.IOException e) {
                                throw new IllegalStateException(e);
                            }
                        })) {
            engine.start();
            // the slot exists once the connector has started streaming
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> slotActive(db, settings.slot()));

            // the initial snapshot may still run once the slot is active (a row committed
            // before it reads the table arrives as op=r): a warm-up row marks the switch
            try (Connection c = db.connect();
                    Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO ralf.nodes (node) VALUES ('warmup')");
            }
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !changes.isEmpty());

            // Act
            try (Connection c = db.connect();
                    Statement s = c.createStatement()) {
                s.executeUpdate(
                        "INSERT INTO ralf.nodes (node, address) VALUES ('pve1', '10.0.0.11')");
            }

            // Assert
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> changes.size() >= 2);
        }
        JsonNode change = changes.get(1);
        assertThat(change.path("op").asText()).isEqualTo("c");
        assertThat(change.path("after").path("node").asText()).isEqualTo("pve1");
        assertThat(change.path("source").path("table").asText()).isEqualTo("nodes");
        assertThat(change.path("source").path("lsn").asLong()).isPositive();
    }

    private static boolean slotActive(TestDatabase db, String slot) throws Exception {
        try (Connection c = db.connect();
                var ps =
                        c.prepareStatement(
                                "SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (var rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
