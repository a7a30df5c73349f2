package org.ralf.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ralf.executor.ExecutorApp;
import org.ralf.schemas.config.RalfConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ralf up}: the full loop on the local stack. The launcher has started PostgreSQL and Kafka;
 * this brings migrations and topics up to date, starts the connectors, the executor and the detect,
 * logpatterns and remediation jobs on one embedded Flink MiniCluster, and runs until Ctrl-C, which
 * stops everything in reverse order.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "up",
        description =
                "Start the local stack and the full loop on it: connectors, executor, and the detect,"
                        + " logpatterns and remediation jobs on an embedded Flink MiniCluster.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--no-connectors", description = "do not start the ingestion connectors")
    boolean noConnectors;

    @Option(names = "--no-executor", description = "do not start the executor")
    boolean noExecutor;

    @Option(names = "--dry-run", description = "the executor runs every command as a dry-run")
    boolean dryRun;

    @Option(
            names = "--slots",
            defaultValue = "8",
            description = "task slots of the embedded Flink cluster (default: ${DEFAULT-VALUE})")
    int slots;

    @Option(
            names = "--seconds",
            description = "stop by itself after this many seconds; default: run until Ctrl-C")
    long seconds;

    @Override
    public Integer call() throws Exception {
        new StackCommand.Init().call();
        int policies =
                PoliciesCommand.load(RalfCli.root().resolve("policies"), StackConnection.load());
        System.err.printf("ralf: policies: %d loaded or changed%n", policies);
        RalfConfig config = LocalStack.config();
        List<AutoCloseable> started = new ArrayList<>();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook =
                new Thread(
                        () -> {
                            stop.countDown();
                            closeAll(started);
                        },
                        "ralf-up-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (!noConnectors) {
                started.add(ConnectorsCommand.start(config, List.of()));
                System.err.println("ralf: connectors started");
            }
            if (!noExecutor) {
                ExecutorApp executor = startExecutor(ExecutorCommand.localConfig(dryRun));
                started.add(executor);
                System.err.println("ralf: executor started" + (dryRun ? " (dry-run)" : ""));
            }
            EmbeddedLoop loop = EmbeddedLoop.start(slots);
            started.add(loop);
            loop.startJobs(config);
            System.err.printf(
                    "ralf: %d jobs running on the embedded Flink cluster (web UI %s)%n",
                    loop.jobCount(), loop.rest());
            System.out.println(
                    "ralf: up. Ctrl-C stops everything; ./ralf stack down stops the stack.");
            if (seconds > 0) {
                stop.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
            } else {
                stop.await();
            }
        } finally {
            if (stop.getCount() > 0) {
                Runtime.getRuntime().removeShutdownHook(hook);
                closeAll(started);
            }
        }
        return 0;
    }

    /** Runs the executor on its own thread; closing the returned app stops it. */
    static ExecutorApp startExecutor(org.ralf.executor.config.ExecutorSettings config)
            throws Exception {
        ExecutorApp executor = new ExecutorApp(config);
        Thread t =
                new Thread(
                        () -> {
                            try {
                                executor.run();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } catch (Exception e) {
                                System.err.println("ralf: executor stopped: " + e.getMessage());
                            }
                        },
                        "executor");
        t.setDaemon(true);
        t.start();
        return executor;
    }

    static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("ralf: stopping a component failed: " + e.getMessage());
            }
        }
        started.clear();
    }
}
