package org.ralf.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ralf test}: provisions what the tests need, then runs {@code mvn -B verify}. */
@Command(
        mixinStandardHelpOptions = true,
        name = "test",
        description =
                "Provision test prerequisites (PostgreSQL+pgvector, ansible, prometheus,"
                        + " node-exporter), start the test PostgreSQL and run mvn -B verify.")
final class TestCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", description = "extra Maven arguments, e.g. -DskipITs")
    List<String> mavenArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(List.of("test"));
        args.addAll(mavenArgs);
        return Launcher.run(args);
    }
}
