package org.ralf.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ralf up}: the main loop on the local stack. The launcher has started PostgreSQL and Kafka
 * before this runs; here migrations and topics are brought up to date.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "up",
        description = "Start the local stack and RALF's components on it.")
final class UpCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        new StackCommand.Init().call();
        System.out.println(
                "ralf: local stack is up (./ralf stack status); stop it with ./ralf stack down");
        return 0;
    }
}
