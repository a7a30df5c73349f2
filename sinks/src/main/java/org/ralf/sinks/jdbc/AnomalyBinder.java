package org.ralf.sinks.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.serde.Json;
import org.ralf.sinks.batch.BatchWriter;

/**
 * Anomalies into {@code ralf.anomalies}: {@code INSERT ... ON CONFLICT (anomaly_id) DO UPDATE}.
 * Anomaly ids are deterministic, so a replayed anomaly overwrites its own row.
 */
public final class AnomalyBinder implements StatementBinder<Anomaly> {

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

    @Override
    public String sql() {
        return UPSERT;
    }

    @Override
    public BatchWriter.KeyOf<Anomaly> key() {
        // a batch holding two versions of one anomaly keeps the later one
        return Anomaly::anomalyId;
    }

    @Override
    public void bind(PreparedStatement st, Anomaly a) throws SQLException {
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

    private static void setDouble(PreparedStatement st, int i, @Nullable Double v)
            throws SQLException {
        if (v == null) {
            st.setNull(i, Types.DOUBLE);
        } else {
            st.setDouble(i, v);
        }
    }

    private static String json(Map<String, ?> map) throws SQLException {
        try {
            return Json.mapper().writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot encode " + map, e);
        }
    }
}
