package org.ralf.connectors.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.discovery.DiscoveryKind;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.testing.foreman.FakeForeman;

class ForemanReaderTest {

    private static final String HOSTS = "/api/v2/hosts";

    private FakeForeman foreman;

    @BeforeEach
    void startForeman() throws Exception {
        foreman = new FakeForeman("ralf", "s3cret").start();
        for (int i = 1; i <= 5; i++) {
            foreman.putHost(
                    new FakeForeman.Host(
                            i,
                            "web" + i + ".lab.example",
                            "192.168.10." + (20 + i),
                            "BC:24:11:00:00:0" + i,
                            "Debian 12",
                            "web",
                            true));
        }
    }

    @AfterEach
    void stopForeman() {
        foreman.close();
    }

    private ForemanReader reader(String password, List<String> facts, int maxBytes) {
        return new ForemanReader(
                new ForemanSettings(
                        foreman.baseUri(),
                        "ralf",
                        password,
                        2,
                        facts,
                        Duration.ofSeconds(5),
                        maxBytes));
    }

    private ForemanReader reader() {
        return reader("s3cret", List.of(), ForemanSettings.DEFAULT_MAX_RESPONSE_BYTES);
    }

    @Test
    void shouldReadEveryPageOfHosts() throws Exception {
        // Act
        PollResult result = reader().poll();

        // Assert
        assertThat(result.complete()).isTrue();
        assertThat(result.rejected()).isEmpty();
        assertThat(result.hosts())
                .extracting(HostObservation::hostId)
                .containsExactly(
                        "mac:bc:24:11:00:00:01",
                        "mac:bc:24:11:00:00:02",
                        "mac:bc:24:11:00:00:03",
                        "mac:bc:24:11:00:00:04",
                        "mac:bc:24:11:00:00:05");
        HostObservation web1 = result.hosts().get(0);
        assertThat(web1.fqdn()).isEqualTo("web1.lab.example");
        assertThat(web1.ip()).isEqualTo("192.168.10.21");
        assertThat(web1.attributes())
                .containsEntry("os", "Debian 12")
                .containsEntry("foreman-id", "1")
                .containsEntry("domain", "lab.example");
        assertThat(foreman.requests())
                .extracting(r -> r.params().get("page"))
                .containsExactly("1", "2", "3");
    }

    @Test
    void shouldReportSelectedFactsAsAttributes() throws Exception {
        // Arrange
        foreman.setFacts(1, Map.of("kernelrelease", "6.1.0-26-amd64", "uptime_seconds", "3600"));

        // Act
        PollResult result =
                reader(
                                "s3cret",
                                List.of("kernelrelease"),
                                ForemanSettings.DEFAULT_MAX_RESPONSE_BYTES)
                        .poll();

        // Assert
        assertThat(result.hosts().get(0).attributes())
                .containsEntry("fact.kernelrelease", "6.1.0-26-amd64")
                .doesNotContainKey("fact.uptime_seconds");
        assertThat(result.hosts().get(1).attributes()).doesNotContainKey("fact.kernelrelease");
    }

    @Test
    void shouldThrowWhenTheCredentialsAreRefused() {
        assertThatThrownBy(() -> reader("wrong", List.of(), 1 << 20).poll())
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("HTTP 401");
    }

