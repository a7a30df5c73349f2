package org.ralf.executor.runner.ansible;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ralf.executor.config.ExecutorSettings;
import org.ralf.executor.runner.ActionRunner;
import org.ralf.executor.runner.ProcessRunner;
import org.ralf.executor.runner.RunOutcome;
import org.ralf.executor.runner.RunRequest;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.CommandState;

/**
 * Runs an allowlisted playbook: {@code ansible-playbook -i <inventory> --limit <target>
 * -e @<extra-vars.json> [--check --diff] <playbook>}, each an argument of its own, with the {@code
 * json} stdout callback whose {@code stats} become the per-host counts.
 */
public final class AnsibleRunner implements ActionRunner {

    private final ExecutorSettings.Ansible config;
    private final ProcessRunner processes;

    /** Creates a runner for the configured playbooks. */
    public AnsibleRunner(ExecutorSettings.Ansible config, ProcessRunner processes) {
        this.config = config;
        this.processes = processes;
    }

    /**
     * The argument list for a command (exposed so tests can check that nothing is concatenated).
     */
    public List<String> arguments(ActionCommand c, boolean dryRun, Path extraVars) {
        ExecutorSettings.Playbook p = config.playbooks().get(c.action());
        if (p == null) {
            throw new IllegalArgumentException("playbook not allowlisted: " + c.action());
        }
        List<String> args = new ArrayList<>();
        args.add(config.binary());
        args.add("-i");
        args.add(p.inventory().toString());
        args.add("--limit");
        args.add(c.target());
        args.add("-e");
        args.add("@" + extraVars.toAbsolutePath());
        if (dryRun) {
            args.add("--check");
            args.add("--diff");
        }
        args.add(p.path().toString());
        return args;
    }

    @Override
    public RunOutcome run(RunRequest r) throws InterruptedException {
        ActionCommand c = r.command();
        ProcessRunner.Result res;
        try {
            Files.createDirectories(r.runDir());
            // Extra vars go through a file: no quoting rules, no key=value parsing, and every
            // string tagged !unsafe so that Ansible never templates event-supplied text.
            Path vars = r.runDir().resolve("extra-vars.yml");
            Files.writeString(vars, UnsafeExtraVars.render(c.params()));
            Path workDir = config.playbooks().get(c.action()).path().toAbsolutePath().getParent();
            res =
                    processes.run(
                            arguments(c, r.dryRun(), vars),
                            workDir,
                            Map.of(
                                    "ANSIBLE_STDOUT_CALLBACK", "json",
                                    "ANSIBLE_NOCOLOR", "1",
                                    "ANSIBLE_RETRY_FILES_ENABLED", "0",
                                    "ANSIBLE_LOCALHOST_WARNING", "0"),
                            r.runDir(),
                            "ansible",
                            r.timeout(),
                            r.listener());
        } catch (IOException e) {
            return RunOutcome.of(
                    CommandState.FAILED, "ansible-playbook could not start: " + e.getMessage());
        }
        Optional<AnsibleOutput> out = AnsibleOutput.parse(res.stdout());
        if (res.timedOut()) {
            return new RunOutcome(
                    CommandState.TIMED_OUT,
                    "ansible-playbook killed after " + r.timeout().toSeconds() + "s",
                    out.map(AnsibleOutput::hostCounts).orElse(Map.of()),
                    null,
                    res.stdout(),
                    res.stderr());
        }
        CommandState state;
        String reason;
        if (out.isEmpty()) {
            state = CommandState.FAILED;
            reason = "ansible-playbook exited " + res.exitCode() + " without JSON output";
        } else if (res.exitCode() != 0) {
            state = CommandState.FAILED;
            List<String> problems = out.get().problems();
            reason =
                    "ansible-playbook exited "
                            + res.exitCode()
                            + (problems.isEmpty() ? "" : ": " + problems.get(0));
        } else if (out.get().hostCounts().isEmpty()) {
            state = CommandState.FAILED;
            reason = "no host of the inventory matched the target";
        } else {
            state = CommandState.SUCCEEDED;
            reason =
                    (r.dryRun() ? "ansible-playbook --check ok on " : "ansible-playbook ok on ")
                            + out.get().hostCounts().size()
                            + " host(s)";
        }
        return new RunOutcome(
                state,
                reason,
                out.map(AnsibleOutput::hostCounts).orElse(Map.of()),
                null,
                res.stdout(),
                res.stderr());
    }
}
