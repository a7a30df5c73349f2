package org.ralf.connectors.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.kafka.IngestTopics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.connectors.logs.logproto.LokiPush;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;
import org.xerial.snappy.Snappy;

/** The Loki push receiver over HTTP against the broker: JSON, protobuf, bad bodies, size limit. */
@ExtendWith(KafkaBrokerExtension.class)
class LokiPushReceiverIT {

    private static final EventSerde<LogRecord> LOGS = EventSerde.of(LogRecord.class);
    private static final EventSerde<DeadLetter> DEAD = EventSerde.of(DeadLetter.class);

    private static int post(LokiPushReceiver r, String type, byte[] body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + r.address().getPort()
                                                        + LokiPushReceiver.PATH))
                                .header("Content-Type", type)
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void shouldStorePushedLinesAndDeadLetterBadBodies(KafkaBroker broker) throws Exception {
        // Arrange
        IngestTopics t =
                new IngestTopics(
                        "m", KafkaBroker.uniqueTopic("logs"), KafkaBroker.uniqueTopic("dl"));
        broker.createTopics(1, t.logs(), t.deadLetters());
        ConnectorMetrics m = new ConnectorMetrics();
        LokiSettings small =
                new LokiSettings(
                        "loki-it", "127.0.0.1", 0, 4096, 1 << 20, Duration.ofSeconds(10), 2);
        try (LokiPushReceiver receiver =
                new LokiPushReceiver(
                        small,
                        RecordPublisher.create(
                                broker.bootstrapServers(),
                                "loki-it",
                                m,
                                4 << 20,
                                Duration.ofSeconds(5),
                                t.deadLetters()),
                        m,
                        t,
                        Clock.systemUTC())) {
            receiver.start();
            byte[] json =
                    "{\"streams\":[{\"stream\":{\"host\":\"web1\",\"app\":\"nginx\"},\"values\":[[\"1700000000000000000\",\"json line\"]]}]}"
                            .getBytes(StandardCharsets.UTF_8);
            byte[] proto =
                    Snappy.compress(
                            LokiPush.PushRequest.newBuilder()
                                    .addStreams(
                                            LokiPush.StreamAdapter.newBuilder()
                                                    .setLabels("{host=\"db1\"}")
                                                    .addEntries(
                                                            LokiPush.EntryAdapter.newBuilder()
                                                                    .setTimestamp(
                                                                            Timestamp.newBuilder()
                                                                                    .setSeconds(
                                                                                            1700000000L))
                                                                    .setLine("proto line")))
                                    .build()
                                    .toByteArray());

            // Act
            int jsonStatus = post(receiver, "application/json", json);
            int protoStatus = post(receiver, "application/x-protobuf", proto);
            int truncatedStatus =
                    post(receiver, "application/json", java.util.Arrays.copyOf(json, 30));
            int garbageProtoStatus =
                    post(
                            receiver,
                            "application/x-protobuf",
                            "nope".getBytes(StandardCharsets.UTF_8));
            int oversizedStatus = post(receiver, "application/json", new byte[8192]);

            // Assert
            assertThat(
                            List.of(
                                    jsonStatus,
                                    protoStatus,
                                    truncatedStatus,
                                    garbageProtoStatus,
                                    oversizedStatus))
                    .containsExactly(204, 204, 400, 400, 413);
            List<LogRecord> got = broker.consume(t.logs(), 2, Duration.ofSeconds(20), LOGS);
            assertThat(got).extracting(LogRecord::host).containsExactly("web1", "db1");
            assertThat(got)
                    .extracting(LogRecord::message)
                    .containsExactly("json line", "proto line");
            List<DeadLetter> dead =
                    broker.consume(t.deadLetters(), 3, Duration.ofSeconds(20), DEAD);
            assertThat(dead)
                    .hasSize(3)
                    .allSatisfy(d -> assertThat(d.source()).isEqualTo("loki-it"));
            assertThat(receiver.health().isUp()).isTrue();
        }
    }
}
