package org.ralf.executor.approval;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ralf.schemas.command.Approval;

/**
 * An {@link ApprovalStore} in memory with the semantics of {@link JdbcApprovalStore}: decisions of
 * approvers not on the allowlist are refused, the first decision stored for a key wins (ON CONFLICT
 * DO NOTHING), and a decision may wait for a command not seen yet. Lives in the executor's tests
 * (and test-jar) because {@code testing} cannot depend on {@code executor} without a Maven cycle.
 * Thread-safe.
 */
public final class InMemoryApprovalStore implements ApprovalStore {

    private final Set<String> approvers;
    private final Map<String, Approval> decisions = new HashMap<>();

    /** Creates a store accepting decisions from the given approvers only. */
    public InMemoryApprovalStore(Set<String> approvers) {
        this.approvers = Set.copyOf(approvers);
    }

    @Override
    public boolean isAllowedApprover(String approver) {
        return approvers.contains(approver);
    }

    @Override
    public synchronized boolean record(Approval a, Instant now) {
        if (!isAllowedApprover(a.approver())) {
            return false;
        }
        // The table stores only these columns; schemaVersion is the reader's.
        return decisions.putIfAbsent(
                        a.idempotencyKey(),
                        new Approval(
                                Approval.SCHEMA_VERSION,
                                a.idempotencyKey(),
                                a.approver(),
                                a.approved(),
                                a.decidedAt(),
                                a.comment()))
                == null;
    }

    @Override
    public synchronized Optional<Approval> find(String idempotencyKey) {
        return Optional.ofNullable(decisions.get(idempotencyKey));
    }
}
