package org.ralf.simulator.emit;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ralf.schemas.serde.Json;
import org.ralf.simulator.engine.EventSink;
import org.ralf.simulator.engine.SimEvent;
import org.ralf.simulator.truth.GroundTruthFault;

/**
 * Writes inventory changes (tables {@code ralf.nodes}, {@code guests}, {@code services}, {@code
 * deployments}: the CDC source) and ground truth ({@code ralf.ground_truth_faults}) as idempotent
 * upserts, so a re-run of the same scenario and seed overwrites rather than duplicates. Runs on the
 * engine's thread with auto-commit: each change is visible (and captured by CDC) at once.
 */
public final class JdbcWriter implements EventSink, AutoCloseable {
    private static final Map<String, String> KEYS =
            Map.of(
                    "nodes", "node",
                    "guests", "vmid",
                    "services", "service_id",
                    "deployments", "deployment_id");

    private final Connection connection;

    /** Connects to the database. */
    public JdbcWriter(String url, String user, String password) throws SQLException {
        this.connection = DriverManager.getConnection(url, user, password);
        this.connection.setAutoCommit(true);
    }

    @Override
    public void accept(SimEvent event) {
        try {
            if (event instanceof SimEvent.Inventory i && KEYS.containsKey(i.table())) {
                upsert(i.table(), KEYS.get(i.table()), i.row());
            } else if (event instanceof SimEvent.Fault f) {
                fault(f.fault());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "writing " + event.getClass().getSimpleName() + " failed: " + e.getMessage(),
                    e);
        }
    }

    private void upsert(String table, String key, Map<String, Object> row) throws SQLException {
        List<String> cols = new ArrayList<>(row.keySet());
        StringBuilder sql = new StringBuilder("INSERT INTO ralf.").append(table).append(" (");
        sql.append(String.join(", ", cols)).append(") VALUES (");
        sql.append(String.join(", ", java.util.Collections.nCopies(cols.size(), "?")));
        sql.append(") ON CONFLICT (").append(key).append(") DO UPDATE SET ");
        List<String> sets = new ArrayList<>();
        for (String c : cols) {
            if (!c.equals(key)) {
                sets.add(c + " = EXCLUDED." + c);
            }
        }
        sql.append(String.join(", ", sets));
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < cols.size(); i++) {
                Object v = row.get(cols.get(i));
                ps.setObject(
                        i + 1,
                        v instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : v);
            }
            ps.executeUpdate();
        }
    }

    private void fault(GroundTruthFault f) throws SQLException {
        String params;
        try {
            params = Json.mapper().writeValueAsString(new java.util.TreeMap<>(f.params()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers is always JSON", e);
        }
        try (PreparedStatement ps =
                connection.prepareStatement(
                        "INSERT INTO ralf.ground_truth_faults (fault_id, scenario, kind, entity,"
                                + " starts_at, ends_at, params, affected, scheduled_end, ended_by)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT (fault_id)"
                                + " DO UPDATE SET scenario = EXCLUDED.scenario, kind = EXCLUDED.kind,"
                                + " entity = EXCLUDED.entity, starts_at = EXCLUDED.starts_at,"
                                + " ends_at = EXCLUDED.ends_at, params = EXCLUDED.params,"
                                + " affected = EXCLUDED.affected,"
                                + " scheduled_end = EXCLUDED.scheduled_end,"
                                + " ended_by = EXCLUDED.ended_by")) {
            ps.setString(1, f.faultId());
            ps.setString(2, f.scenario());
            ps.setString(3, f.kind());
            ps.setString(4, f.entity());
            ps.setObject(5, OffsetDateTime.ofInstant(f.start(), ZoneOffset.UTC));
            ps.setObject(
                    6, f.end() == null ? null : OffsetDateTime.ofInstant(f.end(), ZoneOffset.UTC));
            ps.setString(7, params);
            ps.setArray(8, connection.createArrayOf("text", f.affected().toArray()));
            ps.setObject(9, OffsetDateTime.ofInstant(f.scheduledEnd(), ZoneOffset.UTC));
            ps.setString(10, f.endedBy());
            ps.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
