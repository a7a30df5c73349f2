package org.ralf.jobs.logpatterns;

import java.io.IOException;
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

/**
 * Upserts template records into {@code ralf.log_templates} (pgvector) through {@link
 * TemplateStore}, in batches: records are collected per template id (the newest wins) and written
 * when {@code batchSize} distinct ids are pending and at every checkpoint ({@code flush}). At least
 * once, which the idempotent upsert turns into effectively once.
 */
public final class TemplateStoreSink implements Sink<LogTemplate> {

    private static final long serialVersionUID = 1L;

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final int batchSize;

    /**
     * @param jdbcUrl database with schema {@code ralf}
     * @param user role that may write {@code ralf.log_templates}
     * @param password its password
     * @param batchSize distinct templates per upsert batch
     */
    public TemplateStoreSink(String jdbcUrl, String user, String password, int batchSize) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.batchSize = batchSize;
    }

    /** A data source of the given connection (also used by the variant lookup). */
    static PGSimpleDataSource dataSource(String jdbcUrl, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    @Override
    public SinkWriter<LogTemplate> createWriter(WriterInitContext context) {
        return new Writer(new TemplateStore(dataSource(jdbcUrl, user, password)), batchSize);
    }

    private static final class Writer implements SinkWriter<LogTemplate> {
        private final TemplateStore store;
        private final int batchSize;
        private final Map<String, LogTemplate> pending = new LinkedHashMap<>();

        Writer(TemplateStore store, int batchSize) {
            this.store = store;
            this.batchSize = batchSize;
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
            try {
                for (var e : bySeverity.entrySet()) {
                    store.upsertAll(e.getValue(), severity(e.getKey()));
                }
            } catch (TemplateStoreException e) {
                throw new IOException("template upsert failed", e);
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
        }
    }
}
