package org.ralf.connectors.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.annotation.Nullable;
import org.ralf.connectors.Connector;
import org.ralf.connectors.ConnectorException;
import org.ralf.connectors.ConnectorHealth;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.config.RalfConfig;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.serde.Decoded;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL CDC connector: runs {@link PostgresCdcEngine} and forwards every change of an
 * inventory table to {@code ralf.cdc.<table>} as a Debezium JSON envelope ({@link CdcEnvelope}),
 * keyed by the row's primary key (Debezium's key JSON, e.g. {@code {"node":"pve1"}}).
 *
 * <p>Each Debezium batch is published and acknowledged by Kafka before its records are marked
 * processed, so the offsets the engine flushes never run ahead of Kafka: delivery is at least once
 * in general and exactly once across a clean {@link #close()}. After a crash, changes since the
 * last offset flush are delivered again; consumers dedupe by (table, primary key, {@code
 * source.lsn}).
 *
 * <p>A change that does not decode into a valid {@link CdcEnvelope}, or belongs to a table without
 * a CDC topic, is dead-lettered with the reason; the connector stays healthy and the rest of the
 * batch is forwarded.
 */
public final class CdcConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(CdcConnector.class);

    /** How long a batch may wait for Kafka's acknowledgements before the engine is stopped. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final CdcSettings settings;
    private final RecordPublisher publisher;
    private final ConnectorMetrics metrics;
    private final Clock clock;
    private final EventSerde<CdcEnvelope> serde = EventSerde.of(CdcEnvelope.class);
    private final boolean ownsPublisher;
    private volatile ConnectorHealth health;
    @Nullable private PostgresCdcEngine engine;

    /**
     * @param settings what to capture
     * @param publisher publisher of the owning process (its metrics should be {@code metrics})
     * @param metrics this connector's counters
     * @param clock time of health changes
     */
    public CdcConnector(
            CdcSettings settings,
            RecordPublisher publisher,
            ConnectorMetrics metrics,
            Clock clock) {
        this(settings, publisher, metrics, clock, false);
    }

    private CdcConnector(
            CdcSettings settings,
            RecordPublisher publisher,
            ConnectorMetrics metrics,
            Clock clock,
            boolean ownsPublisher) {
        this.settings = settings;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.ownsPublisher = ownsPublisher;
        this.health =
                new ConnectorHealth(ConnectorHealth.State.STOPPED, "not started", clock.instant());
    }

    /**
     * The connector configured by {@code cdc.*} and {@code kafka.bootstrap-servers} (see {@link
     * CdcOptions}), with its own publisher, closed with the connector.
     *
     * @throws org.ralf.schemas.config.ConfigException naming the key of an invalid value
     */
    public static CdcConnector fromConfig(RalfConfig config) {
        CdcSettings settings = CdcOptions.settings(config);
        ConnectorMetrics metrics = new ConnectorMetrics();
        RecordPublisher publisher =
                RecordPublisher.create(settings.kafkaBootstrap(), settings.name(), metrics);
        return new CdcConnector(settings, publisher, metrics, Clock.systemUTC(), true);
    }

    /** The settings in use. */
    public CdcSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public synchronized void start() throws ConnectorException {
        if (engine != null) {
            throw new ConnectorException("CDC connector " + name() + " already started");
        }
        for (String qualified : settings.tables()) {
            String table = qualified.substring(qualified.indexOf('.') + 1);
            if (!Topics.CDC_TABLES.contains(table)) {
                throw new ConnectorException(
                        "cdc.tables: "
                                + qualified
                                + " has no CDC topic (CDC tables: "
                                + Topics.CDC_TABLES
                                + ")");
            }
        }
        health = new ConnectorHealth(ConnectorHealth.State.STARTING, "starting", clock.instant());
        PostgresCdcEngine e =
                new PostgresCdcEngine(
                        settings,
                        this::handleBatch,
                        new PostgresCdcEngine.Listener() {
                            @Override
                            public void started() {
                                setHealth(
                                        ConnectorHealth.State.HEALTHY,
                                        "streaming slot "
                                                + settings.slot()
                                                + " of "
                                                + settings.host()
                                                + ":"
                                                + settings.port()
                                                + "/"
                                                + settings.database());
                            }

                            @Override
                            public void stopped(
                                    boolean success, String message, @Nullable Throwable error) {
                                setHealth(
                                        success
                                                ? ConnectorHealth.State.STOPPED
                                                : ConnectorHealth.State.FAILED,
                                        message);
                            }
                        });
        engine = e;
        e.start();
    }

    private void setHealth(ConnectorHealth.State state, String detail) {
        // a clean stop must not overwrite FAILED, and STOPPED must not become HEALTHY again
        ConnectorHealth current = health;
        if (current.state() == ConnectorHealth.State.FAILED
                && state != ConnectorHealth.State.FAILED) {
            return;
        }
        health = new ConnectorHealth(state, detail, clock.instant());
    }

    /** Forwards one Debezium batch; marks records processed only after Kafka acknowledged them. */
    void handleBatch(
            List<ChangeEvent<String, String>> records,
            DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
            throws InterruptedException {
        List<CompletableFuture<Void>> pending = new ArrayList<>(records.size());
        try {
            for (ChangeEvent<String, String> r : records) {
                pending.add(forward(r.key(), r.value()));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ConnectorException | ExecutionException | TimeoutException e) {
            // Nothing of this batch is marked processed: a restarted engine sends it again.
            setHealth(ConnectorHealth.State.FAILED, "Kafka did not take a CDC batch: " + e);
            throw new IllegalStateException("Kafka did not take a CDC batch", e);
        }
        for (ChangeEvent<String, String> r : records) {
            committer.markProcessed(r);
        }
        committer.markBatchFinished();
    }

    /**
     * Validates one change and publishes it to its table's topic, or dead-letters it.
     *
     * @param key Debezium key JSON (the primary key)
     * @param value Debezium value JSON (the envelope)
     * @return completes when Kafka acknowledged the record (or its dead letter)
     */
    CompletableFuture<Void> forward(@Nullable String key, @Nullable String value)
            throws ConnectorException {
        byte[] raw = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        metrics.recordsIn(1);
        metrics.bytesIn(raw == null ? 0 : raw.length);
        Decoded<CdcEnvelope> decoded = serde.deserialize(name(), null, null, raw);
        if (decoded instanceof Decoded.Failed<CdcEnvelope> failed) {
            DeadLetter d = failed.deadLetter();
            return publisher.deadLetter(
                    name(), raw == null ? new byte[0] : raw, d.cause(), d.reason(), "CdcEnvelope");
        }
        CdcEnvelope envelope = decoded.valueOrNull();
        String table = envelope.table();
        if (!Topics.CDC_TABLES.contains(table) || !"ralf".equals(envelope.source().schema())) {
            return publisher.deadLetter(
                    name(),
                    raw,
                    DeadLetterCause.INVALID_VALUE,
                    "change of "
                            + envelope.source().schema()
                            + "."
                            + table
                            + ", which has no CDC topic",
                    "CdcEnvelope");
        }
        if (key == null || key.isBlank()) {
            return publisher.deadLetter(
                    name(),
                    raw,
                    DeadLetterCause.MISSING_FIELD,
                    "change of ralf." + table + " without a primary key",
                    "CdcEnvelope");
        }
        long committedAt = envelope.source().tsMs();
        return publisher
                .publish(Topics.cdc(table), key, envelope, serde)
                .thenRun(() -> metrics.lagMillis(Math.max(0, clock.millis() - committedAt)));
    }

    @Override
    public ConnectorHealth health() {
        return health;
    }

    @Override
    public ConnectorMetrics metrics() {
        return metrics;
    }

    @Override
    public synchronized void close() {
        PostgresCdcEngine e = engine;
        engine = null;
        if (e != null) {
            try {
                e.close();
            } catch (IOException ex) {
                LOG.warn("CDC connector {} did not stop cleanly: {}", name(), ex.toString());
            }
        }
        publisher.flush();
        if (ownsPublisher) {
            publisher.close();
        }
        setHealth(ConnectorHealth.State.STOPPED, "closed");
    }
}
