package org.ralf.connectors.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ralf.connectors.ConnectorException;
import org.ralf.connectors.ConnectorHealth;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.discovery.DiscoverySource;
import org.ralf.simulator.proxmox.FakeProxmox;

class ProxmoxReaderTest {

    private static final String TOKEN = "ralf@pve!discovery";
    private static final String SECRET = "0b5e8c1a-3f0e-4d7a-9a51-6f2d1c0e9b77";

    private FakeProxmox pve;

    @BeforeEach
    void startProxmox() {
        pve = new FakeProxmox(Duration.ofMillis(10));
        pve.addNode("pve1")
                .addNode("pve2")
                .addGuest("pve1", "qemu", 100, "web1", true)
                .addGuest("pve1", "lxc", 200, "dns1", true)
                .addGuest("pve2", "qemu", 101, "db1", false)
                .addStorage("local", "dir", "images")
                .addPbsStorage("pbs-main", "pbs.lab.example", "store1", "aa:bb")
                .addToken(TOKEN, SECRET)
                .start();
    }

    @AfterEach
    void stopProxmox() {
        pve.close();
    }

    private ProxmoxReader reader(String fingerprint, int maxBytes) {
        return new ProxmoxReader(
                new ProxmoxSettings(
                        pve.baseUri(),
                        TOKEN,
                        SECRET,
                        fingerprint,
                        Duration.ofSeconds(5),
                        maxBytes));
    }

    private ProxmoxReader reader() {
        return reader(pve.sha256Fingerprint(), ProxmoxSettings.DEFAULT_MAX_RESPONSE_BYTES);
    }

    @Test
    void shouldReportNodesGuestsAndBackupServers() throws Exception {
        // Act
        PollResult result = reader().poll();

        // Assert
        assertThat(result.complete()).isTrue();
        assertThat(result.rejected()).isEmpty();
        assertThat(result.hosts())
                .extracting(HostObservation::hostId)
                .containsExactlyInAnyOrder(
                        "fqdn:pve1",
                        "fqdn:pve2",
                        "vmid:100",
                        "vmid:200",
                        "vmid:101",
                        "fqdn:pbs.lab.example");
        HostObservation web1 =
                result.hosts().stream()
                        .filter(h -> "vmid:100".equals(h.hostId()))
                        .findFirst()
                        .orElseThrow();
        assertThat(web1.vmid()).isEqualTo(100);
        assertThat(web1.attributes())
                .containsEntry("node", "pve1")
                .containsEntry("type", "qemu")
                .containsEntry("name", "web1")
                .containsEntry("status", "running")
                .doesNotContainKey("uptime");
        HostObservation pbs =
                result.hosts().stream()
                        .filter(h -> h.source() == DiscoverySource.PBS)
                        .findFirst()
                        .orElseThrow();
        assertThat(pbs.attributes())
                .containsEntry("storages", "pbs-main")
                .containsEntry("datastores", "store1");
    }

    @Test
    void shouldRefuseAServerWhoseCertificateDoesNotMatchThePin() {
        String wrong = "00".repeat(32);
        assertThatThrownBy(() -> reader(wrong, 1 << 20).poll())
                .isInstanceOf(ConnectorException.class);
    }

    @Test
    void shouldThrowWhenTheTokenIsRefused() {
        ProxmoxReader bad =
                new ProxmoxReader(
                        new ProxmoxSettings(
                                pve.baseUri(),
                                TOKEN,
                                "wrong",
                                pve.sha256Fingerprint(),
                                Duration.ofSeconds(5),
                                1 << 20));
        assertThatThrownBy(bad::poll)
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("401");
    }

    @Test
    void shouldKeepGuestsOfAnOfflineNodeAndMarkThePollIncomplete() throws Exception {
        // Arrange
        pve.setNodeOnline("pve2", false);

        // Act
        PollResult result = reader().poll();

        // Assert
        assertThat(result.complete()).isFalse();
        HostObservation db1 =
                result.hosts().stream()
                        .filter(h -> "vmid:101".equals(h.hostId()))
                        .findFirst()
                        .orElseThrow();
        assertThat(db1.attributes()).containsEntry("node-status", "offline");
    }