    @Test
    void shouldRejectATruncatedPageAndStopPagingAsIncomplete() throws Exception {
        // Arrange
        String page =
                "{\"total\":5,\"subtotal\":5,\"page\":1,\"per_page\":2,\"results\":[{\"id\":1,\"name\":\"web1";
        foreman.respondNext(HOSTS, 200, page.getBytes(StandardCharsets.UTF_8));

        // Act
        PollResult result = reader().poll();

        // Assert
        assertThat(result.hosts()).isEmpty();
        assertThat(result.complete()).isFalse();
        assertThat(result.rejected())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.cause()).isEqualTo(DeadLetterCause.MALFORMED_JSON);
                            assertThat(r.reason()).contains("page=1").contains("end-of-input");
                        });
    }

    @Test
    void shouldRejectGarbageWrongEncodingAndOversizedResponses() throws Exception {
        // Arrange
        byte[] garbage = new byte[200];
        new Random(5).nextBytes(garbage);
        byte[] latin1 =
                "{\"total\":1,\"subtotal\":1,\"results\":[{\"id\":1,\"name\":\"caf\u00e9.lab\"}]}"
                        .getBytes(StandardCharsets.ISO_8859_1);

        // Act
        foreman.respondNext(HOSTS, 200, garbage);
        PollResult fromGarbage = reader().poll();
        foreman.respondNext(HOSTS, 200, latin1);
        PollResult fromLatin1 = reader().poll();
        PollResult fromOversized = reader("s3cret", List.of(), 100).poll();

        // Assert
        assertThat(fromGarbage.rejected())
                .singleElement()
                .extracting(Rejected::cause)
                .isEqualTo(DeadLetterCause.MALFORMED_JSON);
        assertThat(fromLatin1.rejected())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).containsIgnoringCase("UTF-8"));
        assertThat(fromOversized.rejected())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.cause()).isEqualTo(DeadLetterCause.TOO_LARGE);
                            assertThat(r.raw()).hasSize(100);
                        });
        assertThat(List.of(fromGarbage, fromLatin1, fromOversized))
                .allSatisfy(
                        r -> {
                            assertThat(r.hosts()).isEmpty();
                            assertThat(r.complete()).isFalse();
                        });
    }

    @Test
    void shouldRejectABadHostEntryAndKeepTheOthersOfThePage() throws Exception {
        // Arrange
        String page =
                "{\"total\":3,\"subtotal\":3,\"page\":1,\"per_page\":3,\"results\":["
                        + "{\"id\":1,\"name\":\"a.lab\",\"mac\":\"bc:24:11:00:00:0a\"},"
                        + "{\"id\":2,\"mac\":42},"
                        + "{\"id\":3,\"name\":\"c.lab\",\"mac\":\"not-a-mac\"},"
                        + "{\"id\":\"x\",\"name\":\"d.lab\"},"
                        + "{\"id\":5,\"name\":\"e.lab\"}]}";
        foreman.respondNext(HOSTS, 200, page.getBytes(StandardCharsets.UTF_8));

        // Act
        PollResult result = reader().poll();

        // Assert
        assertThat(result.hosts())
                .extracting(HostObservation::hostId)
                .containsExactly("mac:bc:24:11:00:00:0a", "fqdn:e.lab");
        assertThat(result.rejected())
                .extracting(Rejected::reason)
                .satisfiesExactly(
                        r -> assertThat(r).contains("without 'name'"),
                        r -> assertThat(r).contains("malformed 'mac'"),
                        r -> assertThat(r).contains("no integer 'id'"));
        assertThat(new String(result.rejected().get(0).raw(), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":2,\"mac\":42}");
        assertThat(result.complete()).isFalse();
    }

    @Test
    void shouldKeepThePollerHealthyAndDeclareNothingGoneWhenAPageIsGarbage() throws Exception {
        // Arrange
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(
                        true, null, new ByteArraySerializer(), new ByteArraySerializer());
        ConnectorMetrics metrics = new ConnectorMetrics();
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
        DiscoveryPoller poller =
                new DiscoveryPoller(
                        "foreman",
                        reader(),
                        Duration.ofMinutes(1),
                        new RecordPublisher(producer, metrics, clock),
                        new InMemoryDiscoveryStateStore(),
                        metrics,
                        clock);
        poller.pollOnce();
        foreman.respondNext(
                HOSTS, 200, "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));

        // Act
        List<DiscoveryEvent> duringGarbage = poller.pollOnce();
        foreman.removeHost(5);
        List<DiscoveryEvent> afterwards = poller.pollOnce();

        // Assert
        assertThat(duringGarbage).isEmpty();
        assertThat(poller.health().state()).isEqualTo(ConnectorHealth.State.HEALTHY);
        assertThat(afterwards)
                .filteredOn(e -> e.kind() == DiscoveryKind.GONE)
                .extracting(DiscoveryEvent::hostId)
                .containsExactly("mac:bc:24:11:00:00:05");
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
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.source()).isEqualTo("foreman");
                            assertThat(new String(d.payload(), StandardCharsets.UTF_8))
                                    .isEqualTo("<html>502 Bad Gateway</html>");
                        });
    }
}
