package org.ralf.executor.runner.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ralf.executor.TestCommands;
import org.ralf.executor.config.ExecutorSettings;
import org.ralf.executor.runner.ProcessRunner;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.ActionKind;
import org.ralf.schemas.command.HostCounts;

class AnsibleOutputTest {

    /**
     * Output recorded from a real ansible-playbook 2.14 run of fail-on-db.yml over web1, web2, db1.
     */
    private static String recorded() throws Exception {
        try (InputStream in =
                AnsibleOutputTest.class.getResourceAsStream("/json/ansible-fail-on-db.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldParsePerHostCountsFromStats() throws Exception {
        AnsibleOutput out = AnsibleOutput.parse(recorded()).orElseThrow();

        assertThat(out.hostCounts())
                .containsEntry("db1", new HostCounts(1, 0, 1, 0, 0))
                .containsEntry("web1", new HostCounts(1, 0, 0, 0, 1))
                .containsEntry("web2", new HostCounts(1, 0, 0, 0, 1));
    }

    @Test
    void shouldCollectFailedHostMessages() throws Exception {
        AnsibleOutput out = AnsibleOutput.parse(recorded()).orElseThrow();

        assertThat(out.problems()).containsExactly("db1: fail on db: db maintenance refused");
    }

    @Test
    void shouldToleratePrecedingWarningsAndRejectNonJson() throws Exception {
        assertThat(AnsibleOutput.parse("[WARNING]: something\n" + recorded())).isPresent();
        assertThat(AnsibleOutput.parse("ERROR! the playbook could not be found")).isEmpty();
        assertThat(AnsibleOutput.parse("{\"plays\": []}")).isEmpty();
    }

    @Test
    void shouldTagEveryStringOfTheExtraVarsUnsafe() {
        String yaml = UnsafeExtraVars.render(new java.util.LinkedHashMap<>(Map.of("a", "{{ x }}")));
        assertThat(yaml).isEqualTo("{\"a\": !unsafe \"{{ x }}\"}\n");
        assertThat(UnsafeExtraVars.render(Map.of("l", List.of(1, true, "q\"\n"))))
                .isEqualTo("{\"l\": [1, true, !unsafe \"q\\\"\\n\"]}\n");
    }

    @Test
    void shouldPassEveryValueAsItsOwnArgument() {
        ExecutorSettings cfg =
                TestCommands.config(
                        Path.of("/w"), Path.of("/pb"), Path.of("/t"), "tofu", null, null);
        AnsibleRunner runner = new AnsibleRunner(cfg.ansible(), new ProcessRunner());
        ActionCommand c =
                TestCommands.command(
                        "k",
                        ActionKind.ANSIBLE,
                        "write-marker",
                        "web1",
                        Map.of("message", "x; rm -rf / $(id)"));

        List<String> args = runner.arguments(c, true, Path.of("/w/run/extra-vars.yml"));

        assertThat(args)
                .containsExactly(
                        "ansible-playbook",
                        "-i",
                        "/pb/inventory.ini",
                        "--limit",
                        "web1",
                        "-e",
                        "@/w/run/extra-vars.yml",
                        "--check",
                        "--diff",
                        "/pb/write-marker.yml");
    }
}
