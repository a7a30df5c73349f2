package org.ralf.schemas.config;

/**
 * The connection options every process shares, declared once with one default each: the Kafka
 * cluster and the RALF database. The defaults point at the embedded local stack ({@code ./ralf up}:
 * PostgreSQL on 5433, Kafka on 9092); a real deployment sets them in {@code ralf.yaml} or through
 * the environment ({@code RALF_KAFKA_BOOTSTRAP_SERVERS}, {@code RALF_POSTGRES_JDBC_URL}, {@code
 * RALF_POSTGRES_USER}, {@code RALF_POSTGRES_PASSWORD}).
 */
public final class ConnectionOptions {

    private ConnectionOptions() {}

    /** {@code kafka.bootstrap-servers}. */
    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS =
            ConfigOption.stringOption(
                    "kafka.bootstrap-servers",
                    "127.0.0.1:9092",
                    "Kafka bootstrap servers (host:port, comma-separated)");

    /** {@code postgres.jdbc-url}. */
    public static final ConfigOption<String> POSTGRES_JDBC_URL =
            ConfigOption.stringOption(
                    "postgres.jdbc-url",
                    "jdbc:postgresql://127.0.0.1:5433/ralf",
                    "JDBC URL of the RALF database (schema ralf)");

    /** {@code postgres.user}. */
    public static final ConfigOption<String> POSTGRES_USER =
            ConfigOption.stringOption("postgres.user", "ralf_app", "database user of the jobs");

    /** {@code postgres.password}: a secret, set it through {@code RALF_POSTGRES_PASSWORD}. */
    public static final ConfigOption<String> POSTGRES_PASSWORD =
            ConfigOption.secretOption(
                    "postgres.password",
                    "database password of postgres.user (prefer RALF_POSTGRES_PASSWORD)");
}
