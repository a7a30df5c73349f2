package org.ralf.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code ralf} command. Started by the {@code ./ralf} launcher, which provisions
 * and builds first; the launcher exports {@code RALF_ROOT} and {@code RALF_HOME}.
 */
@Command(
        name = "ralf",
        mixinStandardHelpOptions = true,
        version = "ralf 0.1.0",
        description = "R.A.L.F. analytics core: the event-driven brain of a self-healing homelab.",
        subcommands = {
            CommandLine.HelpCommand.class,
            StackCommand.class,
            UpCommand.class,
            DemoCommand.class,
            TestCommand.class,
            BenchCommand.class,
            ExecutorCommand.class,
            ConnectorsCommand.class,
            PoliciesCommand.class,
            ConfigCommand.class,
        })
public final class RalfCli {

    /** Exit code for invalid usage or configuration. */
    static final int EXIT_USAGE = 2;

    /** Exit code when a required service or file is unavailable. */
    static final int EXIT_UNAVAILABLE = 3;

    /** Root of the checkout ({@code RALF_ROOT}, default: working directory). */
    static Path root() {
        String r = System.getenv("RALF_ROOT");
        return Path.of(r == null || r.isBlank() ? "." : r).toAbsolutePath().normalize();
    }

    /** State directory ({@code RALF_HOME}, default {@code .ralf} in the checkout). */
    static Path home() {
        String h = System.getenv("RALF_HOME");
        return h == null || h.isBlank() ? root().resolve(".ralf") : Path.of(h).toAbsolutePath();
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new RalfCli());
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    commandLine.getErr().println("ralf: error: " + e.getMessage());
                    return e instanceof IllegalArgumentException
                                    || e instanceof org.ralf.schemas.config.ConfigException
                            ? EXIT_USAGE
                            : 1;
                });
        int code = cli.execute(args);
        System.exit(code);
    }
}
