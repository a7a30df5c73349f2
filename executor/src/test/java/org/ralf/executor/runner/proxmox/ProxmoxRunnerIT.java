package org.ralf.executor.runner.proxmox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.executor.TestCommands;
import org.ralf.executor.config.Secret;
import org.ralf.executor.runner.RunListener;
import org.ralf.executor.runner.RunOutcome;
import org.ralf.executor.runner.RunRequest;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.ActionKind;
import org.ralf.schemas.command.CommandState;
import org.ralf.simulator.proxmox.FakeProxmox;

/** ProxmoxClient and ProxmoxRunner against FakeProxmox over HTTPS with certificate pinning. */
class ProxmoxRunnerIT {

    @TempDir Path tmp;
    @Nullable private FakeProxmox pve;

    private FakeProxmox fake(Duration taskDuration) {
        pve =
                new FakeProxmox(taskDuration)
                        .addNode("pve1")
                        .addNode("pve2")
                        .addStorage("local", "dir", "iso,vztmpl,backup")
                        .addStorage("pbs", "pbs", "backup")
                        .addGuest("pve1", "qemu", 100, "web1", true)
                        .addGuest("pve1", "qemu", 101, "web2", false)
                        .addGuest("pve1", "lxc", 200, "dns", true)
                        .addToken(TestCommands.PVE_TOKEN_ID, TestCommands.PVE_SECRET)
                        .start();
        return pve;
    }

    @AfterEach
    void stop() {
        if (pve != null) {
            pve.close();
        }
    }

    private ProxmoxClient client(FakeProxmox f, @Nullable String fingerprint, String secret)
            throws Exception {
        return new ProxmoxClient(
                f.baseUri(),
                TestCommands.PVE_TOKEN_ID,
                Secret.of(secret),
                fingerprint,
                Duration.ofSeconds(10));
    }

    private RunOutcome run(
            ProxmoxClient client,
            String action,
            String target,
            Map<String, Object> params,
            boolean dryRun,
            int timeoutSeconds,
            RunListener listener)
            throws InterruptedException {
        ActionCommand c =
                TestCommands.command("k-" + action, ActionKind.PROXMOX, action, target, params);
        return new ProxmoxRunner(client, Duration.ofMillis(20), Clock.systemUTC())
                .run(new RunRequest(c, dryRun, Duration.ofSeconds(timeoutSeconds), tmp, listener));
    }

    private static final class Refs implements RunListener {
        final List<String> refs = new ArrayList<>();

        @Override
        public void externalRef(String ref) {
            refs.add(ref);
        }
    }

