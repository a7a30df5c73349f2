package org.ralf.cli;

import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.ralf.cli.config.AllOptions;
import org.ralf.cli.config.ConfigListing;
import org.ralf.schemas.config.OptionRegistry;
import org.ralf.schemas.config.RalfConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ralf config}: every configuration key with its default, its current value (secrets
 * masked), its environment variable and its description, grouped by section. Reads {@code
 * ralf.yaml} (and the local stack's connection settings when the stack has been set up) and changes
 * nothing.
 */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description =
                "Print every configuration key: default, current value (secrets masked),"
                        + " environment variable and description, grouped by section.")
final class ConfigCommand implements Callable<Integer> {

    static final class Mode {
        @Option(names = "--defaults", description = "only the defaults")
        boolean defaults;

        @Option(
                names = "--effective",
                description =
                        "defaults and the values in effect: ralf.yaml, RALF_* variables and the"
                                + " local stack's connection (the default)")
        boolean effective;
    }

    @ArgGroup(exclusive = true)
    Mode mode;

    @Option(
            names = "--markdown",
            description = "print the table of docs/configuration.md (the defaults) instead")
    boolean markdown;

    @Override
    public Integer call() throws Exception {
        OptionRegistry registry = AllOptions.registry();
        if (markdown) {
            System.out.print(ConfigListing.markdown(registry));
            return 0;
        }
        RalfConfig config = null;
        if (mode == null || !mode.defaults) {
            config =
                    Files.isReadable(RalfCli.home().resolve("connection.properties"))
                            ? LocalStack.config()
                            : RalfConfig.load(LocalStack.configFile());
            registry.checkKeys(config, LocalStack.configFile().toString());
        }
        ConfigListing.print(registry, config, System.out);
        return 0;
    }
}
