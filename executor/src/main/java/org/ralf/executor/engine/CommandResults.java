package org.ralf.executor.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.executor.command.CommandCodec;
import org.ralf.executor.runner.RunOutcome;
import org.ralf.executor.security.Redactor;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.ActionKind;
import org.ralf.schemas.command.CommandResult;
import org.ralf.schemas.command.CommandState;

/**
 * Builds the {@link CommandResult}s of one executor: every free text is redacted and cut to the
 * configured excerpt length, because results leave the host (Kafka, the ledger's JSON column).
 */
final class CommandResults {

    private final Redactor redactor;
    private final int excerptChars;
    private final String executorId;
    private final Clock clock;

    CommandResults(Redactor redactor, int excerptChars, String executorId, Clock clock) {
        this.redactor = redactor;
        this.excerptChars = excerptChars;
        this.executorId = executorId;
        this.clock = clock;
    }

    /** The result of a ledgered command that ended with {@code o}, finished now. */
    CommandResult of(
            ActionCommand c,
            boolean dryRun,
            Instant receivedAt,
            @Nullable Instant startedAt,
            RunOutcome o) {
        return new CommandResult(
                CommandResult.SCHEMA_VERSION,
                c.commandId(),
                c.idempotencyKey(),
                c.target(),
                c.kind(),
                c.action(),
                o.state(),
                redactor.excerpt(o.reason(), excerptChars),
                dryRun,
                receivedAt,
                startedAt,
                clock.instant(),
                o.hostCounts(),
                o.taskStatus() == null ? null : redactor.redact(o.taskStatus()),
                redactor.excerpt(o.stdout(), excerptChars),
                redactor.excerpt(o.stderr(), excerptChars),
                executorId);
    }

    /**
     * The REJECTED result of input that never reached the ledger; fields the decoded command lacks
     * are peeked from the raw bytes, since the input may not have decoded at all.
     */
    CommandResult rejected(@Nullable ActionCommand c, byte[] raw, String reason, Instant now) {
        String id =
                c != null && c.commandId() != null
                        ? c.commandId()
                        : CommandCodec.peek(raw, "commandId").orElse("unknown");
        String key =
                c != null && c.idempotencyKey() != null
                        ? c.idempotencyKey()
                        : CommandCodec.peek(raw, "idempotencyKey").orElse("unknown");
        String target =
                c != null && c.target() != null
                        ? c.target()
                        : CommandCodec.peek(raw, "target").orElse("unknown");
        String action =
                c != null && c.action() != null
                        ? c.action()
                        : CommandCodec.peek(raw, "action").orElse("unknown");
        ActionKind kind = c != null && c.kind() != null ? c.kind() : ActionKind.NOTIFY;
        return new CommandResult(
                CommandResult.SCHEMA_VERSION,
                redactor.redact(id),
                redactor.redact(key),
                redactor.redact(target),
                kind,
                redactor.redact(action),
                CommandState.REJECTED,
                redactor.excerpt(reason, excerptChars),
                c != null && c.dryRun(),
                now,
                null,
                clock.instant(),
                Map.of(),
                null,
                "",
                "",
                executorId);
    }
}
