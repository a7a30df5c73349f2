package org.ralf.sinks.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.ralf.schemas.incident.Incident;
import org.ralf.sinks.memory.JdbcSettings;
import org.ralf.sinks.memory.Pools;

/**
 * Idempotent upserts of incidents and decisions: replays after a restore write the same rows again
 * (ids are deterministic), so at-least-once delivery gives exactly one row per id. An incident row
 * only moves forward in time ({@code updated_at} never goes back).
 */
public final class RemediationStore implements AutoCloseable {

    private static final String INCIDENT =
            "INSERT INTO ralf.incidents (incident_id, root_entity, affected_entities, state,"
                    + " anomaly_ids, opened_at, updated_at, resolved_at, summary)"
                    + " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (incident_id) DO UPDATE SET"
                    + " root_entity = EXCLUDED.root_entity,"
                    + " affected_entities = EXCLUDED.affected_entities, state = EXCLUDED.state,"
                    + " anomaly_ids = EXCLUDED.anomaly_ids, updated_at = EXCLUDED.updated_at,"
                    + " resolved_at = EXCLUDED.resolved_at, summary = EXCLUDED.summary"
                    + " WHERE ralf.incidents.updated_at <= EXCLUDED.updated_at";

    private static final String DECISION =
            "INSERT INTO ralf.decisions (decision_id, incident_id, explanation, chosen_action,"
                    + " command_id, idempotency_key, policy_id, created_at)"
                    + " VALUES (?,?,?::jsonb,?,?,?,?,?) ON CONFLICT (decision_id) DO NOTHING";

    private final HikariDataSource pool;

    /**
     * @param settings database
     */
    public RemediationStore(JdbcSettings settings) {
        this.pool = Pools.open(settings, "ralf-remediation-store");
    }

    /** Upserts incidents in one transaction. */
    public void writeIncidents(List<Incident> incidents) throws SQLException {
        if (incidents.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INCIDENT)) {
                for (Incident i : incidents) {
                    Array affected = c.createArrayOf("text", i.affectedEntities().toArray());
                    Array anomalies = c.createArrayOf("text", i.anomalyIds().toArray());
                    ps.setString(1, i.incidentId());
                    ps.setString(2, i.rootEntity());
                    ps.setArray(3, affected);
                    ps.setString(4, i.state().name());
                    ps.setArray(5, anomalies);
                    ps.setTimestamp(6, Timestamp.from(i.openedAt()));
                    ps.setTimestamp(7, Timestamp.from(i.updatedAt()));
                    ps.setTimestamp(
                            8, i.resolvedAt() == null ? null : Timestamp.from(i.resolvedAt()));
                    ps.setString(9, i.summary());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Inserts decisions (a decision never changes; its outcome is set by the memory writer). */
    public void writeDecisions(List<DecisionRow> decisions) throws SQLException {
        if (decisions.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(DECISION)) {
                for (DecisionRow d : decisions) {
                    ps.setString(1, d.decisionId());
                    ps.setString(2, d.incidentId());
                    ps.setString(3, d.explanationJson());
                    ps.setString(4, d.chosenAction());
                    ps.setString(5, d.commandId());
                    ps.setString(6, d.idempotencyKey());
                    ps.setString(7, d.policyId());
                    ps.setTimestamp(8, Timestamp.from(d.createdAt()));
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
