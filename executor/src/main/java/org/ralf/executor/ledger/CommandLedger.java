package org.ralf.executor.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.CommandResult;
import org.ralf.schemas.command.CommandState;

/**
 * The command ledger, keyed by idempotency key: what the executor received, decided and ran, and
 * the result it recorded. Every move is conditional on the entry's current state (a
 * compare-and-set), so two parties (a redelivery, a reconciliation) can never both move the same
 * entry: the loser gets {@code false} and backs off. Moves follow {@link CommandTransitions}.
 * {@link JdbcCommandLedger} is the production implementation.
 */
public interface CommandLedger {

    /**
     * Records a newly received command in state RECEIVED.
     *
     * @return false when an entry with this idempotency key already exists (a redelivery or replay)
     */
    boolean insertReceived(ActionCommand c, boolean dryRun, Instant now) throws LedgerException;

    /** The entry of an idempotency key, if any. */
    Optional<LedgerEntry> find(String idempotencyKey) throws LedgerException;

    /** Entries in a state, oldest first. */
    List<LedgerEntry> inState(CommandState state) throws LedgerException;

    /**
     * Moves an entry {@code from → to} (a non-final target state). Entering RUNNING stamps {@code
     * startedAt} and the executor id, and clears the external reference.
     *
     * @return false when the entry was not in {@code from} (someone else moved it)
     * @throws IllegalStateException when {@code from → to} is not a legal transition
     * @throws IllegalArgumentException when {@code to} is final (use {@link #finish})
     */
    boolean transition(
            String key,
            CommandState from,
            CommandState to,
            @Nullable String reason,
            String executorId,
            Instant now)
            throws LedgerException;

    /**
     * Makes an entry final with its result ({@code result.state()} must be final and reachable from
     * {@code from}); the result's executor id is kept only if the entry had none.
     *
     * @return false when the entry was not in {@code from}
     */
    boolean finish(String key, CommandState from, CommandResult result) throws LedgerException;

    /** Records the external reference (Proxmox UPID) of a RUNNING entry; others are left alone. */
    void setExternalRef(String key, String ref) throws LedgerException;

    /** The stored result of a final entry, if any. */
    Optional<CommandResult> result(String key) throws LedgerException;
}
