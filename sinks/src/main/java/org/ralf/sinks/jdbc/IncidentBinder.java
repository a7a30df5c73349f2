package org.ralf.sinks.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.ralf.schemas.incident.Incident;

/**
 * Incidents into {@code ralf.incidents}, upserted by id; a row only moves forward in time ({@code
 * updated_at} never goes back), so a replay of an older state changes nothing.
 */
public final class IncidentBinder implements StatementBinder<Incident> {

    private static final long serialVersionUID = 1L;

    static final String UPSERT =
            "INSERT INTO ralf.incidents (incident_id, root_entity, affected_entities, state,"
                    + " anomaly_ids, opened_at, updated_at, resolved_at, summary)"
                    + " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (incident_id) DO UPDATE SET"
                    + " root_entity = EXCLUDED.root_entity,"
                    + " affected_entities = EXCLUDED.affected_entities, state = EXCLUDED.state,"
                    + " anomaly_ids = EXCLUDED.anomaly_ids, updated_at = EXCLUDED.updated_at,"
                    + " resolved_at = EXCLUDED.resolved_at, summary = EXCLUDED.summary"
                    + " WHERE ralf.incidents.updated_at <= EXCLUDED.updated_at";

    @Override
    public String sql() {
        return UPSERT;
    }

    @Override
    public void bind(PreparedStatement ps, Incident i) throws SQLException {
        Connection c = ps.getConnection();
        ps.setString(1, i.incidentId());
        ps.setString(2, i.rootEntity());
        ps.setArray(3, c.createArrayOf("text", i.affectedEntities().toArray()));
        ps.setString(4, i.state().name());
        ps.setArray(5, c.createArrayOf("text", i.anomalyIds().toArray()));
        ps.setTimestamp(6, Timestamp.from(i.openedAt()));
        ps.setTimestamp(7, Timestamp.from(i.updatedAt()));
        ps.setTimestamp(8, i.resolvedAt() == null ? null : Timestamp.from(i.resolvedAt()));
        ps.setString(9, i.summary());
    }
}
