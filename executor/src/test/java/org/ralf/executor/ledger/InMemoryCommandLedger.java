package org.ralf.executor.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.CommandResult;
import org.ralf.schemas.command.CommandState;

/**
 * A {@link CommandLedger} in memory with the semantics of {@link JdbcCommandLedger}: an insert of a
 * known key is refused (ON CONFLICT DO NOTHING), every move is a compare-and-set on the current
 * state (UPDATE ... WHERE state = ?), entering RUNNING stamps startedAt and the executor id and
 * clears the external reference, finishing keeps an executor id already set (COALESCE). Lives in
 * the executor's tests (and test-jar) because {@code testing} cannot depend on {@code executor}
 * without a Maven cycle. Thread-safe, like rows under PostgreSQL's row locks.
 */
public final class InMemoryCommandLedger implements CommandLedger {

    /** Insertion order breaks ties of receivedAt, so that {@link #inState} is deterministic. */
    private final Map<String, Row> rows = new LinkedHashMap<>();

    private static final class Row {
        private LedgerEntry entry;
        @Nullable private CommandResult result;

        private Row(LedgerEntry entry) {
            this.entry = entry;
        }
    }

    @Override
    public synchronized boolean insertReceived(ActionCommand c, boolean dryRun, Instant now) {
        if (rows.containsKey(c.idempotencyKey())) {
            return false;
        }
        rows.put(
                c.idempotencyKey(),
                new Row(
                        new LedgerEntry(
                                c,
                                CommandState.RECEIVED,
                                null,
                                dryRun,
                                now,
                                null,
                                null,
                                null,
                                null)));
        return true;
    }

    @Override
    public synchronized Optional<LedgerEntry> find(String idempotencyKey) {
        Row r = rows.get(idempotencyKey);
        return r == null ? Optional.empty() : Optional.of(r.entry);
    }

    @Override
    public synchronized List<LedgerEntry> inState(CommandState state) {
        List<LedgerEntry> out = new ArrayList<>();
        for (Row r : rows.values()) {
            if (r.entry.state() == state) {
                out.add(r.entry);
            }
        }
        out.sort(Comparator.comparing(LedgerEntry::receivedAt));
        return out;
    }

    @Override
    public synchronized boolean transition(
            String key,
            CommandState from,
            CommandState to,
            @Nullable String reason,
            String executorId,
            Instant now) {
        CommandTransitions.require(from, to);
        if (to.isFinal()) {
            throw new IllegalArgumentException("use finish() for final states");
        }
        Row r = rows.get(key);
        if (r == null || r.entry.state() != from) {
            return false;
        }
        LedgerEntry e = r.entry;
        boolean running = to == CommandState.RUNNING;
        r.entry =
                new LedgerEntry(
                        e.command(),
                        to,
                        reason,
                        e.dryRun(),
                        e.receivedAt(),
                        running ? now : e.startedAt(),
                        e.finishedAt(),
                        running ? executorId : e.executorId(),
                        running ? null : e.externalRef());
        return true;
    }

    @Override
    public synchronized boolean finish(String key, CommandState from, CommandResult result) {
        CommandTransitions.require(from, result.state());
        Row r = rows.get(key);
        if (r == null || r.entry.state() != from) {
            return false;
        }
        LedgerEntry e = r.entry;
        r.entry =
                new LedgerEntry(
                        e.command(),
                        result.state(),
                        result.reason(),
                        e.dryRun(),
                        e.receivedAt(),
                        e.startedAt(),
                        result.finishedAt(),
                        e.executorId() != null ? e.executorId() : result.executorId(),
                        e.externalRef());
        r.result = result;
        return true;
    }

    @Override
    public synchronized void setExternalRef(String key, String ref) {
        Row r = rows.get(key);
        if (r == null || r.entry.state() != CommandState.RUNNING) {
            return;
        }
        LedgerEntry e = r.entry;
        r.entry =
                new LedgerEntry(
                        e.command(),
                        e.state(),
                        e.reason(),
                        e.dryRun(),
                        e.receivedAt(),
                        e.startedAt(),
                        e.finishedAt(),
                        e.executorId(),
                        ref);
    }

    @Override
    public synchronized Optional<CommandResult> result(String key) {
        Row r = rows.get(key);
        return r == null ? Optional.empty() : Optional.ofNullable(r.result);
    }
}
