package org.ralf.executor.approval;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.ralf.executor.ledger.Database;
import org.ralf.executor.ledger.LedgerException;
import org.ralf.schemas.command.Approval;

/**
 * The {@link ApprovalStore} in PostgreSQL ({@code ralf.command_approvals}), keyed by the command's
 * idempotency key; {@code ON CONFLICT DO NOTHING} makes the first stored decision win. Approvals
 * that arrive before their command simply wait in the table.
 */
public final class JdbcApprovalStore implements ApprovalStore {

    private final Database db;
    private final Set<String> approvers;

    /** Creates a store accepting decisions from the given approvers only. */
    public JdbcApprovalStore(Database db, Set<String> approvers) {
        this.db = db;
        this.approvers = Set.copyOf(approvers);
    }

    @Override
    public boolean isAllowedApprover(String approver) {
        return approvers.contains(approver);
    }

    @Override
    public boolean record(Approval a, Instant now) throws LedgerException {
        if (!isAllowedApprover(a.approver())) {
            return false;
        }
        String sql =
                "INSERT INTO ralf.command_approvals (idempotency_key, approver, approved, decided_at,"
                        + " comment, received_at) VALUES (?,?,?,?,?,?) ON CONFLICT (idempotency_key) DO"
                        + " NOTHING";
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, a.idempotencyKey());
            ps.setString(2, a.approver());
            ps.setBoolean(3, a.approved());
            ps.setObject(4, OffsetDateTime.ofInstant(a.decidedAt(), ZoneOffset.UTC));
            ps.setString(5, a.comment());
            ps.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new LedgerException("approval insert failed for " + a.idempotencyKey(), e);
        }
    }

    @Override
    public Optional<Approval> find(String idempotencyKey) throws LedgerException {
        String sql =
                "SELECT approver, approved, decided_at, comment FROM ralf.command_approvals WHERE"
                        + " idempotency_key = ?";
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, idempotencyKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new Approval(
                                Approval.SCHEMA_VERSION,
                                idempotencyKey,
                                rs.getString(1),
                                rs.getBoolean(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant(),
                                rs.getString(4)));
            }
        } catch (SQLException e) {
            throw new LedgerException("approval read failed for " + idempotencyKey, e);
        }
    }
}
