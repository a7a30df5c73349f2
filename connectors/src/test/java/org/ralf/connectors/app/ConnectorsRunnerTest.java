package org.ralf.connectors.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.ralf.connectors.Connector;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.config.ConfigException;
import org.ralf.schemas.config.RalfConfig;

class ConnectorsRunnerTest {

    private static final String YAML =
            """
            kafka:
              bootstrap-servers: 127.0.0.1:1
            connectors:
              rw:
                type: remote-write
                port: 0
                bind: 127.0.0.1
              nodes:
                type: prometheus-scrape
                jobs:
                  - job: node
                    interval: 15s
                    timeout: 5s
                    static-configs:
                      - targets: ['pve1:9100']
                        labels: {rack: r1}
                    file-sd: [/etc/ralf/targets.json]
              syslog:
                type: syslog
                udp-port: 0
                tcp-port: 0
                zone: Europe/Berlin
              loki:
                type: loki
                port: 0
              files:
                type: file-tail
                files: [/var/log/app.log]
                host: node1
            """;

    private static RecordPublisher mock(String name, ConnectorMetrics metrics) {
        return new RecordPublisher(
                new MockProducer<>(
                        true, null, new ByteArraySerializer(), new ByteArraySerializer()),
                metrics,
                Clock.systemUTC());
    }

    private static RalfConfig config(String yaml) {
        return RalfConfig.parse(new StringReader(yaml), Map.of());
    }

    @Test
    void shouldListenOnLoopbackWhenNoBindAddressIsConfigured() throws Exception {
        // Arrange: a remote_write receiver without `bind`
        String yaml =
                """
                kafka:
                  bootstrap-servers: 127.0.0.1:1
                connectors:
                  rw:
                    type: remote-write
                    port: 0
                """;
        try (ConnectorsRunner runner =
                ConnectorsRunner.fromSettings(
                        ConnectorsRunner.settings(config(yaml)),
                        List.of(),
                        Clock.systemUTC(),
                        ConnectorsRunnerTest::mock)) {
            org.ralf.connectors.metrics.RemoteWriteReceiver rw =
                    (org.ralf.connectors.metrics.RemoteWriteReceiver) runner.connectors().get(0);

            // Act
            rw.start();

            // Assert
            try {
                assertThat(rw.address().getAddress().isLoopbackAddress()).isTrue();
            } finally {
                rw.close();
            }
        }
    }

    @Test
    void shouldBuildEveryConnectorTypeFromTheSection() {
        try (ConnectorsRunner runner =
                ConnectorsRunner.fromSettings(
                        ConnectorsRunner.settings(config(YAML)),
                        List.of(),
                        Clock.systemUTC(),
                        ConnectorsRunnerTest::mock)) {
            assertThat(runner.connectors())
                    .extracting(Connector::name)
                    .containsExactly("rw", "nodes", "syslog", "loki", "files");
            assertThat(ConnectorsRunner.settings(config(YAML)).bootstrapServers())
                    .isEqualTo("127.0.0.1:1");
            runner.connectors().forEach(Connector::close);
        }
    }

    @Test
    void shouldBuildOnlyTheNamedConnectors() {
        try (ConnectorsRunner runner =
                ConnectorsRunner.fromSettings(
                        ConnectorsRunner.settings(config(YAML)),
                        List.of("syslog"),
                        Clock.systemUTC())) {
            assertThat(runner.connectors()).extracting(Connector::name).containsExactly("syslog");
            runner.connectors().forEach(Connector::close);
        }
    }

    @Test
    void shouldFailWithTheKeyOfABadEntry() {
        assertThatThrownBy(
                        () ->
                                ConnectorsRunner.fromConfig(
                                        config("connectors:\n  x:\n    type: nope\n"), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("connectors.x.type");
        assertThatThrownBy(
                        () ->
                                ConnectorsRunner.fromConfig(
                                        config(
                                                "connectors:\n  x:\n    type: syslog\n    tcp-port: abc\n"),
                                        List.of()))
                .hasMessageContaining("connectors.x.tcp-port");
        assertThatThrownBy(
                        () ->
                                ConnectorsRunner.fromConfig(
                                        config(
                                                "connectors:\n  x:\n    type: prometheus-scrape\n    jobs:\n"
                                                        + "      - job: a\n        interval: 5s\n        timeout: 10s\n"),
                                        List.of()))
                .hasMessageContaining("timeout must not exceed");
        assertThatThrownBy(() -> ConnectorsRunner.fromConfig(config(YAML), List.of("missing")))
                .hasMessageContaining("--only missing");
    }

    @Test
    void shouldRejectAnUnknownKeyOfAConnectorNamingTheNearestKnownKey() {
        // Arrange: typos in a receiver, in a scrape job and in the section-wide Kafka keys
        String receiver = "connectors:\n  x:\n    type: loki\n    prot: 3100\n";
        String job =
                "connectors:\n  x:\n    type: prometheus-scrape\n    jobs:\n"
                        + "      - job: a\n        intervall: 5s\n";
        String kafka = "connectors:\n  kafka:\n    buffer-mib: 8\n";

        // Act / Assert
        assertThatThrownBy(() -> ConnectorsRunner.fromConfig(config(receiver), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("connectors.x.prot")
                .hasMessageContaining("did you mean 'port'");
        assertThatThrownBy(() -> ConnectorsRunner.fromConfig(config(job), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("connectors.x.jobs[0].intervall")
                .hasMessageContaining("did you mean 'interval'");
        assertThatThrownBy(() -> ConnectorsRunner.settings(config(kafka)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("connectors.kafka.buffer-mib")
                .hasMessageContaining("did you mean 'buffer-mb'");
    }

    @Test
    void shouldOverrideAConnectorKeyThroughTheVariableOfItsFullKey() {
        // Arrange
        RalfConfig c =
                RalfConfig.parse(
                        new StringReader(YAML), Map.of("RALF_CONNECTORS_SYSLOG_ZONE", "UTC"));

        // Act
        try (ConnectorsRunner runner =
                ConnectorsRunner.fromSettings(
                        ConnectorsRunner.settings(c),
                        List.of("syslog"),
                        Clock.systemUTC(),
                        ConnectorsRunnerTest::mock)) {

            // Assert: Europe/Berlin in the file, UTC from the environment
            assertThat(
                            ConnectorsRunner.settings(c)
                                    .entries()
                                    .get("syslog")
                                    .get(ConnectorOptions.Syslog.ZONE))
                    .isEqualTo("UTC");
            assertThat(runner.connectors()).extracting(Connector::name).containsExactly("syslog");
            runner.connectors().forEach(Connector::close);
        }
    }
}
