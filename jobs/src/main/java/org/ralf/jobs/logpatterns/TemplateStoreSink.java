package org.ralf.jobs.logpatterns;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.postgresql.ds.PGSimpleDataSource;
import org.ralf.models.logs.TemplateStore;
import org.ralf.models.logs.TemplateStoreException;
import org.ralf.schemas.log.LogTemplate;
import org.ralf.sinks.memory.JdbcSettings;
import org.ralf.sinks.memory.Pools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts template records into {@code ralf.log_templates} (pgvector) through {@link
 * TemplateStore}, in batches: records are collected per template id (the newest wins) and written
 * when {@code batchSize} distinct ids are pending and at every checkpoint ({@code flush}). At least
 * once, which the idempotent upsert turns into effectively once.
 *
 * <p>Each writer has its own small connection pool ({@link Pools}: it starts even when the database
 * is down), opened when the writer is created and closed with it. <b>Failure:</b> a failed batch is
 * retried {@link #RETRY_BACKOFF} (a PostgreSQL restart should not restart the job); when the
 * retries are used up the writer throws, which fails the checkpoint or the task, and the job
 * restarts from its last completed checkpoint. Nothing is dropped: the records not yet written were
 * produced after that checkpoint and are produced again on replay (the miner state is restored with
 * it). While the database stays down the job keeps restarting (its restart strategy), so {@code
 * ralf.logs.templated} and the anomalies stall with it rather than the store silently missing
 * templates.
 */
public final class TemplateStoreSink implements Sink<LogTemplate> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TemplateStoreSink.class);

    /** Waits before the retries of a failed batch: three retries over about 7 s. */
    static final List<Duration> RETRY_BACKOFF =
            List.of(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(4));

    /** How long a batch waits for a pooled connection before the attempt fails. */
    static final long CONNECT_TIMEOUT_MS = 5_000;

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final int batchSize;
    private final List<Duration> backoff;
    private final long connectTimeoutMs;

    /**
     * @param jdbcUrl database with schema {@code ralf}
     * @param user role that may write {@code ralf.log_templates}
     * @param password its password
     * @param batchSize distinct templates per upsert batch
     */
    public TemplateStoreSink(String jdbcUrl, String user, String password, int batchSize) {
        this(jdbcUrl, user, password, batchSize, RETRY_BACKOFF, CONNECT_TIMEOUT_MS);
    }

    /** With another retry schedule and connection wait (tests). */
    TemplateStoreSink(
            String jdbcUrl,
            String user,
            String password,
            int batchSize,
            List<Duration> backoff,
            long connectTimeoutMs) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.batchSize = batchSize;
        this.backoff = List.copyOf(backoff);
        this.connectTimeoutMs = connectTimeoutMs;
    }

    /** A plain data source of the given connection (tests, one-off use). */
    static PGSimpleDataSource dataSource(String jdbcUrl, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    @Override
    public SinkWriter<LogTemplate> createWriter(WriterInitContext context) {
        // one connection: a writer is one thread and writes one batch at a time
        HikariDataSource pool =
                Pools.open(
                        new JdbcSettings(jdbcUrl, user, password, 1, connectTimeoutMs),
                        "ralf-logpatterns-store");
        return new Writer(pool, batchSize, backoff);
    }

    private static final class Writer implements SinkWriter<LogTemplate> {
        private final HikariDataSource pool;
        private final TemplateStore store;
        private final int batchSize;
        private final List<Duration> backoff;
        private final Map<String, LogTemplate> pending = new LinkedHashMap<>();

        Writer(HikariDataSource pool, int batchSize, List<Duration> backoff) {
            this.pool = pool;
            this.store = new TemplateStore(pool);
            this.batchSize = batchSize;
            this.backoff = backoff;
        }

        @Override
        public void write(LogTemplate t, Context context) throws IOException {
            pending.put(t.templateId(), t);
            if (pending.size() >= batchSize) {
                flush(false);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            // upsertAll takes one severity per batch: one batch per severity
            Map<String, List<org.ralf.models.logs.LogTemplate>> bySeverity = new LinkedHashMap<>();
            for (LogTemplate t : pending.values()) {
                bySeverity
                        .computeIfAbsent(
                                t.severity() == null ? "" : t.severity().name(),
                                s -> new ArrayList<>())
                        .add(
                                new org.ralf.models.logs.LogTemplate(
                                        t.templateId(),
                                        t.source(),
                                        t.template(),
                                        t.tokenCount(),
                                        t.count(),
                                        t.firstSeen(),
                                        t.lastSeen(),
                                        t.example() == null ? "" : t.example()));
            }
            // each severity batch is its own transaction and idempotent: a retry may repeat one
            for (int attempt = 0; ; attempt++) {
                try {
                    for (var e : bySeverity.entrySet()) {
                        store.upsertAll(e.getValue(), severity(e.getKey()));
                    }
                    break;
                } catch (TemplateStoreException e) {
                    if (attempt >= backoff.size()) {
                        throw new IOException(
                                "template upsert failed after "
                                        + (attempt + 1)
                                        + " attempts; the job restarts from its last checkpoint",
                                e);
                    }
                    Duration wait = backoff.get(attempt);
                    LOG.warn(
                            "template upsert of {} templates failed ({}), retry in {} ms",
                            pending.size(),
                            e.getMessage(),
                            wait.toMillis());
                    try {
                        Thread.sleep(wait.toMillis());
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while retrying a template upsert", ie);
                    }
                }
            }
            pending.clear();
        }

        @Nullable
        private static String severity(String s) {
            return s.isEmpty() ? null : s;
        }

        @Override
        public void close() {
            pending.clear();
            pool.close();
        }
    }
}
