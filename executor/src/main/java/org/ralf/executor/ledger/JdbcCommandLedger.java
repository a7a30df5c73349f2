package org.ralf.executor.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;
import org.ralf.executor.command.CommandCodec;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.CommandResult;
import org.ralf.schemas.command.CommandState;

/**
 * The {@link CommandLedger} in PostgreSQL ({@code ralf.command_ledger}), keyed by idempotency key.
 * Every transition is an {@code UPDATE ... WHERE state = ?} so that two parties (a redelivery, a
 * reconciliation) can never both move the same entry: the loser sees 0 rows and backs off.
 */
public final class JdbcCommandLedger implements CommandLedger {

    private static final String COLUMNS =
            "command, state, reason, dry_run, received_at, started_at, finished_at, executor_id,"
                    + " external_ref";

    private final Database db;

    /** Creates a ledger over the given database. */
    public JdbcCommandLedger(Database db) {
        this.db = db;
    }

    @Override
    public boolean insertReceived(ActionCommand c, boolean dryRun, Instant now)
            throws LedgerException {
        String sql =
                "INSERT INTO ralf.command_ledger (idempotency_key, command_id, kind, action, target,"
                        + " state, dry_run, requires_approval, idempotent, command, received_at,"
                        + " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?::jsonb,?,?) ON CONFLICT"
                        + " (idempotency_key) DO NOTHING";
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, c.idempotencyKey());
            ps.setString(2, c.commandId());
            ps.setString(3, c.kind().name());
            ps.setString(4, c.action());
            ps.setString(5, c.target());
            ps.setString(6, CommandState.RECEIVED.name());
            ps.setBoolean(7, dryRun);
            ps.setBoolean(8, c.requiresApproval());
            ps.setBoolean(9, c.idempotent());
            ps.setString(10, CommandCodec.json(c));
            ps.setObject(11, ts(now));
            ps.setObject(12, ts(now));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new LedgerException("ledger insert failed for " + c.idempotencyKey(), e);
        }
    }

    @Override
    public Optional<LedgerEntry> find(String idempotencyKey) throws LedgerException {
        List<LedgerEntry> l =
                query(
                        "SELECT " + COLUMNS + " FROM ralf.command_ledger WHERE idempotency_key = ?",
                        idempotencyKey);
        return l.stream().findFirst();
    }

    @Override
    public List<LedgerEntry> inState(CommandState state) throws LedgerException {
        return query(
                "SELECT "
                        + COLUMNS
                        + " FROM ralf.command_ledger WHERE state = ? ORDER BY received_at",
                state.name());
    }

    @Override
    public boolean transition(
            String key,
            CommandState from,
            CommandState to,
            @Nullable String reason,
            String executorId,
            Instant now)
            throws LedgerException {
        CommandTransitions.require(from, to);
        if (to.isFinal()) {
            throw new IllegalArgumentException("use finish() for final states");
        }
        String sql =
                to == CommandState.RUNNING
                        ? "UPDATE ralf.command_ledger SET state = ?, reason = ?, updated_at = ?,"
                                + " started_at = ?, executor_id = ?, external_ref = NULL"
                                + " WHERE idempotency_key = ? AND state = ?"
                        : "UPDATE ralf.command_ledger SET state = ?, reason = ?, updated_at = ?"
                                + " WHERE idempotency_key = ? AND state = ?";
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, to.name());
            ps.setString(i++, reason);
            ps.setObject(i++, ts(now));
            if (to == CommandState.RUNNING) {
                ps.setObject(i++, ts(now));
                ps.setString(i++, executorId);
            }
            ps.setString(i++, key);
            ps.setString(i, from.name());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new LedgerException("ledger transition failed for " + key, e);
        }
    }

    @Override
    public boolean finish(String key, CommandState from, CommandResult result)
            throws LedgerException {
        CommandTransitions.require(from, result.state());
        String sql =
                "UPDATE ralf.command_ledger SET state = ?, reason = ?, finished_at = ?, updated_at = ?,"
                        + " result = ?::jsonb, executor_id = COALESCE(executor_id, ?)"
                        + " WHERE idempotency_key = ? AND state = ?";
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, result.state().name());
            ps.setString(2, result.reason());
            ps.setObject(3, ts(result.finishedAt()));
            ps.setObject(4, ts(result.finishedAt()));
            ps.setString(5, CommandCodec.json(result));
            ps.setString(6, result.executorId());
            ps.setString(7, key);
            ps.setString(8, from.name());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new LedgerException("ledger finish failed for " + key, e);
        }
    }

    @Override
    public void setExternalRef(String key, String ref) throws LedgerException {
        String sql =
                "UPDATE ralf.command_ledger SET external_ref = ?, updated_at = now()"
                        + " WHERE idempotency_key = ? AND state = 'RUNNING'";
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, ref);
            ps.setString(2, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("ledger external_ref update failed for " + key, e);
        }
    }

    @Override
    public Optional<CommandResult> result(String key) throws LedgerException {
        String sql = "SELECT result::text FROM ralf.command_ledger WHERE idempotency_key = ?";
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(
                        CommandCodec.result(rs.getString(1).getBytes(StandardCharsets.UTF_8)));
            }
        } catch (SQLException | IOException e) {
            throw new LedgerException("ledger result read failed for " + key, e);
        }
    }

    private List<LedgerEntry> query(String sql, String arg) throws LedgerException {
        try {
            Connection c = db.connection();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, arg);
                try (ResultSet rs = ps.executeQuery()) {
                    List<LedgerEntry> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(entry(rs));
                    }
                    return out;
                }
            }
        } catch (SQLException | IOException e) {
            throw new LedgerException("ledger query failed", e);
        }
    }

    private static LedgerEntry entry(ResultSet rs) throws SQLException, IOException {
        return new LedgerEntry(
                CommandCodec.command(rs.getString(1).getBytes(StandardCharsets.UTF_8)),
                CommandState.valueOf(rs.getString(2)),
                rs.getString(3),
                rs.getBoolean(4),
                instant(rs.getObject(5, OffsetDateTime.class)),
                instant(rs.getObject(6, OffsetDateTime.class)),
                instant(rs.getObject(7, OffsetDateTime.class)),
                rs.getString(8),
                rs.getString(9));
    }

    @Nullable
    private static Instant instant(@Nullable OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
