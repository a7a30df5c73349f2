package org.ralf.sinks.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Decisions into {@code ralf.decisions}: inserted once, {@code ON CONFLICT (decision_id) DO
 * NOTHING} (a decision never changes; its outcome is set by the incident memory's writer).
 */
public final class DecisionBinder implements StatementBinder<DecisionRow> {

    private static final long serialVersionUID = 1L;

    static final String INSERT =
            "INSERT INTO ralf.decisions (decision_id, incident_id, explanation, chosen_action,"
                    + " command_id, idempotency_key, policy_id, created_at)"
                    + " VALUES (?,?,?::jsonb,?,?,?,?,?) ON CONFLICT (decision_id) DO NOTHING";

    @Override
    public String sql() {
        return INSERT;
    }

    @Override
    public void bind(PreparedStatement ps, DecisionRow d) throws SQLException {
        ps.setString(1, d.decisionId());
        ps.setString(2, d.incidentId());
        ps.setString(3, d.explanationJson());
        ps.setString(4, d.chosenAction());
        ps.setString(5, d.commandId());
        ps.setString(6, d.idempotencyKey());
        ps.setString(7, d.policyId());
        ps.setTimestamp(8, Timestamp.from(d.createdAt()));
    }
}
