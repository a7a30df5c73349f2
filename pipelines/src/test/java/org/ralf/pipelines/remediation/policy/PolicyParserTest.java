package org.ralf.pipelines.remediation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.command.ActionKind;

class PolicyParserTest {

    @Test
    void shouldParseACompleteDocument() throws Exception {
        // Arrange
        String yaml =
                """
                description: restart
                priority: 5
                match:
                  anomalyKinds: [TREND]
                  detectors: ["mem-*"]
                  entityRoles: [service]
                  entities: ["web*"]
                  labels: {env: prod}
                  minScore: 0.6
                verifyWithin: 90s
                guards: {cooldown: 1h, maxActionsPerHourPerTarget: 2, maxBlastRadius: 0.2, dryRun: true}
                actions:
                  - {id: restart, kind: ansible, action: restart.yml, params: {service: nginx}, timeout: 2m}
                """;

        // Act
        Policy p = PolicyParser.parse("mem", 3, true, yaml);

        // Assert
        assertThat(p.version()).isEqualTo(3);
        assertThat(p.verifyWithinMs()).isEqualTo(90_000);
        assertThat(p.guards()).isEqualTo(new PolicyGuards(3_600_000, 2, 0.2, true));
        assertThat(p.actions())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.kind()).isEqualTo(ActionKind.ANSIBLE);
                            assertThat(a.timeoutSeconds()).isEqualTo(120);
                            assertThat(a.params()).containsEntry("service", "nginx");
                        });
        assertThat(
                        p.matches(
                                Set.of("TREND"),
                                Set.of("mem-leak"),
                                "service",
                                "web01/app",
                                java.util.Map.of("env", "prod"),
                                0.7))
                .isTrue();
        assertThat(
                        p.matches(
                                Set.of("TREND"),
                                Set.of("mem-leak"),
                                "service",
                                "db01/app",
                                java.util.Map.of("env", "prod"),
                                0.7))
                .isFalse();
        assertThat(
                        p.matches(
                                Set.of("TREND"),
                                Set.of("mem-leak"),
                                "service",
                                "web01/app",
                                java.util.Map.of("env", "dev"),
                                0.7))
                .isFalse();
    }

    @Test
    void shouldMatchMetricGlobsAgainstTheMetricsOfTheIncident() throws Exception {
        // Arrange
        String yaml =
                """
                match:
                  anomalyKinds: [METRIC_OUTLIER]
                  metrics: ["container_memory_*", "node_memory_MemAvailable_bytes"]
                actions:
                  - {id: notify, kind: notify}
                """;
        Policy p = PolicyParser.parse("leak", 1, true, yaml);
        Set<String> kinds = Set.of("METRIC_OUTLIER");
        Set<String> detectors = Set.of("series-detector");

        // Act + Assert
        assertThat(p.match().metrics())
                .containsExactly("container_memory_*", "node_memory_MemAvailable_bytes");
        assertThat(
                        p.matches(
                                kinds,
                                detectors,
                                Set.of("node_load1", "container_memory_working_set_bytes"),
                                "service",
                                "git/gitea",
                                java.util.Map.of(),
                                0.9))
                .isTrue();
        assertThat(
                        p.matches(
                                kinds,
                                detectors,
                                Set.of("node_load1"),
                                "service",
                                "git/gitea",
                                java.util.Map.of(),
                                0.9))
                .isFalse();
        assertThat(p.matches(kinds, detectors, "service", "git/gitea", java.util.Map.of(), 0.9))
                .isFalse();
    }

    @Test
    void shouldListEveryProblemWithItsPath() {
        // Arrange
        String yaml =
                """
                match: {anomalyKinds: [NOPE], entityRoles: [cluster]}
                guards: {maxBlastRadius: 2, colddown: 5m}
                verifyWithin: soon
                actions:
                  - {kind: PROXMOX, action: explode}
                  - {kind: PROXMOX, action: migrate}
                  - {kind: SHELL, action: rm}
                """;

        // Act + Assert
        assertThatThrownBy(() -> PolicyParser.parse("bad", 1, true, yaml))
                .isInstanceOfSatisfying(
                        PolicyException.class,
                        e ->
                                assertThat(e.errors())
                                        .anySatisfy(
                                                m ->
                                                        assertThat(m)
                                                                .startsWith(
                                                                        "match.anomalyKinds: unknown kind 'NOPE'"))
                                        .anySatisfy(
                                                m ->
                                                        assertThat(m)
                                                                .startsWith(
                                                                        "match.entityRoles: unknown role 'cluster'"))
                                        .anySatisfy(
                                                m ->
                                                        assertThat(m)
                                                                .startsWith(
                                                                        "guards.maxBlastRadius: must be in (0, 1]"))
                                        .anySatisfy(
                                                m ->
                                                        assertThat(m)
                                                                .startsWith(
                                                                        "guards.colddown: unknown key"))
                                        .anySatisfy(
                                                m ->
                                                        assertThat(m)
                                                                .startsWith(
                                                                        "verifyWithin: not a duration"))
                                        .anySatisfy(
                                                m ->
                                                        assertThat(m)
                                                                .startsWith(
                                                                        "actions[0].action: unknown Proxmox action 'explode'"))
                                        .anySatisfy(
                                                m ->
                                                        assertThat(m)
                                                                .isEqualTo(
                                                                        "actions[1]: destructive action PROXMOX:migrate must set requiresApproval: true"))
                                        .anySatisfy(
                                                m ->
                                                        assertThat(m)
                                                                .startsWith(
                                                                        "actions[2].kind: unknown 'SHELL'")));
    }

    @Test
    void shouldRejectADocumentWithoutActionsAndBrokenYaml() {
        assertThatThrownBy(() -> PolicyParser.parse("p", 1, true, "description: x"))
                .hasMessageContaining("actions: required");
        assertThatThrownBy(() -> PolicyParser.parse("p", 1, true, "actions: [\n"))
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void shouldAcceptEveryDefaultPolicyShippedInTheRepository() throws IOException {
        // Arrange
        Path dir = findPolicies();
        assumeTrue(dir != null, "policies/ directory not found above the working directory");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }

        // Act + Assert
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        for (Path f : files) {
            String id = f.getFileName().toString().replace(".yaml", "");
            try {
                Policy p = PolicyParser.parse(id, 1, true, Files.readString(f));
                assertThat(p.actions()).as(id).isNotEmpty();
            } catch (PolicyException e) {
                throw new AssertionError(f + ": " + e.getMessage(), e);
            }
        }
    }

    private static Path findPolicies() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("policies")) && Files.exists(p.resolve("pom.xml"))) {
                return p.resolve("policies");
            }
            p = p.getParent();
        }
        return null;
    }
}
