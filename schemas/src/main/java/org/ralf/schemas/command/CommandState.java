package org.ralf.schemas.command;

/**
 * Ledger states of a command: RECEIVED → (AWAITING_APPROVAL) → RUNNING → SUCCEEDED | FAILED |
 * TIMED_OUT | REJECTED | UNKNOWN.
 */
public enum CommandState {
    RECEIVED,
    AWAITING_APPROVAL,
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    REJECTED,
    UNKNOWN;

    /** Whether no further transition can happen. */
    public boolean isFinal() {
        return switch (this) {
            case SUCCEEDED, FAILED, TIMED_OUT, REJECTED, UNKNOWN -> true;
            default -> false;
        };
    }
}
