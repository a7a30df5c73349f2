package org.ralf.executor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ralf.executor.TestCommands.command;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ralf.executor.TestCommands;
import org.ralf.schemas.command.ActionKind;

class AllowlistTest {

    private final Allowlist allowlist =
            new Allowlist(
                    TestCommands.config(
                            Path.of("/tmp/w"),
                            Path.of("/etc/ansible"),
                            Path.of("/srv/tofu"),
                            "tofu",
                            URI.create("https://pve1:8006"),
                            null));

    @Test
    void shouldAllowListedPlaybookOnMatchingTarget() {
        assertThat(
                        allowlist.rejection(
                                command(
                                        "k1",
                                        ActionKind.ANSIBLE,
                                        "write-marker",
                                        "web2",
                                        Map.of("message", "x"))))
                .isEmpty();
    }

    @Test
    void shouldRejectUnknownPlaybook() {
        assertThat(
                        allowlist.rejection(
                                command(
                                        "k1",
                                        ActionKind.ANSIBLE,
                                        "rm-everything",
                                        "web1",
                                        Map.of())))
                .hasValueSatisfying(r -> assertThat(r).contains("not allowlisted"));
    }

    @Test
    void shouldRejectTargetOutsidePlaybookPatterns() {
        assertThat(
                        allowlist.rejection(
                                command("k1", ActionKind.ANSIBLE, "write-marker", "db2", Map.of())))
                .hasValueSatisfying(r -> assertThat(r).contains("not allowed"));
    }

    @Test
    void shouldRejectTargetsWithShellOrHostPatternCharacters() {
        for (String t :
                new String[] {
                    "web1;rm -rf /",
                    "web1 web2",
                    "web*",
                    "-e@/etc/passwd",
                    "web1:db1",
                    "!web1",
                    "$(id)",
                    "web1\n"
                }) {
            assertThat(
                            allowlist.rejection(
                                    command("k1", ActionKind.ANSIBLE, "fail-on-db", t, Map.of())))
                    .as(t)
                    .isPresent();
        }
    }

    @Test
    void shouldRejectAnsibleConnectionOverridesInExtraVars() {
        assertThat(
                        allowlist.rejection(
                                command(
                                        "k1",
                                        ActionKind.ANSIBLE,
                                        "write-marker",
                                        "web1",
                                        Map.of("ansible_become", true))))
                .isPresent();
        assertThat(
                        allowlist.rejection(
                                command(
                                        "k1",
                                        ActionKind.ANSIBLE,
                                        "write-marker",
                                        "web1",
                                        Map.of("bad name", 1))))
                .isPresent();
    }

    @Test
    void shouldRejectUnknownWorkspace() {
        assertThat(allowlist.rejection(command("k1", ActionKind.OPENTOFU, "prod", "lab", Map.of())))
                .isPresent();
        assertThat(
                        allowlist.rejection(
                                command("k1", ActionKind.OPENTOFU, "lab", "lab-2", Map.of())))
                .isEmpty();
        assertThat(allowlist.rejection(command("k1", ActionKind.OPENTOFU, "lab", "prod", Map.of())))
                .isPresent();
    }

    @Test
    void shouldCheckProxmoxActionTargetAndParameters() {
        assertThat(
                        allowlist.rejection(
                                command(
                                        "k",
                                        ActionKind.PROXMOX,
                                        "start",
                                        "pve1/qemu/101",
                                        Map.of())))
                .isEmpty();
        assertThat(
                        allowlist.rejection(
                                command(
                                        "k",
                                        ActionKind.PROXMOX,
                                        "start",
                                        "pve1/qemu/301",
                                        Map.of())))
                .isPresent();
        assertThat(
                        allowlist.rejection(
                                command(
                                        "k",
                                        ActionKind.PROXMOX,
                                        "destroy",
                                        "pve1/qemu/101",
                                        Map.of())))
                .isPresent();
        assertThat(
                        allowlist.rejection(
                                command("k", ActionKind.PROXMOX, "start", "pve1/vm/101", Map.of())))
                .isPresent();
        assertThat(
                        allowlist.rejection(
                                command(
                                        "k",
                                        ActionKind.PROXMOX,
                                        "migrate",
                                        "pve1/qemu/101",
                                        Map.of("targetNode", "pve2"))))
                .isEmpty();
        assertThat(
                        allowlist.rejection(
                                command(
                                        "k",
                                        ActionKind.PROXMOX,
                                        "migrate",
                                        "pve1/lxc/201",
                                        Map.of("targetNode", "pve2"))))
                .isPresent();
        assertThat(
                        allowlist.rejection(
                                command(
                                        "k",
                                        ActionKind.PROXMOX,
                                        "migrate",
                                        "pve1/qemu/101",
                                        Map.of("targetNode", "pve2&x=1"))))
                .isPresent();
        assertThat(
                        allowlist.rejection(
                                command(
                                        "k",
                                        ActionKind.PROXMOX,
                                        "backup",
                                        "pve1/qemu/101",
                                        Map.of("storage", "pbs"))))
                .isEmpty();
        assertThat(
                        allowlist.rejection(
                                command(
                                        "k",
                                        ActionKind.PROXMOX,
                                        "backup",
                                        "pve1/qemu/101",
                                        Map.of("storage", "local"))))
                .isPresent();
        assertThat(
                        allowlist.rejection(
                                command(
                                        "k",
                                        ActionKind.PROXMOX,
                                        "start",
                                        "pve1/qemu/101",
                                        Map.of("force", 1))))
                .isPresent();
    }

    @Test
    void shouldRejectProxmoxWhenNotConfigured() {
        Allowlist none =
                new Allowlist(
                        TestCommands.config(
                                Path.of("/tmp/w"),
                                Path.of("/a"),
                                Path.of("/t"),
                                "tofu",
                                null,
                                null));
        assertThat(
                        none.rejection(
                                command(
                                        "k",
                                        ActionKind.PROXMOX,
                                        "start",
                                        "pve1/qemu/101",
                                        Map.of())))
                .isPresent();
    }

    @Test
    void shouldMatchGlobsLiterallyApartFromWildcards() {
        assertThat(TargetPattern.glob("web.1").matches("webx1")).isFalse();
        assertThat(TargetPattern.glob("web?").matches("web1")).isTrue();
        assertThat(TargetPattern.glob("pve*/qemu/1*").matches("pve2/qemu/104")).isTrue();
        assertThat(TargetPattern.glob("pve*/qemu/1*").matches("pve2/lxc/104")).isFalse();
    }
}
