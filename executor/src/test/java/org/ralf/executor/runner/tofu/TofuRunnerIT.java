package org.ralf.executor.runner.tofu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * TofuRunner against FakeTofu (test resource), a stand-in that emits OpenTofu's documented
 * machine-readable JSON lines; the real OpenTofu binary cannot be installed here.
 */
class TofuRunnerIT {

    @TempDir Path tmp;
    private Path workspace;
    private Path fakeTofu;

    @BeforeEach
    void setUp() throws Exception {
        // Maven drops the executable bit when copying resources.
        fakeTofu = tmp.resolve("fake-tofu");
        Files.copy(
                Path.of(getClass().getResource("/tofu/fake-tofu").toURI()),
                fakeTofu,
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(fakeTofu.toFile().setExecutable(true)).isTrue();
        workspace = Files.createDirectory(tmp.resolve("lab"));
    }

    private void mode(String mode) throws Exception {
        Files.writeString(
                workspace.resolve("fake-tofu.json"),
                "{\"mode\": \"" + mode + "\", \"sleep_seconds\": 300}");
    }

    private RunOutcome run(Map<String, Object> params, boolean dryRun, int timeoutSeconds)
            throws InterruptedException {
        ExecutorSettings cfg =
                TestCommands.config(
                        tmp.resolve("work"), tmp, workspace, fakeTofu.toString(), null, null);
        ActionCommand c = TestCommands.command("k-tofu", ActionKind.OPENTOFU, "lab", "lab", params);
        return new TofuRunner(cfg.tofu(), new ProcessRunner())
                .run(
                        new RunRequest(
                                c,
                                dryRun,
                                Duration.ofSeconds(timeoutSeconds),
                                tmp.resolve("run"),
                                RunListener.NONE));
    }

    private List<List<String>> invocations() throws Exception {
        List<List<String>> out = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (String line : Files.readAllLines(workspace.resolve("fake-tofu-argv.log"))) {
            out.add(List.of(m.readValue(line, String[].class)));
        }
        return out;
    }

    @Test
    void shouldPlanOnlyInDryRunAndReportThePlanSummary() throws Exception {
        mode("changes");

        RunOutcome o = run(Map.of(), true, 60);

        assertThat(o.state()).as(o.reason()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(o.taskStatus()).isEqualTo("plan: 2 to add, 0 to change, 0 to destroy");
        assertThat(o.reason()).contains("create null_resource.restart");
        assertThat(invocations()).extracting(l -> l.get(0)).containsExactly("init", "plan");
    }

    @Test
    void shouldApplyExactlyTheSavedPlan() throws Exception {
        mode("changes");

        RunOutcome o = run(Map.of("replicas", 2), false, 60);

        assertThat(o.state()).as(o.reason()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(o.taskStatus()).isEqualTo("apply: 2 added, 0 changed, 0 destroyed");
        List<List<String>> calls = invocations();
        assertThat(calls).extracting(l -> l.get(0)).containsExactly("init", "plan", "apply");
        String planOut =
                calls.get(1).stream()
                        .filter(a -> a.startsWith("-out="))
                        .findFirst()
                        .orElseThrow()
                        .substring(5);
        assertThat(calls.get(2)).contains("-json").endsWith(planOut);
        assertThat(calls.get(1)).anyMatch(a -> a.startsWith("-var-file="));
    }

    @Test
    void shouldFailWithTheDiagnosticSummary() throws Exception {
        mode("error");

        RunOutcome o = run(Map.of(), false, 60);

        assertThat(o.state()).isEqualTo(CommandState.FAILED);
        assertThat(o.reason()).contains("tofu plan failed").contains("Invalid reference");
        assertThat(invocations()).extracting(l -> l.get(0)).containsExactly("init", "plan");
    }

    @Test
    void shouldTimeOutAndKillTheRun() throws Exception {
        mode("sleep");

        RunOutcome o = run(Map.of(), false, 3);

        assertThat(o.state()).isEqualTo(CommandState.TIMED_OUT);
        assertThat(o.reason()).contains("tofu plan");
    }

    @Test
    void shouldPassVariableValuesThroughAFileNotTheCommandLine() throws Exception {
        mode("nochanges");
        String hostile = "x\" -destroy; rm -rf / $(id)";

        RunOutcome o = run(Map.of("note", hostile), true, 60);

        assertThat(o.state()).as(o.reason()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(o.taskStatus()).isEqualTo("plan: 0 to add, 0 to change, 0 to destroy");
        assertThat(invocations())
                .allSatisfy(
                        args ->
                                assertThat(String.join(" ", args))
                                        .doesNotContain("rm -rf")
                                        .doesNotContain("-destroy"));
    }
}
