package org.ralf.connectors.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.config.ConfigException;
import org.ralf.schemas.config.RalfConfig;

class CdcOptionsTest {

    @Test
    void shouldReadSettingsFromTheFileWithTheSecretFromTheEnvironment() {
        // Arrange
        String yaml =
                "kafka:\n  bootstrap-servers: broker:9092\n"
                        + "cdc:\n  host: db.lab\n  port: 5432\n  tables: ralf.nodes, ralf.guests\n"
                        + "  poll-interval-ms: 10\n";

        // Act
        CdcSettings s =
                CdcOptions.settings(
                        RalfConfig.parse(
                                new StringReader(yaml), Map.of("RALF_CDC_PASSWORD", "pw")));

        // Assert
        assertThat(s.host()).isEqualTo("db.lab");
        assertThat(s.port()).isEqualTo(5432);
        assertThat(s.password()).isEqualTo("pw");
        assertThat(s.tables()).containsExactly("ralf.nodes", "ralf.guests");
        assertThat(s.kafkaBootstrap()).isEqualTo("broker:9092");
        assertThat(s.pollIntervalMs()).isEqualTo(10);
        assertThat(PostgresCdcEngine.properties(s).getProperty("poll.interval.ms")).isEqualTo("10");
    }

    @Test
    void shouldNameTheKeyOfAnInvalidValue() {
        RalfConfig config = RalfConfig.parse(new StringReader("cdc:\n  port: 70000\n"), Map.of());
        assertThatThrownBy(() -> CdcOptions.settings(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cdc.port");
    }

    @Test
    void shouldRefuseATableWithoutACdcTopicAtStart() {
        // Arrange
        CdcConnector connector =
                CdcConnector.fromConfig(
                        RalfConfig.parse(
                                new StringReader("cdc:\n  tables: ralf.anomalies\n"), Map.of()));

        // Act / Assert
        try (connector) {
            assertThatThrownBy(connector::start).hasMessageContaining("ralf.anomalies");
        }
    }
}
