package org.ralf.jobs.logpatterns;

import java.io.Serializable;
import java.time.Duration;
import org.ralf.pipelines.logs.LogPatternStreamSettings;
import org.ralf.schemas.config.RalfConfig;
import org.ralf.schemas.topic.Topics;

/**
 * Everything the logpatterns job needs: connections, topics, checkpointing, store and lookup
 * parameters (keys in {@link LogPatternsJobOptions}), and the operator settings ({@link
 * LogPatternStreamSettings}).
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
        LogPatternStreamSettings options)
        implements Serializable {

    /** The production topics with options and connections from the configuration. */
    public static LogPatternsSettings fromConfig(RalfConfig config) {
        return new LogPatternsSettings(
                config.get(LogPatternsJobOptions.BOOTSTRAP),
                config.get(LogPatternsJobOptions.JDBC_URL),
                config.get(LogPatternsJobOptions.JDBC_USER),
                config.get(LogPatternsJobOptions.JDBC_PASSWORD),
                config.get(LogPatternsJobOptions.GROUP_ID),
                config.get(LogPatternsJobOptions.CHECKPOINT_INTERVAL),
                Topics.LOGS.name(),
                Topics.LOG_TEMPLATES.name(),
                Topics.LOGS_TEMPLATED.name(),
                Topics.ANOMALIES.name(),
                Topics.DEADLETTER.name(),
                "ralf-logpatterns",
                config.get(LogPatternsJobOptions.OUT_OF_ORDERNESS),
                config.get(LogPatternsJobOptions.IDLENESS),
                config.get(LogPatternsJobOptions.STORE_BATCH),
                config.get(LogPatternsJobOptions.VARIANT_K),
                config.get(LogPatternsJobOptions.VARIANT_MIN_SIMILARITY),
                config.get(LogPatternsJobOptions.LOOKUP_TIMEOUT),
                LogPatternStreamSettings.fromConfig(config));
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
    public LogPatternsSettings withOptions(LogPatternStreamSettings o, Duration checkpoints) {
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
