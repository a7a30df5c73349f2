package org.ralf.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code ./ralf} sub-commands that are implemented in the launcher's shell scripts. */
final class Launcher {

    private Launcher() {}

    static int run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(RalfCli.root().resolve("ralf").toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).inheritIO().start();
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            throw e;
        }
    }
}
