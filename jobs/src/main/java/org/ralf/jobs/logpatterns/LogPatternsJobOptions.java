package org.ralf.jobs.logpatterns;

import java.time.Duration;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.ConnectionOptions;

/**
 * The keys of the logpatterns job itself (connections, checkpointing, store and lookup), resolved
 * into {@link LogPatternsSettings}.
 */
public final class LogPatternsJobOptions {

    private LogPatternsJobOptions() {}

    /** {@code kafka.bootstrap-servers}. */
    public static final ConfigOption<String> BOOTSTRAP = ConnectionOptions.KAFKA_BOOTSTRAP_SERVERS;

    /** {@code postgres.jdbc-url}. */
    public static final ConfigOption<String> JDBC_URL = ConnectionOptions.POSTGRES_JDBC_URL;

    /** {@code postgres.user}. */
    public static final ConfigOption<String> JDBC_USER = ConnectionOptions.POSTGRES_USER;

    /** {@code postgres.password}. */
    public static final ConfigOption<String> JDBC_PASSWORD = ConnectionOptions.POSTGRES_PASSWORD;

    /** {@code logpatterns.group-id}. */
    public static final ConfigOption<String> GROUP_ID =
            ConfigOption.stringOption(
                    "logpatterns.group-id", "ralf-logpatterns", "Kafka consumer group");

    /** {@code logpatterns.checkpoint-interval}. */
    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOption.durationOption(
                    "logpatterns.checkpoint-interval",
                    Duration.ofSeconds(10),
                    "checkpoint interval; outputs become visible to read_committed readers at"
                            + " checkpoints");

    /** {@code logpatterns.out-of-orderness}. */
    public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
            ConfigOption.durationOption(
                    "logpatterns.out-of-orderness",
                    Duration.ofSeconds(5),
                    "bounded out-of-orderness of the watermarks");

    /** {@code logpatterns.idleness}. */
    public static final ConfigOption<Duration> IDLENESS =
            ConfigOption.durationOption(
                    "logpatterns.idleness",
                    Duration.ofSeconds(30),
                    "idle inputs stop holding back the watermark after this");

    /** {@code logpatterns.store.batch-size}. */
    public static final ConfigOption<Integer> STORE_BATCH =
            ConfigOption.intOption(
                    "logpatterns.store.batch-size",
                    200,
                    "templates per pgvector upsert batch",
                    1,
                    100_000);

    /** {@code logpatterns.variants.k}. */
    public static final ConfigOption<Integer> VARIANT_K =
            ConfigOption.intOption(
                    "logpatterns.variants.k", 3, "neighbours examined for a new template", 1, 100);

    /** {@code logpatterns.variants.min-similarity}. */
    public static final ConfigOption<Double> VARIANT_MIN_SIMILARITY =
            ConfigOption.doubleOption(
                    "logpatterns.variants.min-similarity",
                    0.5,
                    "cosine similarity a known template needs to be named as the nearest",
                    0.0,
                    1.0);

    /** {@code logpatterns.variants.timeout}. */
    public static final ConfigOption<Duration> LOOKUP_TIMEOUT =
            ConfigOption.durationOption(
                    "logpatterns.variants.timeout",
                    Duration.ofSeconds(5),
                    "timeout of a nearest-template lookup");
}
