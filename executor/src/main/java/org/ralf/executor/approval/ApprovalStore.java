package org.ralf.executor.approval;

import java.time.Instant;
import java.util.Optional;
import org.ralf.executor.ledger.LedgerException;
import org.ralf.schemas.command.Approval;

/**
 * Approval decisions, keyed by the command's idempotency key. Only decisions from allowlisted
 * approvers are stored; the first decision stored for a key wins, so a later message cannot flip a
 * denial into an approval. A decision may arrive before its command and waits until it is asked
 * for. {@link JdbcApprovalStore} is the production implementation.
 */
public interface ApprovalStore {

    /** Whether the approver is on the allowlist. */
    boolean isAllowedApprover(String approver);

    /**
     * Stores an approval from an allowlisted approver.
     *
     * @return false when the approver is not allowlisted or a decision for the key already exists
     */
    boolean record(Approval a, Instant now) throws LedgerException;

    /** The stored decision for a command, if any. */
    Optional<Approval> find(String idempotencyKey) throws LedgerException;
}
