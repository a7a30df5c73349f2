package org.ralf.executor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ralf.executor.config.ExecutorSettings;
import org.ralf.executor.config.Secret;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.ActionKind;
import org.ralf.schemas.command.CommandSigner;

/** Named values and builders shared by the executor's tests. */
public final class TestCommands {

    /** A fixed instant so that tests are reproducible. */
    public static final Instant ISSUED = Instant.parse("2024-06-01T12:00:00Z");

    /** The current signing key id and secret. */
    public static final String KEY_ID = "k2026";

    public static final String KEY_SECRET = "test-signing-secret-2026-do-not-leak";

    /** A second valid key (rotation). */
    public static final String OLD_KEY_ID = "k2025";

    public static final String OLD_KEY_SECRET = "test-signing-secret-2025-do-not-leak";

    /** The Proxmox token secret seeded into test configurations. */
    public static final String PVE_SECRET = "pve-token-secret-4f1c9a77";

    public static final String PVE_TOKEN_ID = "ralf@pve!executor";

    private TestCommands() {}

    /** A signer holding both test keys. */
    public static CommandSigner signer() {
        return new CommandSigner(
                Map.of(
                        KEY_ID, KEY_SECRET.getBytes(StandardCharsets.UTF_8),
                        OLD_KEY_ID, OLD_KEY_SECRET.getBytes(StandardCharsets.UTF_8)));
    }

    /** An unsigned command. */
    public static ActionCommand command(
            String key, ActionKind kind, String action, String target, Map<String, Object> params) {
        return new ActionCommand(
                ActionCommand.SCHEMA_VERSION,
                "cmd-" + key,
                key,
                ISSUED,
                kind,
                action,
                target,
                params,
                false,
                false,
                false,
                60,
                "inc-1",
                null,
                "test",
                KEY_ID,
                null);
    }

    /** The same command signed with the current key. */
    public static ActionCommand signed(ActionCommand c) {
        return signer().sign(c, KEY_ID);
    }

    /** A copy with other flags (dryRun, requiresApproval, idempotent, timeout). */
    public static ActionCommand withFlags(
            ActionCommand c,
            boolean dryRun,
            boolean approval,
            boolean idempotent,
            int timeoutSeconds) {
        return new ActionCommand(
                c.schemaVersion(),
                c.commandId(),
                c.idempotencyKey(),
                c.issuedAt(),
                c.kind(),
                c.action(),
                c.target(),
                c.params(),
                dryRun,
                approval,
                idempotent,
                timeoutSeconds,
                c.incidentId(),
                c.decisionId(),
                c.reason(),
                c.keyId(),
                null);
    }

    /**
     * A configuration with the test keys, the Ansible test playbooks, one OpenTofu workspace and a
     * Proxmox section pointing at {@code proxmoxUrl} (null: disabled).
     */
    public static ExecutorSettings config(
            Path workDir,
            Path ansibleDir,
            Path tofuDir,
            String tofuBinary,
            @javax.annotation.Nullable java.net.URI proxmoxUrl,
            @javax.annotation.Nullable String fingerprint) {
        Path inv = ansibleDir.resolve("inventory.ini");
        Map<String, ExecutorSettings.Playbook> playbooks =
                Map.of(
                        "write-marker",
                                new ExecutorSettings.Playbook(
                                        ansibleDir.resolve("write-marker.yml"),
                                        inv,
                                        List.of("web*", "db1")),
                        "fail-on-db",
                                new ExecutorSettings.Playbook(
                                        ansibleDir.resolve("fail-on-db.yml"), inv, List.of("*")),
                        "sleep",
                                new ExecutorSettings.Playbook(
                                        ansibleDir.resolve("sleep.yml"), inv, List.of("web1")),
                        "echo-secret",
                                new ExecutorSettings.Playbook(
                                        ansibleDir.resolve("echo-secret.yml"),
                                        inv,
                                        List.of("web1")));
        ExecutorSettings.Proxmox px =
                proxmoxUrl == null
                        ? ExecutorSettings.Proxmox.disabled()
                        : new ExecutorSettings.Proxmox(
                                proxmoxUrl,
                                PVE_TOKEN_ID,
                                Secret.of(PVE_SECRET),
                                fingerprint,
                                Duration.ofMillis(50),
                                Map.of(
                                        "start", List.of("pve*/qemu/1*", "pve*/lxc/2*"),
                                        "shutdown", List.of("pve*/*"),
                                        "stop", List.of("pve*/*"),
                                        "reboot", List.of("pve*/*"),
                                        "migrate", List.of("pve*/qemu/*"),
                                        "snapshot", List.of("pve*/*"),
                                        "backup", List.of("pve*/*")),
                                List.of("pbs"));
        return new ExecutorSettings(
                "executor-test",
                "localhost:9092",
                "ralf-executor-test",
                "ralf.commands",
                "ralf.command-results",
                "ralf.approvals",
                "ralf.deadletter",
                "jdbc:postgresql://localhost/ralf",
                "ralf",
                Secret.of(""),
                false,
                workDir,
                Map.of(KEY_ID, Secret.of(KEY_SECRET), OLD_KEY_ID, Secret.of(OLD_KEY_SECRET)),
                Set.of("@alice:example.org"),
                Duration.ofMinutes(30),
                Duration.ofMinutes(10),
                // ISSUED is a fixed instant in the past; the age check gets its own test.
                Duration.ofDays(36_500),
                2000,
                List.of(),
                new ExecutorSettings.Ansible("ansible-playbook", playbooks),
                new ExecutorSettings.Tofu(
                        tofuBinary,
                        Map.of(
                                "lab",
                                new ExecutorSettings.Workspace(tofuDir, List.of("lab", "lab-*")))),
                px);
    }
}
