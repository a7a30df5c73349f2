package org.ralf.jobs.logpatterns;

import java.io.Serializable;
import java.time.Duration;
import org.ralf.pipelines.logs.LogPatternOptions;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.ConnectionOptions;
import org.ralf.schemas.config.RalfConfig;
import org.ralf.schemas.topic.Topics;

/**
 * Everything the logpatterns job needs: connections, topics, checkpointing, store and lookup
 * parameters, and the operator options ({@link LogPatternOptions}).
 *
 * @param bootstrapServers Kafka bootstrap servers: {@code kafka.bootstrap-servers}
 * @param jdbcUrl database with schema {@code ralf}: {@code postgres.jdbc-url}
 * @param jdbcUser role writing {@code ralf.log_templates}: {@code postgres.user}
 * @param jdbcPassword its password: {@code postgres.password}
 * @param groupId consumer group: {@code logpatterns.group-id}
 * @param checkpointInterval checkpoint interval (also when outputs become visible to read_committed
 *     readers): {@code logpatterns.checkpoint-interval}
 * @param logsTopic input
 * @param templatesTopic compacted template topic (the catalogue, key template id)
 * @param templatedTopic every line with its template id (delete retention, key host)
 * @param anomaliesTopic anomalies
 * @param deadLetterTopic dead letters
 * @param transactionalIdPrefix prefix of the exactly-once sinks' transactional ids
 * @param outOfOrderness watermark bound: {@code logpatterns.out-of-orderness}
 * @param idleness idle partitions stop holding the watermark back: {@code logpatterns.idleness}
 * @param storeBatchSize templates per pgvector upsert: {@code logpatterns.store.batch-size}
 * @param variantK neighbours examined for a new template: {@code logpatterns.variants.k}
 * @param variantMinSimilarity similarity a neighbour needs: {@code
 *     logpatterns.variants.min-similarity}
 * @param lookupTimeout timeout of a nearest-template lookup: {@code logpatterns.variants.timeout}
 * @param options operator options
 */
public record LogPatternsSettings(
        String bootstrapServers,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        String groupId,
        Duration checkpointInterval,
        String logsTopic,
        String templatesTopic,
        String templatedTopic,
        String anomaliesTopic,
        String deadLetterTopic,
        String transactionalIdPrefix,
        Duration outOfOrderness,
        Duration idleness,
        int storeBatchSize,
        int variantK,
        double variantMinSimilarity,
        Duration lookupTimeout,
        LogPatternOptions options)
        implements Serializable {

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

    /** The production topics with options and connections from the configuration. */
    public static LogPatternsSettings fromConfig(RalfConfig config) {
        return new LogPatternsSettings(
                config.get(BOOTSTRAP),
                config.get(JDBC_URL),
                config.get(JDBC_USER),
                config.get(JDBC_PASSWORD),
                config.get(GROUP_ID),
                config.get(CHECKPOINT_INTERVAL),
                Topics.LOGS.name(),
                Topics.LOG_TEMPLATES.name(),
                Topics.LOGS_TEMPLATED.name(),
                Topics.ANOMALIES.name(),
                Topics.DEADLETTER.name(),
                "ralf-logpatterns",
                config.get(OUT_OF_ORDERNESS),
                config.get(IDLENESS),
                config.get(STORE_BATCH),
                config.get(VARIANT_K),
                config.get(VARIANT_MIN_SIMILARITY),
                config.get(LOOKUP_TIMEOUT),
                LogPatternOptions.fromConfig(config));
    }

    /** A copy with other connections (the CLI plugs in the local stack's). */
    public LogPatternsSettings withConnection(
            String bootstrap, String url, String user, String password) {
        return new LogPatternsSettings(
                bootstrap,
                url,
                user,
                password,
                groupId,
                checkpointInterval,
                logsTopic,
                templatesTopic,
                templatedTopic,
                anomaliesTopic,
                deadLetterTopic,
                transactionalIdPrefix,
                outOfOrderness,
                idleness,
                storeBatchSize,
                variantK,
                variantMinSimilarity,
                lookupTimeout,
                options);
    }

    /** A copy with other topics, group and transactional-id prefix (tests, benchmarks). */
    public LogPatternsSettings withTopics(
            String logs,
            String templates,
            String templated,
            String anomalies,
            String deadLetters,
            String group,
            String txPrefix) {
        return new LogPatternsSettings(
                bootstrapServers,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                group,
                checkpointInterval,
                logs,
                templates,
                templated,
                anomalies,
                deadLetters,
                txPrefix,
                outOfOrderness,
                idleness,
                storeBatchSize,
                variantK,
                variantMinSimilarity,
                lookupTimeout,
                options);
    }

    /** A copy with other operator options and checkpoint interval (tests, benchmarks). */
    public LogPatternsSettings withOptions(LogPatternOptions o, Duration checkpoints) {
        return new LogPatternsSettings(
                bootstrapServers,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                groupId,
                checkpoints,
                logsTopic,
                templatesTopic,
                templatedTopic,
                anomaliesTopic,
                deadLetterTopic,
                transactionalIdPrefix,
                outOfOrderness,
                idleness,
                storeBatchSize,
                variantK,
                variantMinSimilarity,
                lookupTimeout,
                o);
    }
}
