package org.ralf.connectors.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.testing.foreman.FakeForeman;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;

@ExtendWith(KafkaBrokerExtension.class)
class DiscoveryRestartIT {

    private final List<RecordPublisher> publishers = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void closePublishers() {
        publishers.forEach(RecordPublisher::close);
    }

    private DiscoveryPoller poller(
            KafkaBroker broker, FakeForeman foreman, DiscoveryStateStore store) {
        ConnectorMetrics metrics = new ConnectorMetrics();
        RecordPublisher publisher =
                RecordPublisher.create(broker.bootstrapServers(), "discovery-it", metrics);
        publishers.add(publisher);
        return new DiscoveryPoller(
                "discovery-foreman-it",
                new ForemanReader(
                        new ForemanSettings(
                                foreman.baseUri(),
                                "ralf",
                                "pw",
                                100,
                                List.of(),
                                Duration.ofSeconds(5),
                                ForemanSettings.DEFAULT_MAX_RESPONSE_BYTES)),
                Duration.ofMinutes(10),
                publisher,
                store,
                metrics,
                Clock.systemUTC());
    }

    @Test
    void shouldReportAHostRemovedWhileThePollerWasStoppedAsGoneAfterTheRestart(KafkaBroker broker)
            throws Exception {
        // Arrange
        broker.createTopics(1, "ralf.discovery");
        broker.createTopics(1, "ralf.deadletter");
        String stateTopic = KafkaBroker.uniqueTopic("discovery-state");
        try (FakeForeman foreman = new FakeForeman("ralf", "pw").start()) {
            foreman.putHost(
                            new FakeForeman.Host(
                                    1,
                                    "it-a.lab",
                                    "10.9.0.1",
                                    "02:00:00:00:09:01",
                                    null,
                                    null,
                                    true))
                    .putHost(
                            new FakeForeman.Host(
                                    2,
                                    "it-b.lab",
                                    "10.9.0.2",
                                    "02:00:00:00:09:02",
                                    null,
                                    null,
                                    true));
            try (KafkaDiscoveryStateStore store =
                            new KafkaDiscoveryStateStore(broker.bootstrapServers(), stateTopic);
                    DiscoveryPoller first = poller(broker, foreman, store)) {
                first.pollOnce();
            }
            foreman.removeHost(2);

            // Act: a new process: new store instance, new poller, same topic
            List<DiscoveryEvent> afterRestart;
            try (KafkaDiscoveryStateStore store =
                            new KafkaDiscoveryStateStore(broker.bootstrapServers(), stateTopic);
                    DiscoveryPoller second = poller(broker, foreman, store)) {
                afterRestart = second.pollOnce();
            }

            // Assert
            assertThat(afterRestart)
                    .extracting(e -> e.kind() + " " + e.hostId())
                    .containsExactly("SEEN mac:02:00:00:00:09:01", "GONE mac:02:00:00:00:09:02");
            List<String> published =
                    broker
                            .consume(
                                    "ralf.discovery",
                                    4,
                                    Duration.ofSeconds(30),
                                    EventSerde.of(DiscoveryEvent.class))
                            .stream()
                            // the record key is the host id: keep this test's hosts only
                            .filter(e -> e.hostId().contains(":09:"))
                            .map(e -> e.kind() + " " + e.hostId())
                            .toList();
            assertThat(published)
                    .containsExactly(
                            "SEEN mac:02:00:00:00:09:01",
                            "SEEN mac:02:00:00:00:09:02",
                            "SEEN mac:02:00:00:00:09:01",
                            "GONE mac:02:00:00:00:09:02");
        }
    }
}