    @Test
    void shouldStartAGuestAndWaitForItsTask() throws Exception {
        FakeProxmox f = fake(Duration.ofMillis(300));
        Refs refs = new Refs();

        RunOutcome o =
                run(
                        client(f, f.sha256Fingerprint(), TestCommands.PVE_SECRET),
                        "start",
                        "pve1/qemu/101",
                        Map.of(),
                        false,
                        30,
                        refs);

        assertThat(o.state()).as(o.reason()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(o.taskStatus()).isEqualTo("OK");
        assertThat(f.guest(101).status()).isEqualTo("running");
        assertThat(refs.refs)
                .singleElement()
                .satisfies(u -> assertThat(u).startsWith("UPID:pve1:").contains(":qmstart:101:"));
        assertThat(f.requests()).allMatch(FakeProxmox.RecordedRequest::authorized);
    }

    @Test
    void shouldReportTheTaskErrorOfAFailedAction() throws Exception {
        FakeProxmox f = fake(Duration.ZERO);

        RunOutcome o =
                run(
                        client(f, f.sha256Fingerprint(), TestCommands.PVE_SECRET),
                        "start",
                        "pve1/qemu/100",
                        Map.of(),
                        false,
                        30,
                        RunListener.NONE);

        assertThat(o.state()).isEqualTo(CommandState.FAILED);
        assertThat(o.reason()).contains("VM 100 already running");
    }

    @Test
    void shouldMigrateQemuOnlineAndSnapshotAndBackUp() throws Exception {
        FakeProxmox f = fake(Duration.ofMillis(50));
        ProxmoxClient c = client(f, f.sha256Fingerprint(), TestCommands.PVE_SECRET);

        RunOutcome migrate =
                run(
                        c,
                        "migrate",
                        "pve1/qemu/100",
                        Map.of("targetNode", "pve2"),
                        false,
                        30,
                        RunListener.NONE);
        RunOutcome snap =
                run(
                        c,
                        "snapshot",
                        "pve1/lxc/200",
                        Map.of("snapname", "before-fix"),
                        false,
                        30,
                        RunListener.NONE);
        RunOutcome backup =
                run(
                        c,
                        "backup",
                        "pve1/lxc/200",
                        Map.of("storage", "pbs"),
                        false,
                        30,
                        RunListener.NONE);

        assertThat(List.of(migrate, snap, backup))
                .allSatisfy(
                        o ->
                                assertThat(o.state())
                                        .as(o.reason())
                                        .isEqualTo(CommandState.SUCCEEDED));
        assertThat(f.guest(100).node()).isEqualTo("pve2");
        assertThat(f.requests())
                .anySatisfy(
                        r -> {
                            assertThat(r.path()).endsWith("/qemu/100/migrate");
                            assertThat(r.params())
                                    .containsEntry("online", "1")
                                    .containsEntry("target", "pve2");
                        });
        assertThat(f.guest(200).snapshots()).containsExactly("before-fix");
        assertThat(f.backups("pbs"))
                .singleElement()
                .satisfies(v -> assertThat(v).startsWith("pbs:backup/vzdump-lxc-200-"));
        assertThat(f.requests())
                .anySatisfy(
                        r ->
                                assertThat(r.params())
                                        .containsEntry("mode", "snapshot")
                                        .containsEntry("vmid", "200"));
    }

    @Test
    void shouldOnlyReadStatusInDryRun() throws Exception {
        FakeProxmox f = fake(Duration.ZERO);

        RunOutcome o =
                run(
                        client(f, f.sha256Fingerprint(), TestCommands.PVE_SECRET),
                        "shutdown",
                        "pve1/qemu/100",
                        Map.of(),
                        true,
                        30,
                        RunListener.NONE);

        assertThat(o.state()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(o.reason()).contains("would shutdown").contains("currently running");
        assertThat(f.tasks()).isEmpty();
        assertThat(f.guest(100).status()).isEqualTo("running");
    }

    @Test
    void shouldStopATaskThatOutlivesTheTimeout() throws Exception {
        FakeProxmox f = fake(Duration.ofMinutes(10));

        RunOutcome o =
                run(
                        client(f, f.sha256Fingerprint(), TestCommands.PVE_SECRET),
                        "stop",
                        "pve1/qemu/100",
                        Map.of(),
                        false,
                        1,
                        RunListener.NONE);

        assertThat(o.state()).isEqualTo(CommandState.TIMED_OUT);
        assertThat(f.tasks())
                .singleElement()
                .satisfies(
                        t -> {
                            assertThat(t.status()).isEqualTo("stopped");
                            assertThat(t.exitStatus()).isEqualTo("interrupted by signal");
                        });
        assertThat(f.guest(100).status()).isEqualTo("running");
    }

    @Test
    void shouldRefuseAServerWhoseCertificateDoesNotMatchThePin() throws Exception {
        FakeProxmox f = fake(Duration.ZERO);
        String wrongPin = "00:" + f.sha256Fingerprint().substring(3);

        RunOutcome o =
                run(
                        client(f, wrongPin, TestCommands.PVE_SECRET),
                        "stop",
                        "pve1/qemu/100",
                        Map.of(),
                        false,
                        5,
                        RunListener.NONE);

        assertThat(o.state()).isEqualTo(CommandState.FAILED);
        assertThat(f.requests())
                .as("TLS fails before any request is sent, token included")
                .isEmpty();
        assertThat(o.reason()).doesNotContain(TestCommands.PVE_SECRET);
    }

    @Test
    void shouldRefuseASelfSignedCertificateWithoutAPin() throws Exception {
        FakeProxmox f = fake(Duration.ZERO);

        RunOutcome o =
                run(
                        client(f, null, TestCommands.PVE_SECRET),
                        "stop",
                        "pve1/qemu/100",
                        Map.of(),
                        false,
                        5,
                        RunListener.NONE);

        assertThat(o.state()).isEqualTo(CommandState.FAILED);
        assertThat(f.requests()).isEmpty();
    }

    @Test
    void shouldReportAnAuthenticationFailureWithoutTheToken() throws Exception {
        FakeProxmox f = fake(Duration.ZERO);

        RunOutcome o =
                run(
                        client(f, f.sha256Fingerprint(), "wrong-secret-value"),
                        "stop",
                        "pve1/qemu/100",
                        Map.of(),
                        false,
                        5,
                        RunListener.NONE);

        assertThat(o.state()).isEqualTo(CommandState.FAILED);
        assertThat(o.reason()).contains("401").doesNotContain("wrong-secret-value");
        assertThat(f.tasks()).isEmpty();
    }

    @Test
    void shouldServeTheDiscoveryEndpoints() throws Exception {
        FakeProxmox f = fake(Duration.ZERO);
        ProxmoxClient c = client(f, f.sha256Fingerprint(), TestCommands.PVE_SECRET);

        JsonNode resources = c.get("/cluster/resources");
        JsonNode vms = c.get("/cluster/resources?type=vm");
        JsonNode qemu = c.get("/nodes/pve1/qemu");
        JsonNode lxc = c.get("/nodes/pve1/lxc");
        JsonNode nodes = c.get("/nodes");
        JsonNode storage = c.get("/storage");

        assertThat(resources).hasSize(2 + 3 + 2 * 2);
        assertThat(vms).hasSize(3);
        assertThat(vms.get(0).path("id").asText()).isEqualTo("qemu/100");
        assertThat(qemu).extracting(n -> n.path("vmid").asInt()).containsExactly(100, 101);
        assertThat(lxc).extracting(n -> n.path("name").asText()).containsExactly("dns");
        assertThat(nodes).extracting(n -> n.path("node").asText()).containsExactly("pve1", "pve2");
        assertThat(storage).extracting(n -> n.path("type").asText()).containsExactly("dir", "pbs");
    }
}
