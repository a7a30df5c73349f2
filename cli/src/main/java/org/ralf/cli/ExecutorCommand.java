package org.ralf.cli;

import java.util.concurrent.Callable;
import org.ralf.executor.ExecutorApp;
import org.ralf.executor.config.ExecutorSettings;
import org.ralf.executor.config.Secret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ralf executor run}: the thin executor against the local stack. */
@Command(
        mixinStandardHelpOptions = true,
        name = "executor",
        description =
                "The thin executor: signed commands from ralf.commands to Ansible, OpenTofu, Proxmox.",
        subcommands = {ExecutorCommand.Run.class})
final class ExecutorCommand {

    /**
     * The executor configuration for the local stack (executor: section + connection.properties).
     */
    static ExecutorSettings localConfig(boolean forceDryRun) throws Exception {
        StackConnection c = StackConnection.load();
        ExecutorSettings cfg =
                ExecutorSettings.fromYaml(
                                LocalStack.configFile(), LocalStack.environmentWithSigningKey())
                        .withKafka(c.kafkaBootstrap())
                        .withJdbc(c.pgUrl(), c.pgUser(), Secret.of(c.pgPassword()));
        return forceDryRun ? cfg.withDryRun(true) : cfg;
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "run",
            description =
                    "Consume ralf.commands until Ctrl-C (reconciles RUNNING ledger entries first).")
    static final class Run implements Callable<Integer> {
        @Option(
                names = "--dry-run",
                description = "force dry-run (check/plan only) for every command")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            ExecutorApp app = new ExecutorApp(localConfig(dryRun));
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "executor-stop"));
            System.err.println(
                    "ralf: executor running"
                            + (dryRun ? " (dry-run forced)" : "")
                            + "; Ctrl-C stops it");
            app.run();
            return 0;
        }
    }
}
