package org.ralf.connectors.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Debezium PostgreSQL connector in-process (embedded engine, {@code pgoutput}) and hands
 * every change, as a Debezium JSON envelope without schema ({@code op}, {@code before}, {@code
 * after}, {@code source.lsn}, {@code ts_ms}), to a callback. Offsets are kept in a Kafka topic, so
 * a restarted engine resumes where it stopped.
 */
public final class PostgresCdcEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCdcEngine.class);

    private final DebeziumEngine<ChangeEvent<String, String>> engine;
    private final ExecutorService thread;

    /**
     * An engine that hands changes one at a time; a change counts as processed when the callback
     * returns.
     *
     * @param settings what to capture and where offsets go
     * @param onChange called on the engine thread for every change, in commit order
     */
    public PostgresCdcEngine(CdcSettings settings, Consumer<ChangeEvent<String, String>> onChange) {
        this(
                settings,
                (records, committer) -> {
                    for (ChangeEvent<String, String> r : records) {
                        onChange.accept(r);
                        committer.markProcessed(r);
                    }
                    committer.markBatchFinished();
                },
                Listener.NONE);
    }

    /**
     * An engine that hands changes in batches. Only records the handler marked processed are
     * covered by the next offset flush, so a handler that marks a record after Kafka acknowledged
     * it gets at-least-once delivery (exactly once across a clean stop, see {@code
     * docs/connectors.md}).
     *
     * @param settings what to capture and where offsets go
     * @param handler called on the engine thread with each batch, in commit order; throwing stops
     *     the engine (reported to the listener)
     * @param listener told when the engine streams and when it stopped
     */
    public PostgresCdcEngine(
            CdcSettings settings,
            DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> handler,
            Listener listener) {
        this.engine =
                DebeziumEngine.create(Json.class)
                        .using(properties(settings))
                        .notifying(handler)
                        .using(
                                new DebeziumEngine.ConnectorCallback() {
                                    @Override
                                    public void taskStarted() {
                                        listener.started();
                                    }
                                })
                        .using(
                                (success, message, error) -> {
                                    if (!success) {
                                        LOG.error(
                                                "CDC engine {} stopped: {}",
                                                settings.name(),
                                                message,
                                                error);
                                    }
                                    listener.stopped(success, message, error);
                                })
                        .build();
        this.thread =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "cdc-" + settings.name());
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Lifecycle notifications of the engine, called on the engine thread. */
    public interface Listener {
        /** A listener that ignores everything. */
        Listener NONE = new Listener() {};

        /** The connector task runs: the slot is in use and changes flow. */
        default void started() {}

        /**
         * The engine stopped.
         *
         * @param success whether it stopped because it was asked to
         * @param message Debezium's description
         * @param error the failure, if any
         */
        default void stopped(boolean success, String message, @Nullable Throwable error) {}
    }

    /** Debezium properties for the settings (visible for the Kafka Connect config doc test). */
    static Properties properties(CdcSettings s) {
        Properties p = new Properties();
        p.setProperty("name", s.name());
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("database.hostname", s.host());
        p.setProperty("database.port", String.valueOf(s.port()));
        p.setProperty("database.user", s.user());
        p.setProperty("database.password", s.password());
        p.setProperty("database.dbname", s.database());
        p.setProperty("topic.prefix", "ralf");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("publication.name", s.publication());
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("slot.name", s.slot());
        p.setProperty("table.include.list", String.join(",", s.tables()));
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("poll.interval.ms", String.valueOf(s.pollIntervalMs()));
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("time.precision.mode", "connect");
        p.setProperty("key.converter.schemas.enable", "false");
        p.setProperty("value.converter.schemas.enable", "false");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        p.setProperty("offset.storage.topic", s.offsetTopic());
        p.setProperty("offset.storage.partitions", "1");
        p.setProperty("offset.storage.replication.factor", "1");
        p.setProperty("bootstrap.servers", s.kafkaBootstrap());
        p.setProperty("offset.flush.interval.ms", "200");
        p.setProperty("offset.flush.timeout.ms", "5000");
        return p;
    }

    /** Starts the engine on its own thread. */
    public void start() {
        thread.execute(engine);
    }

    /** Stops the engine (flushing offsets) and waits up to 30 s for its thread. */
    @Override
    public void close() throws IOException {
        engine.close();
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("CDC engine thread did not stop within 30 s");
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
