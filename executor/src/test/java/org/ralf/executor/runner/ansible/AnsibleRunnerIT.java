package org.ralf.executor.runner.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.executor.TestCommands;
import org.ralf.executor.config.ExecutorSettings;
import org.ralf.executor.runner.ProcessRunner;
import org.ralf.executor.runner.RunListener;
import org.ralf.executor.runner.RunOutcome;
import org.ralf.executor.runner.RunRequest;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.ActionKind;
import org.ralf.schemas.command.CommandState;
import org.ralf.schemas.command.HostCounts;

/** Runs the real ansible-playbook (Debian package) on connection: local test playbooks. */
class AnsibleRunnerIT {

    private static Path playbooks;

    @TempDir Path tmp;

    @BeforeAll
    static void locatePlaybooks() throws Exception {
        playbooks =
                Path.of(AnsibleRunnerIT.class.getResource("/ansible/inventory.ini").toURI())
                        .getParent();
    }

    private RunOutcome run(
            String playbook,
            String target,
            Map<String, Object> params,
            boolean dryRun,
            int timeoutSeconds)
            throws InterruptedException {
        ExecutorSettings cfg =
                TestCommands.config(tmp.resolve("work"), playbooks, tmp, "tofu", null, null);
        AnsibleRunner runner = new AnsibleRunner(cfg.ansible(), new ProcessRunner());
        ActionCommand c =
                TestCommands.command("k-" + playbook, ActionKind.ANSIBLE, playbook, target, params);
        return runner.run(
                new RunRequest(
                        c,
                        dryRun,
                        Duration.ofSeconds(timeoutSeconds),
                        tmp.resolve("run"),
                        RunListener.NONE));
    }

    @Test
    void shouldPassShellMetacharactersAndTemplatesAsLiteralData() throws Exception {
        Path pwned = tmp.resolve("pwned");
        String message =
                "a; touch "
                        + pwned
                        + " && echo $(touch "
                        + pwned
                        + ") `touch "
                        + pwned
                        + "` | > < * ' \" \n{{ lookup('pipe', 'touch "
                        + pwned
                        + "') }} {% raw %}";
        Path markers = Files.createDirectory(tmp.resolve("markers"));

        RunOutcome o =
                run(
                        "write-marker",
                        "web1",
                        Map.of("message", message, "marker_path", markers.toString()),
                        false,
                        120);

        assertThat(o.state()).as(o.reason() + "\n" + o.stderr()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(Files.readString(markers.resolve("web1.txt"))).isEqualTo(message);
        assertThat(pwned).doesNotExist();
        assertThat(o.hostCounts()).containsOnlyKeys("web1");
        assertThat(o.hostCounts().get("web1").changed()).isEqualTo(1);
    }

    @Test
    void shouldChangeNothingInCheckMode() throws Exception {
        Path markers = Files.createDirectory(tmp.resolve("markers"));

        RunOutcome o =
                run(
                        "write-marker",
                        "web2",
                        Map.of("message", "m", "marker_path", markers.toString()),
                        true,
                        120);

        assertThat(o.state()).as(o.reason()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(o.reason()).contains("--check");
        assertThat(markers.resolve("web2.txt")).doesNotExist();
    }

    @Test
    void shouldReportPerHostCountsOfAFailedRun() throws Exception {
        RunOutcome o = run("fail-on-db", "all", Map.of(), false, 120);

        assertThat(o.state()).isEqualTo(CommandState.FAILED);
        assertThat(o.reason()).contains("exited 2").contains("db maintenance refused");
        assertThat(o.hostCounts())
                .containsEntry("db1", new HostCounts(1, 0, 1, 0, 0))
                .containsEntry("web1", new HostCounts(1, 0, 0, 0, 1));
    }

    @Test
    void shouldFailWhenNoInventoryHostMatchesTheTarget() throws Exception {
        RunOutcome o = run("fail-on-db", "nohost", Map.of(), false, 120);

        assertThat(o.state()).isEqualTo(CommandState.FAILED);
    }

    @Test
    void shouldKillTheWholeProcessTreeOnTimeout() throws Exception {
        Path pidFile = tmp.resolve("sleep.pid");

        RunOutcome o = run("sleep", "web1", Map.of("pid_file", pidFile.toString()), false, 10);

        assertThat(o.state()).isEqualTo(CommandState.TIMED_OUT);
        assertThat(pidFile).as("the playbook reached its sleeping task").exists();
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                        alive -> !alive);
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                .isEqualTo(Optional.empty());
    }
}
