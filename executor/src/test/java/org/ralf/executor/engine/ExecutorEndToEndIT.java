package org.ralf.executor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.executor.ExecutorApp;
import org.ralf.executor.LogCapture;
import org.ralf.executor.TestCommands;
import org.ralf.executor.command.CommandCodec;
import org.ralf.executor.config.ExecutorSettings;
import org.ralf.executor.config.Secret;
import org.ralf.executor.ledger.CommandLedger;
import org.ralf.executor.ledger.Database;
import org.ralf.executor.ledger.JdbcCommandLedger;
import org.ralf.executor.runner.proxmox.ProxmoxClient;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.ActionKind;
import org.ralf.schemas.command.Approval;
import org.ralf.schemas.command.CommandResult;
import org.ralf.schemas.command.CommandSigner;
import org.ralf.schemas.command.CommandState;
import org.ralf.simulator.proxmox.FakeProxmox;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

/**
 * The whole executor on a real Kafka broker and a real PostgreSQL: signed commands on the commands
 * topic, ledger rows, results on the results topic, real ansible-playbook and FakeProxmox behind.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class ExecutorEndToEndIT {

    private static KafkaBroker broker;
    private static TestDatabase db;
    private static Path playbooks;

    @TempDir Path tmp;
    private final List<ExecutorApp> apps = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    @Nullable private FakeProxmox pve;
    private String commands;
    private String results;
    private String approvals;
    private String deadLetters;

    @BeforeAll
    static void setUp(KafkaBroker k, TestDatabase d) throws Exception {
        broker = k;
        db = d;
        playbooks =
                Path.of(ExecutorEndToEndIT.class.getResource("/ansible/inventory.ini").toURI())
                        .getParent();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (ExecutorApp a : apps) {
            a.close();
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
        if (pve != null) {
            pve.close();
        }
        assertThat(failures).as("executor run() failures").isEmpty();
    }

    private ExecutorSettings config(@Nullable FakeProxmox fake) {
        commands = KafkaBroker.uniqueTopic("commands");
        results = KafkaBroker.uniqueTopic("results");
        approvals = KafkaBroker.uniqueTopic("approvals");
        deadLetters = KafkaBroker.uniqueTopic("deadletter");
        broker.createTopics(1, commands, results, approvals, deadLetters);
        return TestCommands.config(
                        tmp.resolve("work"),
                        playbooks,
                        tmp,
                        "tofu",
                        fake == null ? null : fake.baseUri(),
                        fake == null ? null : fake.sha256Fingerprint())
                .withKafka(broker.bootstrapServers())
                .withJdbc(db.jdbcUrl(), db.user(), Secret.of(db.password()))
                .withTopics(commands, results, approvals, KafkaBroker.uniqueTopic("group"))
                .withDeadLetterTopic(deadLetters);
    }

    private ExecutorApp start(ExecutorSettings cfg) throws Exception {
        ExecutorApp app = new ExecutorApp(cfg);
        Thread t =
                new Thread(
                        () -> {
                            try {
                                app.run();
                            } catch (Exception e) {
                                failures.add(e);
                            }
                        },
                        "executor-under-test");
        t.start();
        apps.add(app);
        threads.add(t);
        return app;
    }

    private void send(ActionCommand c) {
        sendRaw(c.target(), CommandCodec.bytes(c));
    }

    private void sendRaw(String key, byte[] value) {
        broker.produce(commands, List.of(Map.entry(key.getBytes(StandardCharsets.UTF_8), value)));
    }

    private void approve(String key, String approver, boolean approved) {
        Approval a =
                new Approval(
                        Approval.SCHEMA_VERSION, key, approver, approved, Instant.now(), "test");
        broker.produce(
                approvals,
                List.of(Map.entry(key.getBytes(StandardCharsets.UTF_8), CommandCodec.bytes(a))));
    }

    private List<CommandResult> results(int expected) throws Exception {
        List<CommandResult> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                broker.consume(results, expected, Duration.ofSeconds(120))) {
            out.add(CommandCodec.result(r.value()));
        }
        return out;
    }

    private static CommandResult of(List<CommandResult> rs, String key) {
        return rs.stream()
                .filter(r -> r.idempotencyKey().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + key + " in " + rs));
    }

    @Nullable
    private static String ledgerState(String key) throws Exception {
        try (Connection c = db.connect();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT state FROM ralf.command_ledger WHERE idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String key(String name) {
        return name + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldRunASignedCommandRecordItAndPublishItsResult() throws Exception {
        start(config(null));
        Path markers = Files.createDirectory(tmp.resolve("markers"));
        String k = key("run");
        send(
                TestCommands.signed(
                        TestCommands.command(
                                k,
                                ActionKind.ANSIBLE,
                                "write-marker",
                                "web1",
                                Map.of("message", "hello", "marker_path", markers.toString()))));

        CommandResult r = of(results(1), k);

        assertThat(r.state()).as(r.reason()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(r.hostCounts()).containsOnlyKeys("web1");
        assertThat(r.startedAt()).isNotNull();
        assertThat(r.finishedAt()).isAfterOrEqualTo(r.startedAt());
        assertThat(ledgerState(k)).isEqualTo("SUCCEEDED");
        assertThat(markers.resolve("web1.txt")).hasContent("hello");
    }

    @Test
    void shouldNotRunAReplayedCommandAgain() throws Exception {
        start(config(null));
        Path markers = Files.createDirectory(tmp.resolve("markers"));
        String k = key("replay");
        ActionCommand c =
                TestCommands.signed(
                        TestCommands.command(
                                k,
                                ActionKind.ANSIBLE,
                                "write-marker",
                                "web1",
                                Map.of("message", "once", "marker_path", markers.toString())));
        send(c);
        assertThat(of(results(1), k).state()).isEqualTo(CommandState.SUCCEEDED);
        Files.delete(markers.resolve("web1.txt"));

        send(c);
        String after = key("after-replay");
        send(
                TestCommands.signed(
                        TestCommands.command(
                                after, ActionKind.NOTIFY, "notify", "web1", Map.of())));
        List<CommandResult> all = results(2);

        assertThat(all).extracting(CommandResult::idempotencyKey).containsExactly(k, after);
        assertThat(markers.resolve("web1.txt"))
                .as("the replay did not run the playbook")
                .doesNotExist();
        assertThat(ledgerState(k)).isEqualTo("SUCCEEDED");
    }

    @Test
    void shouldRejectForgedUnsignedAndNotAllowlistedCommandsWithReasons() throws Exception {
        start(config(null));
        Path markers = Files.createDirectory(tmp.resolve("markers"));
        String victim = key("victim");
        ActionCommand legit =
                TestCommands.command(
                        victim,
                        ActionKind.ANSIBLE,
                        "write-marker",
                        "web1",
                        Map.of("message", "legit", "marker_path", markers.toString()));
        CommandSigner attacker =
                new CommandSigner(
                        Map.of(
                                TestCommands.KEY_ID,
                                "guessed-secret".getBytes(StandardCharsets.UTF_8)));
        String unsigned = key("unsigned");
        String unknownPlaybook = key("unknown-playbook");
        String badTarget = key("bad-target");

        send(attacker.sign(legit, TestCommands.KEY_ID));
        send(TestCommands.command(unsigned, ActionKind.ANSIBLE, "write-marker", "web1", Map.of()));
        send(
                TestCommands.signed(
                        TestCommands.command(
                                unknownPlaybook, ActionKind.ANSIBLE, "rm-rf", "web1", Map.of())));
        send(
                TestCommands.signed(
                        TestCommands.command(
                                badTarget,
                                ActionKind.ANSIBLE,
                                "write-marker",
                                "web1;reboot",
                                Map.of())));
        sendRaw("x", "{not json".getBytes(StandardCharsets.UTF_8));
        send(TestCommands.signed(legit));
        List<CommandResult> rs = results(6);

        assertThat(rs).hasSize(6);
        assertThat(rs.get(0).state()).isEqualTo(CommandState.REJECTED);
        assertThat(rs.get(0).reason()).contains("signature invalid");
        assertThat(of(rs, unsigned).reason()).contains("signature missing");
        assertThat(of(rs, unknownPlaybook).reason()).contains("not allowlisted");
        assertThat(of(rs, badTarget).reason()).contains("target");
        assertThat(rs.get(4).state()).isEqualTo(CommandState.REJECTED);
        assertThat(rs.get(4).reason()).contains("invalid command");
        List<ConsumerRecord<byte[], byte[]>> dead =
                broker.consume(deadLetters, 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8))
                .contains(commands)
                .contains("ActionCommand");
        assertThat(rs.get(5).idempotencyKey()).isEqualTo(victim);
        assertThat(rs.get(5).state())
                .as("a forged command must not occupy the key")
                .isEqualTo(CommandState.SUCCEEDED);
        assertThat(ledgerState(unsigned)).isNull();
        assertThat(ledgerState(unknownPlaybook)).isEqualTo("REJECTED");
        assertThat(markers.resolve("web1.txt")).hasContent("legit");
    }

    @Test
    void shouldNeverLeakAConfiguredSecretIntoResultsOrLogs() throws Exception {
        String k = key("secret");
        try (LogCapture logs = new LogCapture()) {
            start(config(null));
            send(
                    TestCommands.signed(
                            TestCommands.command(
                                    k,
                                    ActionKind.ANSIBLE,
                                    "echo-secret",
                                    "web1",
                                    Map.of("token", TestCommands.KEY_SECRET))));
            List<ConsumerRecord<byte[], byte[]>> raw =
                    broker.consume(results, 1, Duration.ofSeconds(120));

            assertThat(raw).hasSize(1);
            String json = new String(raw.get(0).value(), StandardCharsets.UTF_8);
            CommandResult r = CommandCodec.result(raw.get(0).value());
            assertThat(r.state()).as(r.reason()).isEqualTo(CommandState.SUCCEEDED);
            assertThat(r.stdoutExcerpt())
                    .as("the secret went through and was masked")
                    .contains("***");
            assertThat(json).doesNotContain(TestCommands.KEY_SECRET);
            assertThat(logs.text()).contains(r.commandId()).doesNotContain(TestCommands.KEY_SECRET);
            try (Connection c = db.connect();
                    PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT result::text FROM ralf.command_ledger WHERE idempotency_key = ?")) {
                ps.setString(1, k);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).doesNotContain(TestCommands.KEY_SECRET);
                }
            }
        }
    }

    @Test
    void shouldRejectAnUnknownCommandIssuedTooLongAgo() throws Exception {
        start(config(null).withMaxCommandAge(Duration.ofHours(1)));
        String old = key("old");
        String fresh = key("fresh");
        ActionCommand template =
                TestCommands.command(fresh, ActionKind.NOTIFY, "notify", "web1", Map.of());
        ActionCommand now =
                new ActionCommand(
                        template.schemaVersion(),
                        template.commandId(),
                        fresh,
                        Instant.now(),
                        template.kind(),
                        template.action(),
                        template.target(),
                        template.params(),
                        false,
                        false,
                        false,
                        60,
                        null,
                        null,
                        "fresh",
                        TestCommands.KEY_ID,
                        null);

        send(
                TestCommands.signed(
                        TestCommands.command(old, ActionKind.NOTIFY, "notify", "web1", Map.of())));
        send(TestCommands.signed(now));
        List<CommandResult> rs = results(2);

        assertThat(of(rs, old).state()).isEqualTo(CommandState.REJECTED);
        assertThat(of(rs, old).reason()).contains("outside the accepted age");
        assertThat(of(rs, fresh).state()).isEqualTo(CommandState.SUCCEEDED);
    }

    @Test
    void shouldGateOnApprovalsFromAllowlistedApproversOnly() throws Exception {
        start(config(null));
        String waiting = key("approve-later");
        String early = key("approved-early");
        String denied = key("denied");
        approve(early, "@alice:example.org", true);
        ActionCommand notify =
                TestCommands.command(waiting, ActionKind.NOTIFY, "notify", "web1", Map.of());

        send(TestCommands.signed(TestCommands.withFlags(notify, false, true, false, 60)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ledgerState(waiting), s -> "AWAITING_APPROVAL".equals(s));
        approve(waiting, "@mallory:example.org", true);
        send(
                TestCommands.signed(
                        TestCommands.withFlags(
                                TestCommands.command(
                                        early, ActionKind.NOTIFY, "notify", "web1", Map.of()),
                                false,
                                true,
                                false,
                                60)));
        send(
                TestCommands.signed(
                        TestCommands.withFlags(
                                TestCommands.command(
                                        denied, ActionKind.NOTIFY, "notify", "web1", Map.of()),
                                false,
                                true,
                                false,
                                60)));
        approve(denied, "@alice:example.org", false);
        List<CommandResult> first = results(2);

        assertThat(of(first, early).state())
                .as("approval that arrived before its command")
                .isEqualTo(CommandState.SUCCEEDED);
        assertThat(of(first, denied).state()).isEqualTo(CommandState.REJECTED);
        assertThat(of(first, denied).reason()).contains("denied by @alice:example.org");
        assertThat(ledgerState(waiting))
                .as("an approval from a non-allowlisted approver is ignored")
                .isEqualTo("AWAITING_APPROVAL");

        approve(waiting, "@alice:example.org", true);
        assertThat(of(results(3), waiting).state()).isEqualTo(CommandState.SUCCEEDED);
    }

    @Test
    void shouldRejectACommandWhoseApprovalExpires() throws Exception {
        start(config(null).withApprovals(Set.of("@alice:example.org"), Duration.ofSeconds(2)));
        String k = key("expire");

        send(
                TestCommands.signed(
                        TestCommands.withFlags(
                                TestCommands.command(
                                        k, ActionKind.NOTIFY, "notify", "web1", Map.of()),
                                false,
                                true,
                                false,
                                60)));
        CommandResult r = of(results(1), k);

        assertThat(r.state()).isEqualTo(CommandState.REJECTED);
        assertThat(r.reason()).contains("approval expired");
        approve(k, "@alice:example.org", true);
        String probe = key("probe");
        send(
                TestCommands.signed(
                        TestCommands.command(
                                probe, ActionKind.NOTIFY, "notify", "web1", Map.of())));
        assertThat(results(2)).extracting(CommandResult::idempotencyKey).containsExactly(k, probe);
        assertThat(ledgerState(k)).isEqualTo("REJECTED");
    }

    @Test
    void shouldForceDryRunForEverything() throws Exception {
        start(config(null).withDryRun(true));
        Path markers = Files.createDirectory(tmp.resolve("markers"));
        String k = key("forced-dry");

        send(
                TestCommands.signed(
                        TestCommands.command(
                                k,
                                ActionKind.ANSIBLE,
                                "write-marker",
                                "web1",
                                Map.of("message", "x", "marker_path", markers.toString()))));
        CommandResult r = of(results(1), k);

        assertThat(r.state()).as(r.reason()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(r.dryRun()).isTrue();
        assertThat(markers.resolve("web1.txt")).doesNotExist();
    }

    @Test
    void shouldRunAProxmoxActionFromKafka() throws Exception {
        pve =
                new FakeProxmox(Duration.ofMillis(200))
                        .addNode("pve1")
                        .addNode("pve2")
                        .addGuest("pve1", "qemu", 101, "web2", false)
                        .addToken(TestCommands.PVE_TOKEN_ID, TestCommands.PVE_SECRET)
                        .start();
        start(config(pve));
        String k = key("pve-start");

        send(
                TestCommands.signed(
                        TestCommands.command(
                                k, ActionKind.PROXMOX, "start", "pve1/qemu/101", Map.of())));
        CommandResult r = of(results(1), k);

        assertThat(r.state()).as(r.reason()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(r.taskStatus()).isEqualTo("OK");
        assertThat(pve.guest(101).status()).isEqualTo("running");
    }

    @Test
    void shouldReconcileWhatACrashLeftBehind() throws Exception {
        pve =
                new FakeProxmox(Duration.ofMillis(300))
                        .addNode("pve1")
                        .addGuest("pve1", "qemu", 101, "web2", false)
                        .addToken(TestCommands.PVE_TOKEN_ID, TestCommands.PVE_SECRET)
                        .start();
        ExecutorSettings cfg = config(pve);
        Path markers = Files.createDirectory(tmp.resolve("markers"));
        String notIdempotent = key("crash-ansible");
        String idempotent = key("crash-idempotent");
        String proxmox = key("crash-pve");
        String neverStarted = key("crash-received");
        Instant t0 = Instant.now();
        try (Database database = new Database(db.jdbcUrl(), db.user(), Secret.of(db.password()))) {
            // The state a crash leaves: ledger rows RUNNING (one with a Proxmox UPID) and RECEIVED.
            CommandLedger ledger = new JdbcCommandLedger(database);
            ActionCommand a =
                    TestCommands.signed(
                            TestCommands.command(
                                    notIdempotent,
                                    ActionKind.ANSIBLE,
                                    "write-marker",
                                    "web1",
                                    Map.of("message", "a", "marker_path", markers.toString())));
            ActionCommand b =
                    TestCommands.signed(
                            TestCommands.withFlags(
                                    TestCommands.command(
                                            idempotent,
                                            ActionKind.ANSIBLE,
                                            "write-marker",
                                            "web2",
                                            Map.of(
                                                    "message",
                                                    "b",
                                                    "marker_path",
                                                    markers.toString())),
                                    false,
                                    false,
                                    true,
                                    60));
            ActionCommand p =
                    TestCommands.signed(
                            TestCommands.command(
                                    proxmox,
                                    ActionKind.PROXMOX,
                                    "start",
                                    "pve1/qemu/101",
                                    Map.of()));
            ActionCommand n =
                    TestCommands.signed(
                            TestCommands.command(
                                    neverStarted, ActionKind.NOTIFY, "notify", "web1", Map.of()));
            for (ActionCommand c : List.of(a, b, p, n)) {
                assertThat(ledger.insertReceived(c, false, t0)).isTrue();
            }
            for (ActionCommand c : List.of(a, b, p)) {
                assertThat(
                                ledger.transition(
                                        c.idempotencyKey(),
                                        CommandState.RECEIVED,
                                        CommandState.RUNNING,
                                        null,
                                        cfg.executorId(),
                                        t0))
                        .isTrue();
            }
            String upid =
                    ProxmoxClient.of(cfg.proxmox())
                            .post("/nodes/pve1/qemu/101/status/start", Map.of())
                            .asText();
            ledger.setExternalRef(proxmox, upid);
        }

        start(cfg);
        List<CommandResult> rs = results(4);

        assertThat(of(rs, notIdempotent).state()).isEqualTo(CommandState.UNKNOWN);
        assertThat(of(rs, notIdempotent).reason()).contains("not re-run");
        assertThat(markers.resolve("web1.txt"))
                .as("a non-idempotent run is never repeated")
                .doesNotExist();
        assertThat(of(rs, idempotent).state()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(markers.resolve("web2.txt")).hasContent("b");
        assertThat(of(rs, proxmox).state()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(pve.tasks()).hasSize(1);
        assertThat(of(rs, neverStarted).state()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(ledgerState(notIdempotent)).isEqualTo("UNKNOWN");
    }
}
