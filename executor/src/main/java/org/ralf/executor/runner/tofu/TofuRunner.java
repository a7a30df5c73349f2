package org.ralf.executor.runner.tofu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.executor.command.CommandCodec;
import org.ralf.executor.config.ExecutorSettings;
import org.ralf.executor.runner.ActionRunner;
import org.ralf.executor.runner.ProcessRunner;
import org.ralf.executor.runner.RunListener;
import org.ralf.executor.runner.RunOutcome;
import org.ralf.executor.runner.RunRequest;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.CommandState;

/**
 * Runs an allowlisted OpenTofu workspace: {@code tofu init -input=false}, {@code tofu plan
 * -input=false -json -out=<run>/plan.tfplan [-var-file=<run>/vars.tfvars.json]} and, unless
 * dry-run, {@code tofu apply -input=false -json <run>/plan.tfplan} — so exactly the reviewed plan
 * is applied. The command's timeout covers all three steps together.
 */
public final class TofuRunner implements ActionRunner {

    private final ExecutorSettings.Tofu config;
    private final ProcessRunner processes;

    /** Creates a runner for the configured workspaces. */
    public TofuRunner(ExecutorSettings.Tofu config, ProcessRunner processes) {
        this.config = config;
        this.processes = processes;
    }

    @Override
    public RunOutcome run(RunRequest r) throws InterruptedException {
        ActionCommand c = r.command();
        ExecutorSettings.Workspace ws = config.workspaces().get(c.action());
        if (ws == null) {
            return RunOutcome.of(CommandState.FAILED, "workspace not allowlisted: " + c.action());
        }
        Instant deadline = Instant.now().plus(r.timeout());
        Map<String, String> env = Map.of("TF_IN_AUTOMATION", "1", "TF_INPUT", "0");
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        try {
            Files.createDirectories(r.runDir());
            Path plan = r.runDir().resolve("plan.tfplan").toAbsolutePath();
            Path vars = r.runDir().resolve("vars.tfvars.json").toAbsolutePath();

            ProcessRunner.Result init =
                    step(
                            List.of("init", "-input=false", "-no-color"),
                            ws,
                            env,
                            r,
                            "init",
                            deadline,
                            RunListener.NONE);
            collect(stdout, stderr, init);
            if (init.timedOut() || init.exitCode() != 0) {
                return end(init, "tofu init", null, stdout, stderr, r);
            }

            List<String> planArgs =
                    new ArrayList<>(
                            List.of("plan", "-input=false", "-no-color", "-json", "-out=" + plan));
            if (!c.params().isEmpty()) {
                Files.write(vars, CommandCodec.bytes(c.params()));
                planArgs.add("-var-file=" + vars);
            }
            ProcessRunner.Result planRes =
                    step(planArgs, ws, env, r, "plan", deadline, r.listener());
            collect(stdout, stderr, planRes);
            TofuOutput planOut = TofuOutput.parse(planRes.stdout());
            if (planRes.timedOut() || planRes.exitCode() != 0 || planOut.summary() == null) {
                return end(planRes, "tofu plan", planOut, stdout, stderr, r);
            }
            if (r.dryRun()) {
                String summary = planOut.summary().describe();
                return new RunOutcome(
                        CommandState.SUCCEEDED,
                        summary
                                + (planOut.plannedChanges().isEmpty()
                                        ? ""
                                        : " (" + String.join(", ", planOut.plannedChanges()) + ")"),
                        Map.of(),
                        summary,
                        stdout.toString(),
                        stderr.toString());
            }

            ProcessRunner.Result apply =
                    step(
                            List.of("apply", "-input=false", "-no-color", "-json", plan.toString()),
                            ws,
                            env,
                            r,
                            "apply",
                            deadline,
                            RunListener.NONE);
            collect(stdout, stderr, apply);
            TofuOutput applyOut = TofuOutput.parse(apply.stdout());
            return end(apply, "tofu apply", applyOut, stdout, stderr, r);
        } catch (IOException e) {
            return RunOutcome.of(CommandState.FAILED, "tofu could not run: " + e.getMessage());
        }
    }

    private ProcessRunner.Result step(
            List<String> sub,
            ExecutorSettings.Workspace ws,
            Map<String, String> env,
            RunRequest r,
            String name,
            Instant deadline,
            RunListener listener)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add(config.binary());
        args.addAll(sub);
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            return new ProcessRunner.Result(-1, true, "", "");
        }
        return processes.run(args, ws.dir(), env, r.runDir(), "tofu-" + name, left, listener);
    }

    private static void collect(StringBuilder out, StringBuilder err, ProcessRunner.Result res) {
        out.append(res.stdout());
        err.append(res.stderr());
    }

    private static RunOutcome end(
            ProcessRunner.Result res,
            String step,
            @Nullable TofuOutput parsed,
            StringBuilder stdout,
            StringBuilder stderr,
            RunRequest r) {
        String summary =
                parsed == null || parsed.summary() == null ? null : parsed.summary().describe();
        if (res.timedOut()) {
            return new RunOutcome(
                    CommandState.TIMED_OUT,
                    step
                            + " killed after the command's timeout of "
                            + r.timeout().toSeconds()
                            + "s",
                    Map.of(),
                    summary,
                    stdout.toString(),
                    stderr.toString());
        }
        boolean errors =
                parsed != null && (!parsed.errors().isEmpty() || parsed.erroredResources() > 0);
        if (res.exitCode() != 0 || errors || (parsed != null && parsed.summary() == null)) {
            String why =
                    parsed != null && !parsed.errors().isEmpty()
                            ? parsed.errors().get(0)
                            : "exit code " + res.exitCode();
            return new RunOutcome(
                    CommandState.FAILED,
                    step + " failed: " + why,
                    Map.of(),
                    summary,
                    stdout.toString(),
                    stderr.toString());
        }
        return new RunOutcome(
                CommandState.SUCCEEDED,
                summary == null ? step + " ok" : summary,
                Map.of(),
                summary,
                stdout.toString(),
                stderr.toString());
    }
}
