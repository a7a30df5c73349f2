package org.ralf.connectors.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ralf.schemas.discovery.DiscoverySource;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaDiscoveryStateStoreIT {

    private static HostObservation host(String mac, String ip) {
        return HostObservation.of(
                mac, null, null, ip, DiscoverySource.DHCP, Map.of("hostname", "h"));
    }

    @Test
    void shouldRestoreTheLastSavedStateOfEachPollerInANewStore(KafkaBroker broker)
            throws Exception {
        // Arrange
        String topic = KafkaBroker.uniqueTopic("discovery-state");
        HostObservation a = host("aa:00:00:00:00:01", "10.0.0.1");
        HostObservation b = host("aa:00:00:00:00:02", "10.0.0.2");
        HostObservation bMoved = host("aa:00:00:00:00:02", "10.0.0.22");
        HostObservation other = host("aa:00:00:00:00:09", "10.0.0.9");
        try (KafkaDiscoveryStateStore store =
                new KafkaDiscoveryStateStore(broker.bootstrapServers(), topic)) {
            Map<String, HostObservation> first = new LinkedHashMap<>();
            first.put(a.hostId(), a);
            first.put(b.hostId(), b);
            store.save("dhcp", Map.of(), first);
            store.save("dhcp", first, Map.of(b.hostId(), bMoved));
            store.save("arp", Map.of(), Map.of(other.hostId(), other));
        }

        // Act
        Map<String, HostObservation> restored;
        Map<String, HostObservation> unknown;
        try (KafkaDiscoveryStateStore store =
                new KafkaDiscoveryStateStore(broker.bootstrapServers(), topic)) {
            restored = store.load("dhcp");
            unknown = store.load("foreman");
        }

        // Assert: a was removed (tombstone), b holds its latest observation, arp's host is apart
        assertThat(restored).containsExactly(Map.entry(bMoved.hostId(), bMoved));
        assertThat(unknown).isEmpty();
    }
}
