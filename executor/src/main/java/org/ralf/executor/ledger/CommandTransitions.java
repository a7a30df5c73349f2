package org.ralf.executor.ledger;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.ralf.schemas.command.CommandState;

/**
 * The ledger's state machine: RECEIVED → (AWAITING_APPROVAL) → RUNNING → SUCCEEDED | FAILED |
 * TIMED_OUT | UNKNOWN, and REJECTED from RECEIVED or AWAITING_APPROVAL. Final states have no
 * successors. RUNNING → RUNNING exists only for crash recovery of a command that declares itself
 * idempotent (it restarts the run).
 */
public final class CommandTransitions {

    private static final Map<CommandState, Set<CommandState>> NEXT =
            Map.of(
                    CommandState.RECEIVED,
                    EnumSet.of(
                            CommandState.AWAITING_APPROVAL,
                            CommandState.RUNNING,
                            CommandState.REJECTED),
                    CommandState.AWAITING_APPROVAL,
                    EnumSet.of(CommandState.RUNNING, CommandState.REJECTED),
                    CommandState.RUNNING,
                    EnumSet.of(
                            CommandState.RUNNING,
                            CommandState.SUCCEEDED,
                            CommandState.FAILED,
                            CommandState.TIMED_OUT,
                            CommandState.UNKNOWN));

    private CommandTransitions() {}

    /** Whether {@code from → to} is a legal transition. */
    public static boolean allowed(CommandState from, CommandState to) {
        return NEXT.getOrDefault(from, Set.of()).contains(to);
    }

    /** Throws unless {@code from → to} is legal. */
    public static void require(CommandState from, CommandState to) {
        if (!allowed(from, to)) {
            throw new IllegalStateException("illegal ledger transition " + from + " -> " + to);
        }
    }
}
