package org.ralf.executor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorSettingsTest {

    @TempDir Path dir;

    private Path yaml(String body) throws IOException {
        Path p = dir.resolve("ralf.yaml");
        Files.writeString(p, body);
        return p;
    }

    @Test
    void shouldReadExecutorSectionWithSecretsFromEnvAndFile() throws Exception {
        Files.writeString(dir.resolve("old.key"), "old-secret-value\n");
        Path p =
                yaml(
                        """
                        other: {ignored: true}
                        executor:
                          id: exec-a
                          signing:
                            keys:
                              - {id: k2, secret-env: SIGNING_K2}
                              - {id: k1, secret-file: old.key}
                          approvals: {approvers: ["@alice:example.org"], ttl: 10m}
                          ansible:
                            playbooks:
                              restart-nginx: {path: playbooks/nginx.yml, inventory: inventory.ini, targets: ["web*"]}
                          opentofu:
                            binary: /usr/local/bin/tofu
                            workspaces:
                              lab: {dir: tofu/lab, targets: [lab]}
                          proxmox:
                            url: https://pve1:8006
                            token-id: ralf@pve!executor
                            token-secret-env: PVE_SECRET
                            fingerprint: "AA:BB"
                            actions: {start: ["pve1/qemu/*"]}
                            backup-storages: [pbs]
                        """);
        ExecutorSettings c =
                ExecutorSettings.fromYaml(
                        p,
                        Map.of(
                                "SIGNING_K2",
                                "new-secret-value",
                                "PVE_SECRET",
                                "pve-secret-value",
                                "RALF_EXECUTOR_BOOTSTRAP_SERVERS",
                                "broker:9092"));

        assertThat(c.executorId()).isEqualTo("exec-a");
        assertThat(c.bootstrapServers()).isEqualTo("broker:9092");
        assertThat(c.signingKeys().get("k2").reveal()).isEqualTo("new-secret-value");
        assertThat(c.signingKeys().get("k1").reveal()).isEqualTo("old-secret-value");
        assertThat(c.approvalTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.ansible().playbooks().get("restart-nginx").path())
                .isEqualTo(dir.resolve("playbooks/nginx.yml"));
        assertThat(c.tofu().workspaces().get("lab").dir()).isEqualTo(dir.resolve("tofu/lab"));
        assertThat(c.proxmox().tokenSecret().reveal()).isEqualTo("pve-secret-value");
        assertThat(c.proxmox().actions()).containsKey("start");
    }

    @Test
    void shouldChangeOnlyTheNamedPartsInEveryCopy() throws Exception {
        // Arrange
        Files.writeString(dir.resolve("k.key"), "secret-value\n");
        ExecutorSettings c =
                ExecutorSettings.fromYaml(
                        yaml(
                                """
                                executor:
                                  id: exec-b
                                  signing: {keys: [{id: k1, secret-file: k.key}]}
                                """),
                        Map.of());

        // Act: each copy changes its parts, and changing them back gives the original again
        ExecutorSettings dry = c.withDryRun(!c.dryRun());
        ExecutorSettings kafka = c.withKafka("elsewhere:9092");
        ExecutorSettings jdbc = c.withJdbc("jdbc:postgresql://x/y", "u", Secret.of("p"));
        ExecutorSettings topics = c.withTopics("c", "r", "a", "g");
        ExecutorSettings approvals =
                c.withApprovals(Set.of("@bob:example.org"), Duration.ofHours(2));
        ExecutorSettings proxmox = c.withProxmox(ExecutorSettings.Proxmox.disabled());
        ExecutorSettings age = c.withMaxCommandAge(Duration.ofMinutes(3));
        ExecutorSettings dead = c.withDeadLetterTopic("dl");

        // Assert
        assertThat(dry.dryRun()).isNotEqualTo(c.dryRun());
        assertThat(dry.withDryRun(c.dryRun())).isEqualTo(c);
        assertThat(kafka.bootstrapServers()).isEqualTo("elsewhere:9092");
        assertThat(kafka.withKafka(c.bootstrapServers())).isEqualTo(c);
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://x/y");
        assertThat(jdbc.withJdbc(c.jdbcUrl(), c.jdbcUser(), c.jdbcPassword())).isEqualTo(c);
        assertThat(List.of(topics.commandsTopic(), topics.resultsTopic(), topics.approvalsTopic()))
                .containsExactly("c", "r", "a");
        assertThat(
                        topics.withTopics(
                                c.commandsTopic(),
                                c.resultsTopic(),
                                c.approvalsTopic(),
                                c.groupId()))
                .isEqualTo(c);
        assertThat(approvals.approvers()).containsExactly("@bob:example.org");
        assertThat(approvals.withApprovals(c.approvers(), c.approvalTtl())).isEqualTo(c);
        assertThat(proxmox.withProxmox(c.proxmox())).isEqualTo(c);
        assertThat(proxmox.withAnsible(c.ansible())).isEqualTo(proxmox);
        assertThat(age.maxCommandAge()).isEqualTo(Duration.ofMinutes(3));
        assertThat(age.withMaxCommandAge(c.maxCommandAge())).isEqualTo(c);
        assertThat(dead.deadLetterTopic()).isEqualTo("dl");
        assertThat(dead.withDeadLetterTopic(c.deadLetterTopic())).isEqualTo(c);
    }

    @Test
    void shouldNeverPrintSecretsInToString() throws Exception {
        Path p =
                yaml(
                        """
                        executor:
                          jdbc: {password: jdbc-secret-value}
                          signing: {keys: [{id: k1, secret: signing-secret-value}]}
                        """);
        ExecutorSettings c = ExecutorSettings.fromYaml(p, Map.of());

        assertThat(c.toString())
                .doesNotContain("jdbc-secret-value")
                .doesNotContain("signing-secret-value");
        assertThat(c.secretValues()).contains("jdbc-secret-value", "signing-secret-value");
    }

    @Test
    void shouldAddSigningKeysFromEnvironment() throws Exception {
        Path p = yaml("executor: {}\n");
        ExecutorSettings c =
                ExecutorSettings.fromYaml(
                        p, Map.of("RALF_EXECUTOR_SIGNING_KEYS", "a=one-secret,b=two-secret"));
        assertThat(c.signingKeys()).containsOnlyKeys("a", "b");
    }

    @Test
    void shouldOverrideAnyScalarKeyFromTheEnvironment() throws Exception {
        Path p =
                yaml(
                        "executor: {group-id: from-file, signing: {keys: [{id: k, secret: s-value}]}}\n");

        ExecutorSettings c =
                ExecutorSettings.fromYaml(
                        p,
                        Map.of(
                                "RALF_EXECUTOR_GROUP_ID",
                                "from-env",
                                "RALF_EXECUTOR_DRY_RUN",
                                "true",
                                "RALF_EXECUTOR_APPROVALS_TTL",
                                "90s"));

        assertThat(c.groupId()).isEqualTo("from-env");
        assertThat(c.dryRun()).isTrue();
        assertThat(c.approvalTtl()).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(
                        () -> ExecutorSettings.fromYaml(p, Map.of("RALF_EXECUTOR_DRY_RUN", "yes")))
                .hasMessageContaining("RALF_EXECUTOR_DRY_RUN");
    }

    @Test
    void shouldFailNamingTheKey() throws Exception {
        assertThatThrownBy(() -> ExecutorSettings.fromYaml(yaml("executor: {}\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("executor.signing.keys");
        assertThatThrownBy(
                        () ->
                                ExecutorSettings.fromYaml(
                                        yaml(
                                                "executor: {signing: {keys: [{id: k, secret-env: NOPE}]}}\n"),
                                        Map.of()))
                .hasMessageContaining("executor.signing.keys[0].secret-env");
        assertThatThrownBy(
                        () ->
                                ExecutorSettings.fromYaml(
                                        yaml(
                                                "executor: {signing: {keys: [{id: k, secret: s}]}, proxmox: {url: 'http://x', token-id: a@b!c, token-secret: s}}\n"),
                                        Map.of()))
                .hasMessageContaining("executor.proxmox.url");
        assertThatThrownBy(
                        () ->
                                ExecutorSettings.fromYaml(
                                        yaml(
                                                "executor: {signing: {keys: [{id: k, secret: s}]}, approvals: {ttl: soon}}\n"),
                                        Map.of()))
                .hasMessageContaining("executor.approvals.ttl");
    }

    @Test
    void shouldRejectAnUnknownKeyInsideAnEntryNamingTheNearestKnownKey() throws Exception {
        // Arrange: a typo in a playbook entry and in a signing key entry
        Path playbook =
                yaml(
                        """
                        executor:
                          signing: {keys: [{id: k, secret: s-value}]}
                          ansible:
                            playbooks:
                              restart-nginx: {path: p.yml, inventory: i.ini, target: ["web*"]}
                        """);

        // Act / Assert
        assertThatThrownBy(() -> ExecutorSettings.fromYaml(playbook, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("executor.ansible.playbooks.restart-nginx.target")
                .hasMessageContaining("did you mean 'targets'");
        assertThatThrownBy(
                        () ->
                                ExecutorSettings.fromYaml(
                                        yaml(
                                                "executor: {signing: {keys: [{id: k, secrets: s}]}}\n"),
                                        Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("executor.signing.keys[0].secrets")
                .hasMessageContaining("did you mean 'secret'");
    }

    @Test
    void shouldOverrideThroughTheVariableOfEachOption() throws Exception {
        // Arrange
        Path p = yaml("executor: {jdbc: {url: 'jdbc:postgresql://file/db'}}\n");
        Map<String, String> env =
                Map.of(
                        ExecutorOptions.JDBC_URL.environmentVariable(),
                        "jdbc:postgresql://env/db",
                        ExecutorOptions.JDBC_PASSWORD_VALUE.environmentVariable(),
                        "env-password",
                        ExecutorOptions.SIGNING_KEYS.environmentVariable(),
                        "k=env-secret",
                        ExecutorOptions.APPROVERS.environmentVariable(),
                        "@a:example.org, @b:example.org");

        // Act
        ExecutorSettings c = ExecutorSettings.fromYaml(p, env);

        // Assert
        assertThat(ExecutorOptions.JDBC_URL.environmentVariable())
                .isEqualTo("RALF_EXECUTOR_JDBC_URL");
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://env/db");
        assertThat(c.jdbcPassword().reveal()).isEqualTo("env-password");
        assertThat(c.signingKeys().get("k").reveal()).isEqualTo("env-secret");
        assertThat(c.approvers()).containsExactlyInAnyOrder("@a:example.org", "@b:example.org");
    }
}
