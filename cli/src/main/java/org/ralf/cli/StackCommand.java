package org.ralf.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.ralf.schemas.db.Migrations;
import org.ralf.schemas.topic.TopicSpec;
import org.ralf.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ralf stack up|down|status|reset}: the embedded local stack (PostgreSQL + Kafka). */
@Command(
        mixinStandardHelpOptions = true,
        name = "stack",
        description = "Manage the local stack: PostgreSQL with pgvector and a KRaft Kafka broker.",
        subcommands = {
            StackCommand.Up.class,
            StackCommand.Down.class,
            StackCommand.Status.class,
            StackCommand.Reset.class,
            StackCommand.Init.class
        })
final class StackCommand {

    @Command(
            mixinStandardHelpOptions = true,
            name = "up",
            description = "Provision and start the stack (idempotent).")
    static final class Up implements Callable<Integer> {
        @Parameters(arity = "0..1", description = "postgres or kafka (default: both)")
        List<String> component = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            List<String> args = new ArrayList<>(List.of("stack", "up"));
            args.addAll(component);
            return Launcher.run(args);
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "down",
            description = "Stop the stack; no process of it keeps running.")
    static final class Down implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return Launcher.run(List.of("stack", "down"));
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "status",
            description = "Show each component, its address, version and health.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return Launcher.run(List.of("stack", "status"));
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "reset",
            description = "Stop the stack and delete its data.")
    static final class Reset implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return Launcher.run(List.of("stack", "reset"));
        }
    }

    /** Applies migrations and creates the registry's topics; run by {@code stack up}. */
    @Command(
            mixinStandardHelpOptions = true,
            name = "init",
            description =
                    "Apply migrations and create missing topics on the servers named in"
                            + " $RALF_HOME/connection.properties (run by stack up).")
    static final class Init implements Callable<Integer> {
        @Option(names = "--component", defaultValue = "all")
        String component = "all";

        @Override
        public Integer call() throws Exception {
            StackConnection c = StackConnection.load();
            if (!component.equals("kafka")) {
                int applied = Migrations.apply(c.pgUrl(), c.pgUser(), c.pgPassword());
                System.err.printf("ralf: migrations applied: %d new%n", applied);
            }
            if (!component.equals("postgres")) {
                System.err.printf("ralf: topics: %d created%n", createTopics(c.kafkaBootstrap()));
            }
            return 0;
        }
    }

    /**
     * Creates the registry's missing topics with their partitions, retention and cleanup policy.
     */
    static int createTopics(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec t : Topics.all()) {
                if (!existing.contains(t.name())) {
                    missing.add(
                            new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()));
                }
            }
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            return missing.size();
        }
    }
}
