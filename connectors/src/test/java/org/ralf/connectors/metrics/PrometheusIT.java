package org.ralf.connectors.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.connectors.ConnectorHealth;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.kafka.IngestTopics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.connectors.metrics.prompb.RemoteWrite;
import org.ralf.connectors.testsupport.ChildProcess;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;
import org.xerial.snappy.Snappy;

/**
 * The metrics connectors against the real Debian programs: prometheus-node-exporter scraped by
 * {@link ScrapeConnector}, and prometheus 2.42 remote-writing to {@link RemoteWriteReceiver}.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PrometheusIT {

    private static final EventSerde<MetricSample> SAMPLES = EventSerde.of(MetricSample.class);
    private static final EventSerde<DeadLetter> DEAD = EventSerde.of(DeadLetter.class);

    private static IngestTopics topics(KafkaBroker broker) {
        IngestTopics t =
                new IngestTopics(
                        KafkaBroker.uniqueTopic("metrics"),
                        KafkaBroker.uniqueTopic("logs"),
                        KafkaBroker.uniqueTopic("deadletter"));
        broker.createTopics(1, t.metrics(), t.logs(), t.deadLetters());
        return t;
    }

    private static RecordPublisher publisher(
            KafkaBroker broker, ConnectorMetrics m, IngestTopics t) {
        return RecordPublisher.create(
                broker.bootstrapServers(),
                "it",
                m,
                8 << 20,
                Duration.ofSeconds(5),
                t.deadLetters());
    }

    /** Decodes samples, skipping a record that is none (the consume helpers drop nulls). */
    private static final Deserializer<MetricSample> SAMPLES_ONLY =
            (topic, data) -> SAMPLES.deserialize(topic, null, null, data).valueOrNull();

    private static java.util.Set<String> names(List<MetricSample> samples) {
        return samples.stream()
                .map(MetricSample::name)
                .collect(java.util.stream.Collectors.toSet());
    }

    private static void assumeInstalled(String program) {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/" + program)), program + " not installed");
    }

    @Test
    void shouldScrapeNodeExporterWithTargetLabelsAndUp(KafkaBroker broker, @TempDir Path dir)
            throws Exception {
        // Arrange
        assumeInstalled("prometheus-node-exporter");
        IngestTopics t = topics(broker);
        int port = ChildProcess.freePort();
        Path sd = dir.resolve("targets.json");
        Files.writeString(
                sd, "[{\"targets\":[\"127.0.0.1:" + port + "\"],\"labels\":{\"rack\":\"r1\"}}]");
        ConnectorMetrics m = new ConnectorMetrics();
        try (ChildProcess exporter =
                        ChildProcess.start(
                                List.of(
                                        "/usr/bin/prometheus-node-exporter",
                                        "--web.listen-address=127.0.0.1:" + port,
                                        "--collector.disable-defaults",
                                        "--collector.cpu",
                                        "--collector.meminfo",
                                        "--collector.loadavg"),
                                dir);
                ScrapeConnector scrape =
                        new ScrapeConnector(
                                new ScrapeSettings(
                                        "scrape-it",
                                        List.of(
                                                new ScrapeJob(
                                                        "node",
                                                        "http",
                                                        "/metrics",
                                                        Duration.ofSeconds(30),
                                                        Duration.ofSeconds(10),
                                                        List.of(),
                                                        List.of(sd),
                                                        Duration.ofSeconds(30))),
                                        16 << 20,
                                        1),
                                publisher(broker, m, t),
                                m,
                                t,
                                Clock.systemUTC())) {
            exporter.awaitPort(port, Duration.ofSeconds(20));

            // Act
            scrape.start();
            // until the synthetic `up`, which the scraper publishes after every scraped sample
            // (the first 50 records were not enough when the publisher sent in several batches)
            List<MetricSample> got =
                    broker.consumeUntil(
                            t.metrics(),
                            Duration.ofSeconds(30),
                            SAMPLES_ONLY,
                            rs -> names(rs).contains("up"));

            // Assert
            String instance = "127.0.0.1:" + port;
            assertThat(got)
                    .filteredOn(s -> s.name().equals("up"))
                    .singleElement()
                    .satisfies(
                            up -> {
                                assertThat(up.value()).isEqualTo(1.0);
                                assertThat(up.labels())
                                        .isEqualTo(
                                                Map.of(
                                                        "job",
                                                        "node",
                                                        "instance",
                                                        instance,
                                                        "rack",
                                                        "r1"));
                            });
            assertThat(got)
                    .filteredOn(s -> s.name().equals("node_memory_MemTotal_bytes"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.value()).isPositive());
            assertThat(got)
                    .filteredOn(s -> s.name().equals("node_cpu_seconds_total"))
                    .isNotEmpty()
                    .allSatisfy(
                            s ->
                                    assertThat(s.labels())
                                            .containsKeys("cpu", "mode", "job", "instance"));
            assertThat(scrape.health().state()).isEqualTo(ConnectorHealth.State.HEALTHY);
        }
    }

    @Test
    void shouldReceiveRemoteWriteFromRealPrometheus(KafkaBroker broker, @TempDir Path dir)
            throws Exception {
        // Arrange
        assumeInstalled("prometheus");
        assumeInstalled("prometheus-node-exporter");
        IngestTopics t = topics(broker);
        int exporterPort = ChildProcess.freePort();
        int promPort = ChildProcess.freePort();
        ConnectorMetrics m = new ConnectorMetrics();
        try (RemoteWriteReceiver receiver =
                new RemoteWriteReceiver(
                        RemoteWriteSettings.defaults("rw-it", "127.0.0.1", 0),
                        publisher(broker, m, t),
                        m,
                        t,
                        Clock.systemUTC())) {
            receiver.start();
            Files.writeString(
                    dir.resolve("prometheus.yml"),
                    """
                    global:
                      scrape_interval: 1s
                      external_labels: {cluster: homelab}
                    scrape_configs:
                      - job_name: node
                        static_configs: [{targets: ['127.0.0.1:%d']}]
                    remote_write:
                      - url: http://127.0.0.1:%d/api/v1/write
                        queue_config: {batch_send_deadline: 1s}
                    """
                            .formatted(exporterPort, receiver.address().getPort()));
            try (ChildProcess exporter =
                            ChildProcess.start(
                                    List.of(
                                            "/usr/bin/prometheus-node-exporter",
                                            "--web.listen-address=127.0.0.1:" + exporterPort,
                                            "--collector.disable-defaults",
                                            "--collector.meminfo"),
                                    dir);
                    ChildProcess prometheus =
                            ChildProcess.start(
                                    List.of(
                                            "/usr/bin/prometheus",
                                            "--config.file=" + dir.resolve("prometheus.yml"),
                                            "--storage.tsdb.path=" + dir.resolve("data"),
                                            "--web.listen-address=127.0.0.1:" + promPort),
                                    dir)) {
                exporter.awaitPort(exporterPort, Duration.ofSeconds(20));
                prometheus.awaitPort(promPort, Duration.ofSeconds(30));

                // Act: Prometheus scrapes every second and remote-writes what it scraped
                List<MetricSample> got =
                        broker.consumeUntil(
                                t.metrics(),
                                Duration.ofSeconds(45),
                                SAMPLES_ONLY,
                                rs ->
                                        names(rs)
                                                .containsAll(
                                                        List.of(
                                                                "node_memory_MemTotal_bytes",
                                                                "up")));

                // Assert
                assertThat(got)
                        .filteredOn(s -> s.name().equals("node_memory_MemTotal_bytes"))
                        .isNotEmpty()
                        .allSatisfy(
                                s -> {
                                    assertThat(s.labels())
                                            .containsEntry("job", "node")
                                            .containsEntry("instance", "127.0.0.1:" + exporterPort)
                                            .containsEntry("cluster", "homelab")
                                            .doesNotContainKey("__name__");
                                    assertThat(s.value()).isPositive();
                                    assertThat(s.seriesId())
                                            .startsWith(
                                                    "node_memory_MemTotal_bytes{cluster=\"homelab\"");
                                });
                assertThat(got)
                        .filteredOn(s -> s.name().equals("up"))
                        .isNotEmpty()
                        .allSatisfy(s -> assertThat(s.value()).isEqualTo(1.0));
                assertThat(m.snapshot().recordsOut()).isPositive();
            }
        }
    }

    @Test
    void shouldAnswer400AndDeadLetterAnUndecodableBody(KafkaBroker broker) throws Exception {
        // Arrange
        IngestTopics t = topics(broker);
        ConnectorMetrics m = new ConnectorMetrics();
        try (RemoteWriteReceiver receiver =
                new RemoteWriteReceiver(
                        RemoteWriteSettings.defaults("rw-bad", "127.0.0.1", 0),
                        publisher(broker, m, t),
                        m,
                        t,
                        Clock.systemUTC())) {
            receiver.start();
            byte[] garbage = "this is not snappy".getBytes(StandardCharsets.UTF_8);
            byte[] notProtobuf = Snappy.compress(new byte[] {(byte) 0xFF, 0x01, 0x02});
            byte[] valid = validBody("ok_metric", 1.5);

            // Act
            int garbageStatus = post(receiver, garbage);
            int notProtobufStatus = post(receiver, notProtobuf);
            int truncatedStatus = post(receiver, java.util.Arrays.copyOf(valid, valid.length / 2));
            int validStatus = post(receiver, valid);

            // Assert
            assertThat(List.of(garbageStatus, notProtobufStatus, truncatedStatus, validStatus))
                    .containsExactly(400, 400, 400, 204);
            List<DeadLetter> dead =
                    broker.consume(t.deadLetters(), 3, Duration.ofSeconds(20), DEAD);
            assertThat(dead)
                    .hasSize(3)
                    .allSatisfy(
                            d -> {
                                assertThat(d.cause()).isEqualTo(DeadLetterCause.UNPARSEABLE_INPUT);
                                assertThat(d.source()).isEqualTo("rw-bad");
                            });
            assertThat(dead.get(0).payload()).isEqualTo(garbage);
            assertThat(broker.consume(t.metrics(), 1, Duration.ofSeconds(20), SAMPLES))
                    .singleElement()
                    .satisfies(s -> assertThat(s.value()).isEqualTo(1.5));
            assertThat(receiver.health().isUp()).isTrue();
        }
    }

    @Test
    void shouldAnswer413ForAnOversizedBody(KafkaBroker broker) throws Exception {
        IngestTopics t = topics(broker);
        ConnectorMetrics m = new ConnectorMetrics();
        RemoteWriteSettings small =
                new RemoteWriteSettings(
                        "rw-big", "127.0.0.1", 0, 1024, 4096, Duration.ofSeconds(10), 1);
        try (RemoteWriteReceiver receiver =
                new RemoteWriteReceiver(small, publisher(broker, m, t), m, t, Clock.systemUTC())) {
            receiver.start();

            int status = post(receiver, new byte[4096]);

            assertThat(status).isEqualTo(413);
            assertThat(broker.consume(t.deadLetters(), 1, Duration.ofSeconds(20))).hasSize(1);
        }
    }

    @Test
    void shouldAnswer503AndStoreNothingWhileKafkaIsUnreachable() throws Exception {
        // Arrange: a publisher whose broker does not exist; sends block for 1 s, then fail
        ConnectorMetrics m = new ConnectorMetrics();
        int deadPort = ChildProcess.freePort();
        RecordPublisher unreachable =
                RecordPublisher.create(
                        "127.0.0.1:" + deadPort,
                        "it-dead",
                        m,
                        1 << 20,
                        Duration.ofSeconds(1),
                        "dl");
        RemoteWriteSettings s =
                new RemoteWriteSettings(
                        "rw-dead", "127.0.0.1", 0, 1 << 20, 4 << 20, Duration.ofSeconds(2), 1);
        try (RemoteWriteReceiver receiver =
                new RemoteWriteReceiver(
                        s, unreachable, m, IngestTopics.REGISTRY, Clock.systemUTC())) {
            receiver.start();

            // Act
            int status = post(receiver, validBody("x", 1));

            // Assert
            assertThat(status).isEqualTo(503);
            assertThat(m.snapshot().recordsOut()).isZero();
            assertThat(receiver.health().state()).isEqualTo(ConnectorHealth.State.DEGRADED);
        }
    }

    static byte[] validBody(String name, double value) throws java.io.IOException {
        return Snappy.compress(
                RemoteWrite.WriteRequest.newBuilder()
                        .addTimeseries(
                                RemoteWrite.TimeSeries.newBuilder()
                                        .addLabels(
                                                RemoteWrite.Label.newBuilder()
                                                        .setName("__name__")
                                                        .setValue(name))
                                        .addLabels(
                                                RemoteWrite.Label.newBuilder()
                                                        .setName("job")
                                                        .setValue("j"))
                                        .addSamples(
                                                RemoteWrite.Sample.newBuilder()
                                                        .setValue(value)
                                                        .setTimestamp(1_700_000_000_000L)))
                        .build()
                        .toByteArray());
    }

    private static int post(RemoteWriteReceiver receiver, byte[] body) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> r =
                client.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + receiver.address().getPort()
                                                        + RemoteWriteReceiver.PATH))
                                .header("Content-Encoding", "snappy")
                                .header("Content-Type", "application/x-protobuf")
                                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }
}
