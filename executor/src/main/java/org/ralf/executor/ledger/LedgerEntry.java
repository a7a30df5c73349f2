package org.ralf.executor.ledger;

import java.time.Instant;
import javax.annotation.Nullable;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.CommandState;

/**
 * One row of {@code ralf.command_ledger}.
 *
 * @param command the command as received (signature included)
 * @param state current state
 * @param reason why the entry is in this state, if recorded
 * @param dryRun whether the command runs (ran) in dry-run mode, forced or requested
 * @param receivedAt when the executor first received it
 * @param startedAt when it started running
 * @param finishedAt when it reached a final state
 * @param executorId executor that ran it
 * @param externalRef Proxmox task UPID, if any
 */
public record LedgerEntry(
        ActionCommand command,
        CommandState state,
        @Nullable String reason,
        boolean dryRun,
        Instant receivedAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String executorId,
        @Nullable String externalRef) {}
