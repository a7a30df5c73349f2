package org.ralf.executor.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;
import org.ralf.executor.ExecutorException;
import org.ralf.executor.approval.ApprovalStore;
import org.ralf.executor.command.CommandValidator;
import org.ralf.executor.config.Allowlist;
import org.ralf.executor.config.ExecutorSettings;
import org.ralf.executor.ledger.CommandLedger;
import org.ralf.executor.ledger.LedgerEntry;
import org.ralf.executor.ledger.LedgerException;
import org.ralf.executor.runner.ActionRunner;
import org.ralf.executor.runner.RunListener;
import org.ralf.executor.runner.RunOutcome;
import org.ralf.executor.runner.RunRequest;
import org.ralf.executor.runner.proxmox.ProxmoxRunner;
import org.ralf.executor.security.Redactor;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.ActionKind;
import org.ralf.schemas.command.Approval;
import org.ralf.schemas.command.CommandResult;
import org.ralf.schemas.command.CommandSigner;
import org.ralf.schemas.command.CommandState;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.serde.Decoded;
import org.ralf.schemas.serde.EventSerde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one record at a time, in this order: decode → validate → verify signature → ledger
 * insert (a duplicate idempotency key stops here) → allowlist → approval gate → RUNNING → run →
 * final ledger state → result. The ledger write happens before anything runs, and the caller
 * commits the Kafka offset only after this method returned, i.e. after the ledger is final (or
 * durably waiting for an approval).
 *
 * <p>Commands are decoded with the schemas module's strict serde (JSON Schema validation; failures
 * go to the dead-letter topic as well). Commands that fail decoding, validation or the signature
 * check never touch the ledger: a forged command must not be able to occupy a legitimate command's
 * idempotency key. They still get a REJECTED result saying why.
 *
 * <p>Not thread-safe: the executor's loop is single-threaded by design.
 */
