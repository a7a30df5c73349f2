package org.ralf.schemas.command;

import java.time.Instant;
import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.schemas.Versioned;

/**
 * Outcome of an {@link ActionCommand}, value of topic {@code ralf.command-results} (key: target).
 *
 * @param schemaVersion version of this record's schema ({@link #SCHEMA_VERSION})
 * @param commandId id of the command
 * @param idempotencyKey idempotency key of the command
 * @param target target of the command
 * @param kind backend of the command
 * @param action action of the command
 * @param state final (or, for UNKNOWN after a crash, last known) state
 * @param reason why this state: rejection reason, failure summary, plan summary
 * @param dryRun whether it ran in check/plan mode
 * @param receivedAt when the executor received the command
 * @param startedAt when execution started, if it did
 * @param finishedAt when the command reached its final state
 * @param hostCounts Ansible per-host counts (empty for other kinds)
 * @param taskStatus Proxmox task exit status or OpenTofu plan summary, if any
 * @param stdoutExcerpt bounded, secret-redacted excerpt of standard output
 * @param stderrExcerpt bounded, secret-redacted excerpt of standard error
 * @param executorId which executor instance produced the result
 */
public record CommandResult(
        int schemaVersion,
        String commandId,
        String idempotencyKey,
        String target,
        ActionKind kind,
        String action,
        CommandState state,
        String reason,
        boolean dryRun,
        Instant receivedAt,
        @Nullable Instant startedAt,
        Instant finishedAt,
        Map<String, HostCounts> hostCounts,
        @Nullable String taskStatus,
        String stdoutExcerpt,
        String stderrExcerpt,
        String executorId)
        implements Versioned {

    /** Current schema version of this record. */
    public static final int SCHEMA_VERSION = 1;
}
