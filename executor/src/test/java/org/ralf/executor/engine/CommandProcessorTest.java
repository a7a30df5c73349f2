package org.ralf.executor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.executor.ExecutorException;
import org.ralf.executor.TestCommands;
import org.ralf.executor.approval.InMemoryApprovalStore;
import org.ralf.executor.command.CommandCodec;
import org.ralf.executor.config.ExecutorSettings;
import org.ralf.executor.ledger.InMemoryCommandLedger;
import org.ralf.executor.ledger.LedgerEntry;
import org.ralf.executor.runner.ActionRunner;
import org.ralf.executor.runner.RunOutcome;
import org.ralf.executor.runner.RunRequest;
import org.ralf.executor.security.Redactor;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.ActionKind;
import org.ralf.schemas.command.Approval;
import org.ralf.schemas.command.CommandResult;
import org.ralf.schemas.command.CommandSigner;
import org.ralf.schemas.command.CommandState;
import org.ralf.schemas.deadletter.DeadLetter;

/**
 * The executor's safety path without a database or a broker: signature, allowlist, replay, age,
 * approval and crash recovery, on the in-memory ledger and approval store with recording runners
 * and a clock the test moves. {@code ExecutorEndToEndIT} covers the same path on PostgreSQL and
 * Kafka with real backends.
 */
class CommandProcessorTest {

    private static final String ALICE = "@alice:example.org";
    private static final String MALLORY = "@mallory:example.org";

    /** Ten minutes after the test commands were issued, well inside their accepted age. */
    private static final Instant NOW = TestCommands.ISSUED.plus(Duration.ofMinutes(10));

    @TempDir Path tmp;

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryCommandLedger ledger = new InMemoryCommandLedger();
    private final InMemoryApprovalStore approvals = new InMemoryApprovalStore(Set.of(ALICE));
    private final RecordingSink sink = new RecordingSink();
    private final Map<ActionKind, RecordingRunner> runners = new EnumMap<>(ActionKind.class);
    private ExecutorSettings config;

    @BeforeEach
    void setUp() {
        for (ActionKind k : ActionKind.values()) {
            runners.put(k, new RecordingRunner(RunOutcome.of(CommandState.SUCCEEDED, "done")));
        }
        config = TestCommands.config(tmp.resolve("work"), tmp, tmp, "tofu", null, null);
    }

    private CommandProcessor processor(ExecutorSettings cfg) {
        return new CommandProcessor(
                cfg,
                ledger,
                approvals,
                Map.copyOf(runners),
                sink,
                new Redactor(cfg.secretValues()),
                clock,
                new ExecutorMetrics());
    }

    private static ActionCommand notify(String key) {
        return TestCommands.command(key, ActionKind.NOTIFY, "notify", "web1", Map.of());
    }

    private static ActionCommand needingApproval(String key) {
        return TestCommands.signed(TestCommands.withFlags(notify(key), false, true, false, 60));
    }

    private static byte[] bytes(ActionCommand c) {
        return CommandCodec.bytes(c);
    }

    private static byte[] approval(String key, String approver, boolean approved) {
        return CommandCodec.bytes(
                new Approval(Approval.SCHEMA_VERSION, key, approver, approved, NOW, "test"));
    }

    private static void onApproval(CommandProcessor p, byte[] value) throws Exception {
        p.onApproval("ralf.approvals", 0, 0L, value);
    }

    private CommandState state(String key) throws Exception {
        return ledger.find(key).map(LedgerEntry::state).orElseThrow();
    }

    private RecordingRunner notifyRunner() {
        return runners.get(ActionKind.NOTIFY);
    }

