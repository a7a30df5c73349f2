package org.ralf.simulator;

import org.ralf.schemas.config.ConfigOption;

/** The {@code simulator.*} keys, resolved into {@link SimulatorSettings}. */
public final class SimulatorOptions {

    private SimulatorOptions() {}

    public static final ConfigOption<String> SCENARIO =
            ConfigOption.stringOption(
                    "simulator.scenario", "default", "Scenario name or YAML path.");

    public static final ConfigOption<Integer> SEED =
            ConfigOption.intOption(
                    "simulator.seed",
                    0,
                    "Seed; 0 = the scenario's seed.",
                    Integer.MIN_VALUE,
                    Integer.MAX_VALUE);

    public static final ConfigOption<Double> SPEED =
            ConfigOption.doubleOption(
                    "simulator.speed",
                    60,
                    "Simulated seconds per wall second; 0 = unpaced.",
                    0,
                    1e6);

    public static final ConfigOption<String> MODE =
            new ConfigOption<>(
                    "simulator.mode",
                    s -> s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'),
                    "DIRECT_KAFKA",
                    "Where events go: collect, direct-kafka or front-doors.",
                    v -> v.equals("COLLECT") || v.equals("DIRECT_KAFKA") || v.equals("FRONT_DOORS"),
                    "one of collect, direct-kafka, front-doors");

    public static final ConfigOption<String> BOOTSTRAP =
            ConfigOption.stringOption(
                    "simulator.kafka.bootstrap-servers",
                    "localhost:9092",
                    "Kafka bootstrap servers.");

    public static final ConfigOption<String> JDBC_URL =
            new ConfigOption<>(
                    "simulator.jdbc.url",
                    s -> s,
                    "",
                    "JDBC URL for inventory and ground truth; empty = none.",
                    v -> true,
                    "a JDBC URL or empty");

    public static final ConfigOption<String> JDBC_USER =
            new ConfigOption<>(
                    "simulator.jdbc.user",
                    s -> s,
                    "ralf",
                    "Database user.",
                    v -> true,
                    "a user name");

    public static final ConfigOption<String> JDBC_PASSWORD =
            ConfigOption.secretOption("simulator.jdbc.password", "Database password.");

    public static final ConfigOption<String> LABELS_FILE =
            new ConfigOption<>(
                    "simulator.labels-file",
                    s -> s,
                    "",
                    "Ground-truth labels JSON file; empty = none.",
                    v -> true,
                    "a path or empty");

    public static final ConfigOption<String> SYSLOG_HOST =
            new ConfigOption<>(
                    "simulator.syslog.host",
                    s -> s,
                    "",
                    "Syslog receiver host (front-doors mode); empty = none.",
                    v -> true,
                    "a host or empty");

    public static final ConfigOption<Integer> SYSLOG_PORT =
            ConfigOption.intOption(
                    "simulator.syslog.port", 5514, "Syslog receiver UDP port.", 1, 65535);
}