public final class CommandProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);

    /** How far in the future a command's issuedAt may lie (clock skew between hosts). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final ExecutorSettings config;
    private final CommandSigner signer;
    private final CommandValidator validator;
    private final Allowlist allowlist;
    private final CommandLedger ledger;
    private final ApprovalStore approvals;
    private final Map<ActionKind, ActionRunner> runners;
    private final ResultSink sink;
    private final Redactor redactor;
    private final CommandResults results;
    private final Clock clock;
    private final ExecutorMetrics metrics;
    private final EventSerde<ActionCommand> commandSerde =
            EventSerde.of(ActionCommand.class).strict();
    private final EventSerde<Approval> approvalSerde = EventSerde.of(Approval.class).strict();

    /** Keys whose final result could not be published; a redelivery re-publishes them. */
    private final Set<String> unpublished = new HashSet<>();

    /** Keys of results handed to the sink but not yet flushed. */
    private final Set<String> pending = new HashSet<>();

    private Instant lastExpiryCheck = Instant.EPOCH;

    /** Wires the processor; {@code runners} must contain every {@link ActionKind}. */
    public CommandProcessor(
            ExecutorSettings config,
            CommandLedger ledger,
            ApprovalStore approvals,
            Map<ActionKind, ActionRunner> runners,
            ResultSink sink,
            Redactor redactor,
            Clock clock,
            ExecutorMetrics metrics) {
        this.config = config;
        this.signer = signer(config);
        this.validator = new CommandValidator(config.maxTimeout());
        this.allowlist = new Allowlist(config);
        this.ledger = ledger;
        this.approvals = approvals;
        this.runners = Map.copyOf(runners);
        this.sink = sink;
        this.redactor = redactor;
        this.results =
                new CommandResults(redactor, config.excerptChars(), config.executorId(), clock);
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The verifier of the configured signing keys. */
    public static CommandSigner signer(ExecutorSettings config) {
        java.util.Map<String, byte[]> keys = new java.util.HashMap<>();
        config.signingKeys()
                .forEach((id, s) -> keys.put(id, s.reveal().getBytes(StandardCharsets.UTF_8)));
        return new CommandSigner(keys);
    }

    /** Handles one command payload that did not come from a topic (tests, tools). */
    public void onCommand(byte[] value) throws ExecutorException, InterruptedException {
        onCommand(config.commandsTopic(), null, null, value);
    }

    /**
     * Handles one record of the commands topic. Input that does not decode or does not match the
     * command's JSON Schema becomes a dead letter and a REJECTED result.
     */
    public void onCommand(
            String topic, @Nullable Integer partition, @Nullable Long offset, byte[] value)
            throws ExecutorException, InterruptedException {
        long consumedNanos = System.nanoTime();
        Instant now = clock.instant();
        Decoded<ActionCommand> decoded = commandSerde.deserialize(topic, partition, offset, value);
        DeadLetter dead = decoded.deadLetterOrNull();
        if (dead != null) {
            sink.deadLetter(dead);
            rejectUnledgered(null, value, "invalid command: " + firstLine(dead.reason()), now);
            return;
        }
        ActionCommand c = Objects.requireNonNull(decoded.valueOrNull());
        List<String> problems = validator.problems(c);
        if (!problems.isEmpty()) {
            rejectUnledgered(c, value, "invalid command: " + String.join("; ", problems), now);
            return;
        }
        if (c.signature() == null || c.signature().isBlank()) {
            rejectUnledgered(c, value, "signature missing", now);
            return;
        }
        if (!signer.verify(c)) {
            rejectUnledgered(c, value, "signature invalid or signing key id unknown", now);
            return;
        }
        boolean dryRun = c.dryRun() || config.dryRun();
        if (!ledger.insertReceived(c, dryRun, now)) {
            onDuplicate(c);
            return;
        }
        if (c.issuedAt().isBefore(now.minus(config.maxCommandAge()))
                || c.issuedAt().isAfter(now.plus(CLOCK_SKEW))) {
            // A known old command was already ignored above as a duplicate; an unknown one (its
            // ledger row pruned, or never seen) is too old or too new to trust.
            finish(
                    c,
                    CommandState.RECEIVED,
                    dryRun,
                    now,
                    null,
                    RunOutcome.of(
                            CommandState.REJECTED,
                            "command issued at "
                                    + c.issuedAt()
                                    + " is outside the accepted age of "
                                    + config.maxCommandAge()));
            return;
        }
        proceed(c, dryRun, now, consumedNanos);
    }

    private void onDuplicate(ActionCommand c) throws ExecutorException, InterruptedException {
        LedgerEntry e =
                ledger.find(c.idempotencyKey())
                        .orElseThrow(
                                () ->
                                        new LedgerException(
                                                "ledger entry vanished: " + c.idempotencyKey(),
                                                new IllegalStateException()));
        switch (e.state()) {
            case RECEIVED -> {
                // Inserted, then the executor stopped before deciding: nothing has run yet.
                LOG.info(
                        "resuming command {} ({}) found in state RECEIVED",
                        c.commandId(),
                        c.idempotencyKey());
                proceed(e.command(), e.dryRun(), e.receivedAt(), System.nanoTime());
            }
            case AWAITING_APPROVAL -> checkApproval(e);
            default -> {
                if (e.state().isFinal() && unpublished.contains(c.idempotencyKey())) {
                    Optional<CommandResult> stored = ledger.result(c.idempotencyKey());
                    if (stored.isPresent()) {
                        publish(stored.get());
                    }
                    return;
                }
                LOG.info(
                        "command {} with idempotency key {} already in ledger state {}; not run again",
                        c.commandId(),
                        c.idempotencyKey(),
                        e.state());
            }
        }
    }

    private void proceed(ActionCommand c, boolean dryRun, Instant receivedAt, long consumedNanos)
            throws ExecutorException, InterruptedException {
        Optional<String> denied = allowlist.rejection(c);
        if (denied.isPresent()) {
            LOG.warn("command {} rejected: {}", c.commandId(), redactor.redact(denied.get()));
            finish(
                    c,
                    CommandState.RECEIVED,
                    dryRun,
                    receivedAt,
                    null,
                    RunOutcome.of(CommandState.REJECTED, denied.get()));
            return;
        }
        if (c.requiresApproval()) {
            if (!ledger.transition(
                    c.idempotencyKey(),
                    CommandState.RECEIVED,
                    CommandState.AWAITING_APPROVAL,
                    "waiting for approval",
                    config.executorId(),
                    clock.instant())) {
                return;
            }
            LOG.info("command {} waits for approval", c.commandId());
            checkApproval(ledger.find(c.idempotencyKey()).orElseThrow());
            return;
        }
        run(c, CommandState.RECEIVED, dryRun, receivedAt, consumedNanos);
    }

    private void checkApproval(LedgerEntry e) throws ExecutorException, InterruptedException {
        ActionCommand c = e.command();
        Optional<Approval> a = approvals.find(c.idempotencyKey());
        if (a.isEmpty()) {
            return;
        }
        if (a.get().approved()) {
            LOG.info("command {} approved by {}", c.commandId(), a.get().approver());
            run(c, CommandState.AWAITING_APPROVAL, e.dryRun(), e.receivedAt(), System.nanoTime());
        } else {
            finish(
                    c,
                    CommandState.AWAITING_APPROVAL,
                    e.dryRun(),
                    e.receivedAt(),
                    null,
                    RunOutcome.of(CommandState.REJECTED, "denied by " + a.get().approver()));
        }
    }

    /** Handles one record of the approvals topic; undecodable input becomes a dead letter. */
    public void onApproval(
            String topic, @Nullable Integer partition, @Nullable Long offset, byte[] value)
            throws ExecutorException, InterruptedException {
        Decoded<Approval> decoded = approvalSerde.deserialize(topic, partition, offset, value);
        DeadLetter dead = decoded.deadLetterOrNull();
        if (dead != null) {
            LOG.warn("approval dead-lettered: {}", redactor.redact(firstLine(dead.reason())));
            sink.deadLetter(dead);
            return;
        }
        Approval a = Objects.requireNonNull(decoded.valueOrNull());
        if (a.idempotencyKey() == null || a.approver() == null || a.decidedAt() == null) {
            LOG.warn("ignoring incomplete approval");
            return;
        }
        if (!approvals.isAllowedApprover(a.approver())) {
            LOG.warn(
                    "ignoring approval for {} from approver {} who is not on the allowlist",
                    a.idempotencyKey(),
                    a.approver());
            return;
        }
        if (!approvals.record(a, clock.instant())) {
            LOG.info(
                    "approval for {} ignored: a decision was already recorded", a.idempotencyKey());
            return;
        }
        Optional<LedgerEntry> e = ledger.find(a.idempotencyKey());
        if (e.isPresent() && e.get().state() == CommandState.AWAITING_APPROVAL) {
            checkApproval(e.get());
        }
    }

    /**
     * Rejects commands that waited longer than the approval TTL; cheap to call after every poll.
     */
    public void expireApprovals() throws ExecutorException, InterruptedException {
        Instant now = clock.instant();
        if (Duration.between(lastExpiryCheck, now).compareTo(Duration.ofSeconds(1)) < 0) {
            return;
        }
        lastExpiryCheck = now;
        for (LedgerEntry e : ledger.inState(CommandState.AWAITING_APPROVAL)) {
            if (e.receivedAt().plus(config.approvalTtl()).isBefore(now)) {
                finish(
                        e.command(),
                        CommandState.AWAITING_APPROVAL,
                        e.dryRun(),
                        e.receivedAt(),
                        null,
                        RunOutcome.of(
                                CommandState.REJECTED,
                                "approval expired after " + config.approvalTtl()));
            }
        }
    }

    /**
     * Crash recovery, run once at start before consuming: RUNNING entries of this executor are
     * resolved (Proxmox tasks queried; dry-runs and idempotent commands re-run; everything else
     * becomes UNKNOWN and is reported), RECEIVED entries continue, and waiting entries pick up
     * approvals that arrived meanwhile.
     */
    public void reconcile(@Nullable ProxmoxRunner proxmox)
            throws ExecutorException, InterruptedException {
        for (LedgerEntry e : ledger.inState(CommandState.RUNNING)) {
            ActionCommand c = e.command();
            if (e.executorId() != null && !e.executorId().equals(config.executorId())) {
                LOG.info(
                        "RUNNING command {} belongs to executor {}; leaving it",
                        c.commandId(),
                        e.executorId());
                continue;
            }
            if (c.kind() == ActionKind.PROXMOX && e.externalRef() != null && proxmox != null) {
                LOG.info(
                        "reconciling command {}: querying Proxmox task {}",
                        c.commandId(),
                        e.externalRef());
                Instant started = e.startedAt() == null ? e.receivedAt() : e.startedAt();
                Duration left =
                        Duration.ofSeconds(c.timeoutSeconds())
                                .minus(Duration.between(started, clock.instant()));
                RunOutcome o =
                        proxmox.resume(
                                c,
                                e.externalRef(),
                                left.isNegative() ? Duration.ofSeconds(1) : left);
                finish(c, CommandState.RUNNING, e.dryRun(), e.receivedAt(), e.startedAt(), o);
            } else if (c.idempotent() || e.dryRun()) {
                LOG.warn(
                        "reconciling command {}: it was running when the executor stopped; re-running (idempotent or dry-run)",
                        c.commandId());
                run(c, CommandState.RUNNING, e.dryRun(), e.receivedAt(), System.nanoTime());
            } else {
                LOG.warn(
                        "reconciling command {}: it was running when the executor stopped; outcome UNKNOWN, not re-run",
                        c.commandId());
                finish(
                        c,
                        CommandState.RUNNING,
                        e.dryRun(),
                        e.receivedAt(),
                        e.startedAt(),
                        RunOutcome.of(
                                CommandState.UNKNOWN,
                                "executor stopped while the command was running; not re-run because it is not marked idempotent"));
            }
        }
        for (LedgerEntry e : ledger.inState(CommandState.RECEIVED)) {
            proceed(e.command(), e.dryRun(), e.receivedAt(), System.nanoTime());
        }
        for (LedgerEntry e : ledger.inState(CommandState.AWAITING_APPROVAL)) {
            checkApproval(e);
        }
    }

    private void run(
            ActionCommand c,
            CommandState from,
            boolean dryRun,
            Instant receivedAt,
            long consumedNanos)
            throws ExecutorException, InterruptedException {
        Instant startedAt = clock.instant();
        if (!ledger.transition(
                c.idempotencyKey(),
                from,
                CommandState.RUNNING,
                null,
                config.executorId(),
                startedAt)) {
            LOG.warn("command {} was moved by someone else; not running it", c.commandId());
            return;
        }
        ActionRunner runner = runners.get(c.kind());
        Path runDir = config.workDir().resolve(RunDirectory.name(c.idempotencyKey()));
        RunListener listener =
                new RunListener() {
                    @Override
                    public void started() {
                        metrics.recordOverhead(System.nanoTime() - consumedNanos);
                    }

                    @Override
                    public void externalRef(String ref) {
                        try {
                            ledger.setExternalRef(c.idempotencyKey(), ref);
                        } catch (LedgerException e) {
                            // Polling goes on; only crash recovery would miss the reference.
                            LOG.error(
                                    "could not record task {} of command {}",
                                    ref,
                                    c.commandId(),
                                    e);
                        }
                    }
                };
        LOG.info(
                "running command {}: {} {} on {}{}",
                c.commandId(),
                c.kind(),
                c.action(),
                c.target(),
                dryRun ? " (dry-run)" : "");
        RunOutcome o;
        try {
            o =
                    runner.run(
                            new RunRequest(
                                    c,
                                    dryRun,
                                    Duration.ofSeconds(c.timeoutSeconds()),
                                    runDir,
                                    listener));
        } catch (InterruptedException e) {
            // The runner stopped what it started; whatever happened so far is not known.
            finish(
                    c,
                    CommandState.RUNNING,
                    dryRun,
                    receivedAt,
                    startedAt,
                    RunOutcome.of(
                            CommandState.UNKNOWN,
                            "executor shut down while the command was running"));
            throw e;
        } catch (RuntimeException e) {
            LOG.error("runner for command {} failed", c.commandId(), e);
            o = RunOutcome.of(CommandState.FAILED, "executor error: " + e);
        } finally {
            RunDirectory.deleteQuietly(runDir);
        }
        finish(c, CommandState.RUNNING, dryRun, receivedAt, startedAt, o);
    }

    private void finish(
            ActionCommand c,
            CommandState from,
            boolean dryRun,
            Instant receivedAt,
            @Nullable Instant startedAt,
            RunOutcome o)
            throws ExecutorException {
        CommandResult r = results.of(c, dryRun, receivedAt, startedAt, o);
        if (!ledger.finish(c.idempotencyKey(), from, r)) {
            LOG.warn("command {} was moved by someone else; result not recorded", c.commandId());
            return;
        }
        LOG.info("command {} ended {}: {}", c.commandId(), r.state(), r.reason());
        unpublished.add(c.idempotencyKey());
        publish(r);
    }

    private void publish(CommandResult r) throws ExecutorException {
        sink.publish(r);
        pending.add(r.idempotencyKey());
        metrics.recordResult(r.state());
    }

    /**
     * Makes every result handed out so far durable; the loop calls this before committing offsets.
     * Results that fail stay marked unpublished, so a redelivery re-publishes them.
     */
    public void flush() throws ExecutorException {
        sink.flush();
        unpublished.removeAll(pending);
        pending.clear();
    }

    private void rejectUnledgered(@Nullable ActionCommand c, byte[] raw, String reason, Instant now)
            throws ExecutorException {
        CommandResult r = results.rejected(c, raw, reason, now);
        LOG.warn("command {} rejected: {}", r.commandId(), redactor.redact(reason));
        publish(r);
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