    @Test
    void shouldRunASignedAllowlistedCommandOnceAndRecordItsResult() throws Exception {
        CommandProcessor p = processor(config);

        p.onCommand(bytes(TestCommands.signed(notify("run"))));
        p.flush();

        assertThat(notifyRunner().keys()).containsExactly("run");
        assertThat(sink.results())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.state()).isEqualTo(CommandState.SUCCEEDED);
                            assertThat(r.receivedAt()).isEqualTo(NOW);
                            assertThat(r.startedAt()).isEqualTo(NOW);
                            assertThat(r.executorId()).isEqualTo(config.executorId());
                        });
        LedgerEntry e = ledger.find("run").orElseThrow();
        assertThat(e.state()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(e.executorId()).isEqualTo(config.executorId());
        assertThat(ledger.result("run")).contains(sink.results().get(0));
    }

    @Test
    void shouldRejectAnUnsignedCommandWithoutTouchingTheLedger() throws Exception {
        CommandProcessor p = processor(config);

        p.onCommand(bytes(notify("unsigned")));

        assertThat(sink.results())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.state()).isEqualTo(CommandState.REJECTED);
                            assertThat(r.reason()).contains("signature missing");
                        });
        assertThat(ledger.find("unsigned")).isEmpty();
        assertThat(notifyRunner().keys()).isEmpty();
    }

    @Test
    void shouldRejectAForgedSignatureWithoutOccupyingTheKeyOfTheLegitimateCommand()
            throws Exception {
        CommandProcessor p = processor(config);
        CommandSigner attacker =
                new CommandSigner(
                        Map.of(
                                TestCommands.KEY_ID,
                                "guessed-secret".getBytes(StandardCharsets.UTF_8)));

        p.onCommand(bytes(attacker.sign(notify("victim"), TestCommands.KEY_ID)));
        assertThat(ledger.find("victim")).isEmpty();
        p.onCommand(bytes(TestCommands.signed(notify("victim"))));

        assertThat(sink.results())
                .extracting(CommandResult::state)
                .containsExactly(CommandState.REJECTED, CommandState.SUCCEEDED);
        assertThat(sink.results().get(0).reason()).contains("signature invalid");
        assertThat(notifyRunner().keys()).containsExactly("victim");
    }

    @Test
    void shouldRejectASignatureOfAnUnknownKeyId() throws Exception {
        CommandProcessor p = processor(config);
        CommandSigner other =
                new CommandSigner(Map.of("k1999", "old".getBytes(StandardCharsets.UTF_8)));

        p.onCommand(bytes(other.sign(notify("unknown-key"), "k1999")));

        assertThat(sink.results())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.state()).isEqualTo(CommandState.REJECTED);
                            assertThat(r.reason()).contains("signing key id unknown");
                        });
        assertThat(ledger.find("unknown-key")).isEmpty();
    }

    @Test
    void shouldDeadLetterUndecodableInputAndRejectIt() throws Exception {
        CommandProcessor p = processor(config);

        p.onCommand("{not json".getBytes(StandardCharsets.UTF_8));

        assertThat(sink.deadLetters()).hasSize(1);
        assertThat(sink.results())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.state()).isEqualTo(CommandState.REJECTED);
                            assertThat(r.reason()).contains("invalid command");
                        });
    }

    @Test
    void shouldRejectActionsAndTargetsNotOnTheAllowlistAndRecordTheRejection() throws Exception {
        CommandProcessor p = processor(config);

        p.onCommand(
                bytes(
                        TestCommands.signed(
                                TestCommands.command(
                                        "playbook",
                                        ActionKind.ANSIBLE,
                                        "rm-rf",
                                        "web1",
                                        Map.of()))));
        p.onCommand(
                bytes(
                        TestCommands.signed(
                                TestCommands.command(
                                        "target",
                                        ActionKind.ANSIBLE,
                                        "write-marker",
                                        "web1;reboot",
                                        Map.of()))));
        p.onCommand(
                bytes(
                        TestCommands.signed(
                                TestCommands.command(
                                        "host",
                                        ActionKind.ANSIBLE,
                                        "write-marker",
                                        "mail1",
                                        Map.of()))));

        assertThat(sink.results())
                .extracting(CommandResult::state)
                .containsOnly(CommandState.REJECTED);
        assertThat(sink.results())
                .extracting(CommandResult::reason)
                .satisfiesExactly(
                        r -> assertThat(r).contains("not allowlisted"),
                        r -> assertThat(r).contains("target"),
                        r -> assertThat(r).contains("not allowed for playbook"));
        assertThat(state("playbook")).isEqualTo(CommandState.REJECTED);
        assertThat(state("target")).isEqualTo(CommandState.REJECTED);
        assertThat(runners.get(ActionKind.ANSIBLE).keys()).isEmpty();
    }

    @Test
    void shouldNotRunAReplayedCommandAgain() throws Exception {
        CommandProcessor p = processor(config);
        ActionCommand c = TestCommands.signed(notify("replay"));
        p.onCommand(bytes(c));
        p.flush();

        p.onCommand(bytes(c));
        p.onCommand(bytes(TestCommands.signed(TestCommands.withFlags(c, true, false, true, 5))));
        p.flush();

        assertThat(notifyRunner().keys()).containsExactly("replay");
        assertThat(sink.results()).hasSize(1);
        assertThat(state("replay")).isEqualTo(CommandState.SUCCEEDED);
    }

    @Test
    void shouldRepublishTheStoredResultOfAReplayWhosePublishWasNotFlushed() throws Exception {
        CommandProcessor p = processor(config);
        ActionCommand c = TestCommands.signed(notify("unflushed"));
        p.onCommand(bytes(c));

        // The offset was not committed, so Kafka redelivers: the result goes out again, the
        // command does not run again.
        p.onCommand(bytes(c));
        p.flush();
        p.onCommand(bytes(c));

        assertThat(notifyRunner().keys()).containsExactly("unflushed");
        assertThat(sink.results()).hasSize(2);
        assertThat(sink.results().get(1)).isEqualTo(sink.results().get(0));
    }

    @Test
    void shouldRejectAnUnknownCommandIssuedOutsideTheAcceptedAge() throws Exception {
        CommandProcessor p = processor(config.withMaxCommandAge(Duration.ofMinutes(5)));
        ActionCommand future =
                TestCommands.signed(
                        new ActionCommand(
                                ActionCommand.SCHEMA_VERSION,
                                "cmd-future",
                                "future",
                                NOW.plus(Duration.ofMinutes(6)),
                                ActionKind.NOTIFY,
                                "notify",
                                "web1",
                                Map.of(),
                                false,
                                false,
                                false,
                                60,
                                null,
                                null,
                                "future",
                                TestCommands.KEY_ID,
                                null));

        p.onCommand(bytes(TestCommands.signed(notify("old"))));
        p.onCommand(bytes(future));

        assertThat(sink.results())
                .extracting(CommandResult::state)
                .containsExactly(CommandState.REJECTED, CommandState.REJECTED);
        assertThat(sink.results().get(0).reason()).contains("outside the accepted age");
        assertThat(state("old")).isEqualTo(CommandState.REJECTED);
        assertThat(state("future")).isEqualTo(CommandState.REJECTED);
        assertThat(notifyRunner().keys()).isEmpty();
    }

    @Test
    void shouldWaitForAnApprovalFromAnAllowlistedApproverOnly() throws Exception {
        CommandProcessor p = processor(config);

        p.onCommand(bytes(needingApproval("gated")));
        onApproval(p, approval("gated", MALLORY, true));

        assertThat(state("gated")).isEqualTo(CommandState.AWAITING_APPROVAL);
        assertThat(approvals.find("gated")).isEmpty();
        assertThat(sink.results()).isEmpty();
        assertThat(notifyRunner().keys()).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        onApproval(p, approval("gated", ALICE, true));

        assertThat(notifyRunner().keys()).containsExactly("gated");
        assertThat(sink.results())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.state()).isEqualTo(CommandState.SUCCEEDED);
                            assertThat(r.receivedAt()).isEqualTo(NOW);
                            assertThat(r.startedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
                        });
    }

    @Test
    void shouldRunACommandWhoseApprovalArrivedBeforeIt() throws Exception {
        CommandProcessor p = processor(config);

        onApproval(p, approval("early", ALICE, true));
        p.onCommand(bytes(needingApproval("early")));

        assertThat(notifyRunner().keys()).containsExactly("early");
        assertThat(state("early")).isEqualTo(CommandState.SUCCEEDED);
    }

    @Test
    void shouldRejectADeniedCommandAndKeepTheFirstDecision() throws Exception {
        CommandProcessor p = processor(config);
        p.onCommand(bytes(needingApproval("denied")));

        onApproval(p, approval("denied", ALICE, false));
        onApproval(p, approval("denied", ALICE, true));
        p.flush();
        p.onCommand(bytes(needingApproval("denied")));

        assertThat(sink.results())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.state()).isEqualTo(CommandState.REJECTED);
                            assertThat(r.reason()).contains("denied by " + ALICE);
                        });
        assertThat(approvals.find("denied"))
                .hasValueSatisfying(a -> assertThat(a.approved()).isFalse());
        assertThat(notifyRunner().keys()).isEmpty();
    }

    @Test
    void shouldRejectACommandWhoseApprovalExpiredAndIgnoreALateApproval() throws Exception {
        CommandProcessor p = processor(config.withApprovals(Set.of(ALICE), Duration.ofMinutes(2)));
        p.onCommand(bytes(needingApproval("expire")));

        clock.advance(Duration.ofMinutes(2));
        p.expireApprovals();
        assertThat(state("expire")).isEqualTo(CommandState.AWAITING_APPROVAL);
        clock.advance(Duration.ofSeconds(1));
        p.expireApprovals();
        onApproval(p, approval("expire", ALICE, true));

        assertThat(sink.results())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.state()).isEqualTo(CommandState.REJECTED);
                            assertThat(r.reason()).contains("approval expired");
                        });
        assertThat(state("expire")).isEqualTo(CommandState.REJECTED);
        assertThat(notifyRunner().keys()).isEmpty();
    }

    @Test
    void shouldForceDryRunWhenConfigured() throws Exception {
        CommandProcessor p = processor(config.withDryRun(true));

        p.onCommand(bytes(TestCommands.signed(notify("dry"))));

        assertThat(notifyRunner().requests())
                .singleElement()
                .satisfies(r -> assertThat(r.dryRun()).isTrue());
        assertThat(sink.results().get(0).dryRun()).isTrue();
        assertThat(ledger.find("dry").orElseThrow().dryRun()).isTrue();
    }

    @Test
    void shouldReconcileWhatACrashLeftBehind() throws Exception {
        ActionCommand notIdempotent = TestCommands.signed(notify("crash-once"));
        ActionCommand idempotent =
                TestCommands.signed(
                        TestCommands.withFlags(notify("crash-idempotent"), false, false, true, 60));
        ActionCommand dryRun = TestCommands.signed(notify("crash-dry"));
        ActionCommand foreign = TestCommands.signed(notify("crash-foreign"));
        ActionCommand received = TestCommands.signed(notify("crash-received"));
        ActionCommand waiting = needingApproval("crash-waiting");
        Instant t0 = NOW.minus(Duration.ofMinutes(1));
        for (ActionCommand c :
                List.of(notIdempotent, idempotent, dryRun, foreign, received, waiting)) {
            assertThat(ledger.insertReceived(c, c == dryRun, t0)).isTrue();
        }
        for (ActionCommand c : List.of(notIdempotent, idempotent, dryRun)) {
            assertThat(running(c, config.executorId(), t0)).isTrue();
        }
        assertThat(running(foreign, "another-executor", t0)).isTrue();
        assertThat(
                        ledger.transition(
                                waiting.idempotencyKey(),
                                CommandState.RECEIVED,
                                CommandState.AWAITING_APPROVAL,
                                "waiting for approval",
                                config.executorId(),
                                t0))
                .isTrue();
        assertThat(
                        approvals.record(
                                new Approval(
                                        Approval.SCHEMA_VERSION,
                                        "crash-waiting",
                                        ALICE,
                                        true,
                                        t0,
                                        "ok"),
                                t0))
                .isTrue();

        processor(config).reconcile(null);

        assertThat(state("crash-once")).isEqualTo(CommandState.UNKNOWN);
        assertThat(ledger.result("crash-once").orElseThrow().reason()).contains("not re-run");
        assertThat(state("crash-idempotent")).isEqualTo(CommandState.SUCCEEDED);
        assertThat(state("crash-dry")).isEqualTo(CommandState.SUCCEEDED);
        assertThat(state("crash-foreign"))
                .as("another executor's run is left to it")
                .isEqualTo(CommandState.RUNNING);
        assertThat(state("crash-received")).isEqualTo(CommandState.SUCCEEDED);
        assertThat(state("crash-waiting")).isEqualTo(CommandState.SUCCEEDED);
        assertThat(notifyRunner().keys())
                .as("a non-idempotent run is never repeated")
                .containsExactlyInAnyOrder(
                        "crash-idempotent", "crash-dry", "crash-received", "crash-waiting");
        assertThat(sink.results()).hasSize(5);
    }

    private boolean running(ActionCommand c, String executorId, Instant at) throws Exception {
        return ledger.transition(
                c.idempotencyKey(),
                CommandState.RECEIVED,
                CommandState.RUNNING,
                null,
                executorId,
                at);
    }

    @Test
    void shouldResumeARedeliveredCommandThatACrashLeftReceived() throws Exception {
        ActionCommand c = TestCommands.signed(notify("resume"));
        Instant t0 = NOW.minus(Duration.ofMinutes(1));
        assertThat(ledger.insertReceived(c, false, t0)).isTrue();

        processor(config).onCommand(bytes(c));

        assertThat(notifyRunner().keys()).containsExactly("resume");
        assertThat(sink.results())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.state()).isEqualTo(CommandState.SUCCEEDED);
                            assertThat(r.receivedAt()).isEqualTo(t0);
                        });
    }

    @Test
    void shouldNotRunACommandThatARedeliveryFindsRunning() throws Exception {
        ActionCommand c = TestCommands.signed(notify("still-running"));
        assertThat(ledger.insertReceived(c, false, NOW)).isTrue();
        assertThat(running(c, config.executorId(), NOW)).isTrue();

        processor(config).onCommand(bytes(c));

        assertThat(notifyRunner().keys()).isEmpty();
        assertThat(sink.results()).isEmpty();
        assertThat(state("still-running")).isEqualTo(CommandState.RUNNING);
    }

    @Test
    void shouldRecordUnknownWhenTheExecutorIsInterruptedMidRun() throws Exception {
        runners.put(ActionKind.NOTIFY, new RecordingRunner(null));
        CommandProcessor p = processor(config);

        assertThatThrownBy(() -> p.onCommand(bytes(TestCommands.signed(notify("interrupted")))))
                .isInstanceOf(InterruptedException.class);

        assertThat(state("interrupted")).isEqualTo(CommandState.UNKNOWN);
        assertThat(sink.results())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("executor shut down"));
    }

    @Test
    void shouldRecordFailedWhenARunnerThrows() throws Exception {
        runners.put(
                ActionKind.NOTIFY,
                new RecordingRunner(RunOutcome.of(CommandState.FAILED, "x")) {
                    @Override
                    public RunOutcome run(RunRequest request) throws InterruptedException {
                        super.run(request);
                        throw new IllegalStateException("backend broke");
                    }
                });
        CommandProcessor p = processor(config);

        p.onCommand(bytes(TestCommands.signed(notify("throws"))));

        assertThat(state("throws")).isEqualTo(CommandState.FAILED);
        assertThat(sink.results().get(0).reason())
                .contains("executor error")
                .contains("backend broke");
    }

    /** A runner that records what it was asked to run and returns a fixed outcome. */
    private static class RecordingRunner implements ActionRunner {

        /** null: behave like a runner whose thread is interrupted while the command runs. */
        @Nullable private final RunOutcome outcome;

        private final List<RunRequest> requests = new ArrayList<>();

        RecordingRunner(@Nullable RunOutcome outcome) {
            this.outcome = outcome;
        }

        @Override
        public RunOutcome run(RunRequest request) throws InterruptedException {
            requests.add(request);
            if (outcome == null) {
                throw new InterruptedException("test interrupt");
            }
            return outcome;
        }

        List<RunRequest> requests() {
            return List.copyOf(requests);
        }

        List<String> keys() {
            return requests.stream().map(r -> r.command().idempotencyKey()).toList();
        }
    }

    /** A sink that keeps what it is handed, in order. */
    private static final class RecordingSink implements ResultSink {
        private final List<CommandResult> results = new ArrayList<>();
        private final List<DeadLetter> deadLetters = new ArrayList<>();

        @Override
        public void publish(CommandResult result) {
            results.add(result);
        }

        @Override
        public void deadLetter(DeadLetter letter) {
            deadLetters.add(letter);
        }

        @Override
        public void flush() throws ExecutorException {}

        List<CommandResult> results() {
            return List.copyOf(results);
        }

        List<DeadLetter> deadLetters() {
            return List.copyOf(deadLetters);
        }
    }

    /** A clock that stands still until the test moves it. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
