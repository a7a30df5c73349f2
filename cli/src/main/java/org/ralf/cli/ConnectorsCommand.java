package org.ralf.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ralf.connectors.app.ConnectorsRunner;
import org.ralf.connectors.cdc.CdcConnector;
import org.ralf.connectors.discovery.DiscoveryConnectors;
import org.ralf.schemas.config.RalfConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ralf connectors run}: the ingestion connectors against the local stack. */
@Command(
        mixinStandardHelpOptions = true,
        name = "connectors",
        description = "Ingestion connectors (metrics, logs, discovery, PostgreSQL CDC) into Kafka.",
        subcommands = {ConnectorsCommand.Run.class})
final class ConnectorsCommand {

    /** Connectors started by {@link #start}; closed in reverse order. */
    static final class Running implements AutoCloseable {
        private final List<AutoCloseable> parts = new ArrayList<>();

        @Override
        public void close() {
            for (int i = parts.size() - 1; i >= 0; i--) {
                try {
                    parts.get(i).close();
                } catch (Exception e) {
                    System.err.println("ralf: closing a connector failed: " + e.getMessage());
                }
            }
            parts.clear();
        }
    }

    /**
     * Starts the connectors of the {@code connectors:} section ({@code only}: by name), the CDC
     * connector ({@code cdc}) and the discovery pollers ({@code discovery}) that are configured.
     */
    static Running start(RalfConfig config, List<String> only) throws Exception {
        Running running = new Running();
        try {
            List<String> named =
                    only.stream().filter(n -> !n.equals("cdc") && !n.equals("discovery")).toList();
            if (only.isEmpty() || !named.isEmpty()) {
                ConnectorsRunner runner = ConnectorsRunner.fromConfig(config, named);
                runner.start();
                running.parts.add(runner);
            }
            if (only.isEmpty() || only.contains("cdc")) {
                CdcConnector cdc = CdcConnector.fromConfig(config);
                cdc.start();
                running.parts.add(cdc);
            }
            if (only.isEmpty() || only.contains("discovery")) {
                DiscoveryConnectors discovery = DiscoveryConnectors.fromConfig(config);
                if (!discovery.pollers().isEmpty()) {
                    discovery.start();
                    running.parts.add(discovery);
                } else {
                    discovery.close();
                }
            }
            return running;
        } catch (Exception e) {
            running.close();
            throw e;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "run",
            description = "Run the configured connectors until Ctrl-C.")
    static final class Run implements Callable<Integer> {
        @Option(
                names = "--only",
                split = ",",
                description = "names from the connectors: section, or cdc, discovery")
        List<String> only = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Running running = start(LocalStack.config(), only);
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        running.close();
                                        stop.countDown();
                                    },
                                    "connectors-stop"));
            System.err.println("ralf: connectors running; Ctrl-C stops them");
            stop.await();
            return 0;
        }
    }
}
