package org.ralf.connectors.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.connectors.ConnectorException;
import org.ralf.connectors.ConnectorHealth;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.discovery.DiscoverySource;
import org.ralf.schemas.serde.EventSerde;

class DiscoveryPollerTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final InMemoryDiscoveryStateStore store = new InMemoryDiscoveryStateStore();
    private final ScriptedReader reader = new ScriptedReader();

    @TempDir Path dir;

    private DiscoveryPoller poller(DiscoveryReader source) {
        ConnectorMetrics metrics = new ConnectorMetrics();
        return new DiscoveryPoller(
                "test",
                source,
                Duration.ofMinutes(1),
                new RecordPublisher(producer, metrics, CLOCK),
                store,
                metrics,
                CLOCK);
    }

    private static HostObservation host(String mac, String ip) {
        return HostObservation.of(
                mac, null, null, ip, DiscoverySource.ARP, Map.of("device", "eth0"));
    }

    private static List<String> kinds(List<DiscoveryEvent> events) {
        return events.stream().map(e -> e.kind() + " " + e.hostId()).toList();
    }

    @Test
    void shouldReportSeenChangedAndGoneAcrossPolls() throws Exception {
        // Arrange
        DiscoveryPoller poller = poller(reader);
        reader.next(
                true, host("aa:00:00:00:00:01", "10.0.0.1"), host("aa:00:00:00:00:02", "10.0.0.2"));
        poller.pollOnce();
        reader.next(true, host("aa:00:00:00:00:01", "10.0.0.9"));

        // Act
        List<DiscoveryEvent> events = poller.pollOnce();

        // Assert
        assertThat(kinds(events))
                .containsExactly("CHANGED mac:aa:00:00:00:00:01", "GONE mac:aa:00:00:00:00:02");
        assertThat(events.get(0).ip()).isEqualTo("10.0.0.9");
        assertThat(producer.history())
                .filteredOn(r -> r.topic().equals("ralf.discovery"))
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly(
                        "mac:aa:00:00:00:00:01",
                        "mac:aa:00:00:00:00:02",
                        "mac:aa:00:00:00:00:01",
                        "mac:aa:00:00:00:00:02");
        assertThat(poller.health().state()).isEqualTo(ConnectorHealth.State.HEALTHY);
    }

    @Test
    void shouldNotDeclareHostsGoneAfterAnIncompletePoll() throws Exception {
        // Arrange
        DiscoveryPoller poller = poller(reader);
        reader.next(
                true, host("aa:00:00:00:00:01", "10.0.0.1"), host("aa:00:00:00:00:02", "10.0.0.2"));
        poller.pollOnce();
        reader.next(false, host("aa:00:00:00:00:01", "10.0.0.1"));
        poller.pollOnce();
        reader.next(true, host("aa:00:00:00:00:01", "10.0.0.1"));

        // Act
        List<DiscoveryEvent> afterComplete = poller.pollOnce();

        // Assert: the host missing from the incomplete poll is gone only after a complete one
        assertThat(kinds(afterComplete))
                .containsExactly("SEEN mac:aa:00:00:00:00:01", "GONE mac:aa:00:00:00:00:02");
    }

    @Test
    void shouldDegradeAndChangeNothingWhenTheSourceIsUnreachable() throws Exception {
        // Arrange
        DiscoveryPoller poller = poller(reader);
        reader.next(true, host("aa:00:00:00:00:01", "10.0.0.1"));
        poller.pollOnce();
        reader.failNext("connection refused");
        int sentBefore = producer.history().size();

        // Act / Assert
        assertThatThrownBy(poller::pollOnce).isInstanceOf(ConnectorException.class);
        assertThat(poller.health().state()).isEqualTo(ConnectorHealth.State.DEGRADED);
        assertThat(poller.health().detail()).contains("connection refused");
        assertThat(producer.history()).hasSize(sentBefore);
        reader.next(true, host("aa:00:00:00:00:01", "10.0.0.1"));
        assertThat(kinds(poller.pollOnce())).containsExactly("SEEN mac:aa:00:00:00:00:01");
        assertThat(poller.health().state()).isEqualTo(ConnectorHealth.State.HEALTHY);
    }

    @Test
    void shouldReportHostsThatVanishedWhileStoppedAfterARestart() throws Exception {
        // Arrange
        DiscoveryPoller first = poller(reader);
        reader.next(
                true, host("aa:00:00:00:00:01", "10.0.0.1"), host("aa:00:00:00:00:02", "10.0.0.2"));
        first.pollOnce();
        first.close();
        DiscoveryPoller second = poller(reader);
        reader.next(true, host("aa:00:00:00:00:02", "10.0.0.2"));

        // Act
        List<DiscoveryEvent> events = second.pollOnce();

        // Assert
        assertThat(kinds(events))
                .containsExactly("SEEN mac:aa:00:00:00:00:02", "GONE mac:aa:00:00:00:00:01");
    }

    @Test
    void shouldDeadLetterEachBadLeaseLineOnceAndForwardTheGoodOnes() throws Exception {
        // Arrange
        long later = CLOCK.instant().getEpochSecond() + 600;
        Path file = dir.resolve("dnsmasq.leases");
        Files.write(
                file,
                LeaseFileReaderTest.concat(
                        (later + " bc:24:11:00:00:01 10.0.0.1 web1 *\n")
                                .getBytes(StandardCharsets.UTF_8),
                        new byte[] {(byte) 0xfe, (byte) 0xff, 0x00, 0x31, '\n'},
                        (later + " bc:24:11:00:00:02\n").getBytes(StandardCharsets.UTF_8),
                        (later + " bc:24:11:00:00:03 10.0.0.3 web3 *\n")
                                .getBytes(StandardCharsets.UTF_8)));
        DiscoveryPoller poller =
                poller(new LeaseFileReader(file, LeaseFileReader.Format.DNSMASQ, 1 << 20, CLOCK));

        // Act
        List<DiscoveryEvent> first = poller.pollOnce();
        List<DiscoveryEvent> second = poller.pollOnce();

        // Assert
        assertThat(kinds(first))
                .containsExactly("SEEN mac:bc:24:11:00:00:01", "SEEN mac:bc:24:11:00:00:03");
        assertThat(kinds(second)).isEqualTo(kinds(first));
        List<DeadLetter> letters =
                producer.history().stream()
                        .filter(r -> r.topic().equals("ralf.deadletter"))
                        .map(
                                r ->
                                        EventSerde.of(DeadLetter.class)
                                                .deserialize("t", null, null, r.value())
                                                .valueOrNull())
                        .toList();
        assertThat(letters)
                .extracting(DeadLetter::reason)
                .satisfiesExactly(
                        r -> assertThat(r).contains(":2 is not valid UTF-8"),
                        r -> assertThat(r).contains(":3 has 2 fields"));
        assertThat(letters.get(0).payload()).containsExactly((byte) 0xfe, (byte) 0xff, 0x00, 0x31);
        assertThat(poller.health().state()).isEqualTo(ConnectorHealth.State.HEALTHY);
        assertThat(poller.metrics().snapshot().errors()).isEqualTo(2);
    }

    /** A reader that returns what the test scripted for the next poll. */
    private static final class ScriptedReader implements DiscoveryReader {
        private PollResult next = new PollResult(List.of(), List.of(), true);
        private String failure;

        void next(boolean complete, HostObservation... hosts) {
            next = new PollResult(new ArrayList<>(List.of(hosts)), List.of(), complete);
            failure = null;
        }

        void failNext(String why) {
            failure = why;
        }

        @Override
        public String describe() {
            return "scripted";
        }

        @Override
        public PollResult poll() throws ConnectorException {
            if (failure != null) {
                throw new ConnectorException(failure);
            }
            return next;
        }
    }
}
