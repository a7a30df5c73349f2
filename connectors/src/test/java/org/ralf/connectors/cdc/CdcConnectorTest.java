package org.ralf.connectors.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.ralf.connectors.ConnectorHealth;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.cdc.CdcOp;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.serde.EventSerde;

class CdcConnectorTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final ConnectorMetrics metrics = new ConnectorMetrics();
    private final CdcConnector connector =
            new CdcConnector(
                    new CdcSettings(
                            "cdc-test",
                            "localhost",
                            5432,
                            "ralf",
                            "u",
                            "p",
                            "ralf_cdc",
                            "slot",
                            CdcSettings.DEFAULT_TABLES,
                            "localhost:9092",
                            "offsets"),
                    new RecordPublisher(producer, metrics, CLOCK),
                    metrics,
                    CLOCK);

    private static String change(String node, long lsn) {
        return "{\"before\":null,\"after\":{\"node\":\""
                + node
                + "\",\"address\":\"10.0.0.1\",\"status\":\"online\"},"
                + "\"source\":{\"version\":\"3.6.1.Final\",\"connector\":\"postgresql\","
                + "\"name\":\"ralf\",\"ts_ms\":1767607200000,\"snapshot\":\"false\","
                + "\"db\":\"ralf\",\"schema\":\"ralf\",\"table\":\"nodes\",\"txId\":771,"
                + "\"lsn\":"
                + lsn
                + ",\"xmin\":null},\"op\":\"c\",\"ts_ms\":1767607200005}";
    }

    @Test
    void shouldForwardAValidChangeToItsTableTopicKeyedByPrimaryKey() throws Exception {
        // Act
        connector.forward("{\"node\":\"pve1\"}", change("pve1", 42)).get();

        // Assert
        assertThat(producer.history()).hasSize(1);
        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("ralf.cdc.nodes");
        assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("{\"node\":\"pve1\"}");
        CdcEnvelope envelope =
                EventSerde.of(CdcEnvelope.class)
                        .deserialize("t", null, null, sent.value())
                        .valueOrNull();
        assertThat(envelope).isNotNull();
        assertThat(envelope.op()).isEqualTo(CdcOp.CREATE);
        assertThat(envelope.source().lsn()).isEqualTo(42L);
        assertThat(envelope.after()).containsEntry("node", "pve1");
    }

    @Test
    void shouldDeadLetterBadEnvelopesAndForwardEverythingElseOfTheBatch() throws Exception {
        // Arrange
        String valid = change("pve1", 100);
        String truncated = valid.substring(0, valid.length() / 2);
        String oversized = valid.replace("10.0.0.1", "x".repeat(EventSerde.DEFAULT_MAX_BYTES + 10));
        // UTF-16 bytes read as if they were Latin-1: NULs between the characters
        String wrongEncoding =
                new String(valid.getBytes(StandardCharsets.UTF_16), StandardCharsets.ISO_8859_1);
        byte[] noise = new byte[300];
        new Random(7).nextBytes(noise);
        String garbage = new String(noise, StandardCharsets.ISO_8859_1);
        String otherTable = valid.replace("\"table\":\"nodes\"", "\"table\":\"anomalies\"");
        String missingOp = valid.replace("\"op\":\"c\",", "");
        List<ChangeEvent<String, String>> batch =
                List.of(
                        event("{\"node\":\"pve1\"}", valid),
                        event("{\"node\":\"t\"}", truncated),
                        event("{\"node\":\"o\"}", oversized),
                        event("{\"node\":\"w\"}", wrongEncoding),
                        event("{\"node\":\"g\"}", garbage),
                        event("{\"id\":1}", otherTable),
                        event("{\"node\":\"m\"}", missingOp),
                        event("{\"node\":\"pve2\"}", change("pve2", 101)));
        RecordingCommitter committer = new RecordingCommitter();

        // Act
        connector.handleBatch(batch, committer);

        // Assert
        List<String> forwarded =
                producer.history().stream()
                        .filter(r -> r.topic().equals("ralf.cdc.nodes"))
                        .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                        .toList();
        assertThat(forwarded).containsExactly("{\"node\":\"pve1\"}", "{\"node\":\"pve2\"}");
        List<DeadLetter> letters =
                producer.history().stream()
                        .filter(r -> r.topic().equals("ralf.deadletter"))
                        .map(
                                r ->
                                        EventSerde.of(DeadLetter.class)
                                                .deserialize("t", null, null, r.value())
                                                .valueOrNull())
                        .toList();
        // a document cut inside a nested object fails while binding that object
        assertThat(letters.get(0).cause())
                .isIn(DeadLetterCause.MALFORMED_JSON, DeadLetterCause.INVALID_VALUE);
        assertThat(letters.get(0).reason()).containsIgnoringCase("end-of-input");
        assertThat(letters.subList(1, letters.size()))
                .extracting(DeadLetter::cause)
                .containsExactly(
                        DeadLetterCause.TOO_LARGE,
                        DeadLetterCause.MALFORMED_JSON,
                        DeadLetterCause.MALFORMED_JSON,
                        DeadLetterCause.INVALID_VALUE,
                        DeadLetterCause.MISSING_FIELD);
        assertThat(letters).allSatisfy(d -> assertThat(d.source()).isEqualTo("cdc-test"));
        assertThat(letters.get(1).reason()).contains("too large");
        assertThat(letters.get(4).reason()).contains("ralf.anomalies");
        assertThat(letters.get(5).reason()).contains("op");
        assertThat(letters.get(0).payload()).isEqualTo(truncated.getBytes(StandardCharsets.UTF_8));
        assertThat(committer.processed).hasSize(batch.size());
        assertThat(committer.batchFinished).isTrue();
        assertThat(connector.health().state()).isNotEqualTo(ConnectorHealth.State.FAILED);
        assertThat(metrics.snapshot().errors()).isEqualTo(6);
        assertThat(metrics.snapshot().recordsIn()).isEqualTo(8);
    }

    @Test
    void shouldNotMarkABatchProcessedWhenKafkaRefusesIt() {
        // Arrange
        MockProducer<byte[], byte[]> failing =
                new MockProducer<>(
                        false, null, new ByteArraySerializer(), new ByteArraySerializer());
        CdcConnector broken =
                new CdcConnector(
                        connector.settings(),
                        new RecordPublisher(failing, metrics, CLOCK),
                        metrics,
                        CLOCK);
        RecordingCommitter committer = new RecordingCommitter();
        Thread failer =
                new Thread(
                        () -> {
                            // fail the send once it is pending (bounded: 10 s)
                            long deadline = System.nanoTime() + 10_000_000_000L;
                            while (!failing.errorNext(new RuntimeException("broker down"))
                                    && System.nanoTime() < deadline) {
                                Thread.onSpinWait();
                            }
                        });
        failer.setDaemon(true);
        failer.start();

        // Act / Assert
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                broken.handleBatch(
                                        List.of(event("{\"node\":\"a\"}", change("a", 1))),
                                        committer))
                .isInstanceOf(IllegalStateException.class);
        assertThat(committer.processed).isEmpty();
        assertThat(broken.health().state()).isEqualTo(ConnectorHealth.State.FAILED);
    }

    private static ChangeEvent<String, String> event(String key, String value) {
        return new ChangeEvent<>() {
            @Override
            public String key() {
                return key;
            }

            @Override
            public String value() {
                return value;
            }

            @Override
            public String destination() {
                return "ralf.ralf.nodes";
            }

            @Override
            public Integer partition() {
                return null;
            }
        };
    }

    /** Records what the connector marked processed. */
    private static final class RecordingCommitter
            implements DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> {
        final List<ChangeEvent<String, String>> processed = new ArrayList<>();
        boolean batchFinished;

        @Override
        public void markProcessed(ChangeEvent<String, String> record) {
            processed.add(record);
        }

        @Override
        public void markBatchFinished() {
            batchFinished = true;
        }

        @Override
        public void markProcessed(
                ChangeEvent<String, String> record, DebeziumEngine.Offsets sourceOffsets) {
            processed.add(record);
        }

        @Override
        public DebeziumEngine.Offsets buildOffsets() {
            throw new UnsupportedOperationException("not used by the connector");
        }
    }
}