    @Test
    void shouldRejectTruncatedGarbageWrongEncodingAndOversizedResponses() throws Exception {
        // Arrange
        byte[] noise = new byte[128];
        new Random(9).nextBytes(noise);
        pve.respondNext(
                "/nodes",
                200,
                "{\"data\":[{\"node\":\"pve1\",\"stat".getBytes(StandardCharsets.UTF_8));
        pve.respondNext("/storage", 200, noise);
        pve.respondNext(
                "/nodes/pve1/qemu",
                200,
                "{\"data\":[{\"vmid\":100,\"name\":\"w\u00e9b1\",\"type\":\"qemu\"}]}"
                        .getBytes(StandardCharsets.ISO_8859_1));

        // Act
        PollResult broken = reader().poll();
        PollResult repaired = reader().poll();
        PollResult oversized = reader(pve.sha256Fingerprint(), 64).poll();

        // Assert
        assertThat(broken.complete()).isFalse();
        assertThat(broken.hosts()).isEmpty();
        assertThat(broken.rejected())
                .extracting(Rejected::cause, r -> r.reason().substring(0, r.reason().indexOf(':')))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                DeadLetterCause.MALFORMED_JSON, "GET /nodes"),
                        org.assertj.core.groups.Tuple.tuple(
                                DeadLetterCause.MALFORMED_JSON, "GET /storage"));
        // the Latin-1 guest list was queued for pve1/qemu and is consumed by the next poll
        assertThat(repaired.rejected())
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.reason())
                                        .startsWith("GET /nodes/pve1/qemu")
                                        .containsIgnoringCase("UTF-8"));
        assertThat(repaired.hosts())
                .extracting(HostObservation::hostId)
                .doesNotContain("vmid:100")
                .contains("vmid:200");
        assertThat(oversized.rejected())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.cause()).isEqualTo(DeadLetterCause.TOO_LARGE));
    }

    @Test
    void shouldRejectABadGuestEntryAndKeepTheOthers() throws Exception {
        // Arrange
        pve.respondNext(
                "/nodes/pve1/lxc",
                200,
                "{\"data\":[{\"vmid\":\"abc\",\"name\":\"x\"},{\"vmid\":201,\"name\":\"ok\",\"type\":\"lxc\",\"status\":\"running\"}]}"
                        .getBytes(StandardCharsets.UTF_8));

        // Act
        PollResult result = reader().poll();

        // Assert
        assertThat(result.hosts())
                .extracting(HostObservation::hostId)
                .contains("vmid:201", "vmid:100");
        assertThat(result.rejected())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("valid 'vmid'"));
        assertThat(result.complete()).isFalse();
    }

    @Test
    void shouldReportAGuestDestroyedBetweenPollsAsGone() throws Exception {
        // Arrange
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(
                        true, null, new ByteArraySerializer(), new ByteArraySerializer());
        ConnectorMetrics metrics = new ConnectorMetrics();
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
        DiscoveryPoller poller =
                new DiscoveryPoller(
                        "proxmox",
                        reader(),
                        Duration.ofMinutes(1),
                        new RecordPublisher(producer, metrics, clock),
                        new InMemoryDiscoveryStateStore(),
                        metrics,
                        clock);
        poller.pollOnce();
        pve.removeGuest(200);

        // Act
        List<DiscoveryEvent> events = poller.pollOnce();

        // Assert
        assertThat(events)
                .filteredOn(e -> e.kind() != org.ralf.schemas.discovery.DiscoveryKind.SEEN)
                .extracting(e -> e.kind() + " " + e.hostId())
                .containsExactly("GONE vmid:200");
        assertThat(poller.health().state()).isEqualTo(ConnectorHealth.State.HEALTHY);
    }
}
