package org.ralf.jobs.detect;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.serde.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts anomalies into {@code ralf.anomalies}: {@code INSERT ... ON CONFLICT (anomaly_id) DO
 * UPDATE}, in JDBC batches.
 *
 * <p>Why a small writer of our own rather than flink-connector-jdbc: no release of that connector
 * targets Flink 2.2, and its exactly-once mode (XA) is unnecessary here. Delivery is at-least-once
 * — the batch is flushed when it is full and whenever Flink calls {@link SinkWriter#flush} (at
 * every checkpoint barrier and at the end of input), so a checkpoint never completes with anomalies
 * only in memory — and replays are harmless because anomaly ids are deterministic and the upsert is
 * idempotent. A database error fails the task; the job restarts from the last checkpoint and
 * rewrites the batch.
 */
public final class AnomalyTableSink implements Sink<Anomaly> {

    private static final long serialVersionUID = 1L;

    static final String UPSERT =
            "INSERT INTO ralf.anomalies (anomaly_id, entity, series_id, template_id, kind,"
                    + " detector, score, value, expected_low, expected_high, contributions,"
                    + " window_start, window_end, detected_at, explanation, labels)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb)"
                    + " ON CONFLICT (anomaly_id) DO UPDATE SET entity = EXCLUDED.entity,"
                    + " series_id = EXCLUDED.series_id, template_id = EXCLUDED.template_id,"
                    + " kind = EXCLUDED.kind, detector = EXCLUDED.detector,"
                    + " score = EXCLUDED.score, value = EXCLUDED.value,"
                    + " expected_low = EXCLUDED.expected_low,"
                    + " expected_high = EXCLUDED.expected_high,"
                    + " contributions = EXCLUDED.contributions,"
                    + " window_start = EXCLUDED.window_start, window_end = EXCLUDED.window_end,"
                    + " detected_at = EXCLUDED.detected_at, explanation = EXCLUDED.explanation,"
                    + " labels = EXCLUDED.labels";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final int batchSize;

    /**
     * @param jdbcUrl database with the {@code ralf} schema
     * @param user role allowed to write {@code ralf.anomalies}
     * @param password its password
     * @param batchSize rows per JDBC batch
     */
    public AnomalyTableSink(String jdbcUrl, String user, String password, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1");
        }
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.batchSize = batchSize;
    }

    @Override
    public SinkWriter<Anomaly> createWriter(WriterInitContext context) throws IOException {
        return new Writer();
    }

    private final class Writer implements SinkWriter<Anomaly> {
        private final Logger log = LoggerFactory.getLogger(AnomalyTableSink.class);
        // keyed by id: a batch holding two versions of one anomaly keeps the later one
        private final Map<String, Anomaly> pending = new LinkedHashMap<>();
        private Connection connection;

        @Override
        public void write(Anomaly anomaly, Context context) throws IOException {
            pending.put(anomaly.anomalyId(), anomaly);
            if (pending.size() >= batchSize) {
                flush(false);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            List<Anomaly> batch = new ArrayList<>(pending.values());
            try {
                if (connection == null || connection.isClosed()) {
                    connection = DriverManager.getConnection(jdbcUrl, user, password);
                    connection.setAutoCommit(false);
                }
                try (PreparedStatement st = connection.prepareStatement(UPSERT)) {
                    for (Anomaly a : batch) {
                        bind(st, a);
                        st.addBatch();
                    }
                    st.executeBatch();
                }
                connection.commit();
                pending.clear();
                log.debug("upserted {} anomalies", batch.size());
            } catch (SQLException e) {
                closeQuietly();
                throw new IOException("upserting " + batch.size() + " anomalies failed", e);
            }
        }

        @Override
        public void close() {
            closeQuietly();
        }

        private void closeQuietly() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    log.warn("closing the anomalies connection failed: {}", e.toString());
                }
                connection = null;
            }
        }
    }

    static void bind(PreparedStatement st, Anomaly a) throws SQLException {
        st.setString(1, a.anomalyId());
        st.setString(2, a.entity());
        st.setString(3, a.seriesId());
        st.setString(4, a.templateId());
        st.setString(5, a.kind().name());
        st.setString(6, a.detector());
        st.setDouble(7, a.score());
        setDouble(st, 8, a.value());
        setDouble(st, 9, a.expectedLow());
        setDouble(st, 10, a.expectedHigh());
        st.setString(11, json(a.contributions()));
        st.setTimestamp(12, Timestamp.from(a.windowStart()));
        st.setTimestamp(13, Timestamp.from(a.windowEnd()));
        st.setTimestamp(14, Timestamp.from(a.detectedAt()));
        st.setString(15, a.explanation());
        st.setString(16, json(a.labels()));
    }

    private static void setDouble(PreparedStatement st, int i, Double v) throws SQLException {
        if (v == null) {
            st.setNull(i, Types.DOUBLE);
        } else {
            st.setDouble(i, v);
        }
    }

    private static String json(Map<String, ?> map) throws SQLException {
        try {
            return Json.mapper().writeValueAsString(map);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("cannot encode " + map, e);
        }
    }
}
