package org.ralf.connectors.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.config.ConfigException;
import org.ralf.schemas.config.RalfConfig;

class DiscoveryConnectorsTest {

    private static DiscoveryConnectors build(String yaml, Map<String, String> env) {
        return DiscoveryConnectors.fromConfig(
                RalfConfig.parse(new StringReader(yaml), env),
                new InMemoryDiscoveryStateStore(),
                metrics ->
                        new RecordPublisher(
                                new MockProducer<>(
                                        true,
                                        null,
                                        new ByteArraySerializer(),
                                        new ByteArraySerializer()),
                                metrics,
                                Clock.systemUTC()),
                Clock.systemUTC());
    }

    @Test
    void shouldCreateOnePollerPerConfiguredSource() {
        // Arrange
        String yaml =
                "discovery:\n"
                        + "  interval: 30s\n"
                        + "  foreman:\n"
                        + "    url: https://foreman.lab.example\n"
                        + "  dhcp:\n"
                        + "    dnsmasq-leases: /var/lib/misc/dnsmasq.leases\n"
                        + "  arp:\n"
                        + "    table: /proc/net/arp\n";

        // Act
        try (DiscoveryConnectors connectors =
                build(yaml, Map.of("RALF_DISCOVERY_PROXMOX_URL", "https://pve1:8006"))) {

            // Assert
            assertThat(connectors.pollers())
                    .extracting(DiscoveryPoller::name)
                    .containsExactly(
                            "discovery-foreman",
                            "discovery-proxmox",
                            "discovery-dnsmasq",
                            "discovery-arp");
        }
    }

    @Test
    void shouldCreateNoPollerWithoutConfiguredSources() {
        try (DiscoveryConnectors connectors = build("", Map.of())) {
            assertThat(connectors.pollers()).isEmpty();
        }
    }

    @Test
    void shouldNameTheKeyOfAnInvalidUrl() {
        assertThatThrownBy(() -> build("discovery:\n  foreman:\n    url: not a url\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("discovery.foreman.url");
    }
}
