package org.ralf.jobs.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.ralf.jobs.detect.DecodeRouter.Routes;
import org.ralf.pipelines.cep.PatternSettings;
import org.ralf.pipelines.detect.DetectStreamSettings;
import org.ralf.pipelines.entity.EntitySettings;
import org.ralf.schemas.config.RalfConfig;
import org.ralf.schemas.topic.Topics;

/**
 * Everything the detect job needs: where Kafka and PostgreSQL are, which topics it reads and
 * writes, and the settings of the detector, the entity stream and the patterns; the job's own keys
 * are declared in {@link DetectJobOptions}.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param jdbcUrl database with schema {@code ralf}
 * @param jdbcUser role that may write {@code ralf.anomalies}
 * @param jdbcPassword its password
 * @param groupId consumer group: {@code detect-job.group-id}
 * @param checkpointInterval checkpoint interval (also the commit latency of the exactly-once sink):
 *     {@code detect-job.checkpoint-interval}
 * @param bufferTimeout how long a network buffer may wait to fill before it is sent: {@code
 *     detect-job.buffer-timeout} (default 10 ms; Flink's 100 ms favours throughput, and every
 *     shuffle on the way to an anomaly can add up to this much latency)
 * @param checkpointDir checkpoint storage used when the environment configures none: {@code
 *     detect-job.checkpoint-dir} (the JobManager-memory default caps a subtask's state at 5 MiB,
 *     about 2,500 series)
 * @param inputTopics topics read (each must exist)
 * @param routes which topic carries which record type
 * @param anomaliesTopic output topic of anomalies
 * @param deadLetterTopic output topic of dead letters
 * @param transactionalIdPrefix prefix of the exactly-once sinks' transactional ids
 * @param tableBatchSize rows per JDBC batch: {@code detect-job.table-batch-size}
 * @param detect detector operator options
 * @param entities entity stream rules
 * @param patterns pattern parameters
 */
public record DetectSettings(
        String bootstrapServers,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        String groupId,
        Duration checkpointInterval,
        Duration bufferTimeout,
        String checkpointDir,
        List<String> inputTopics,
        Routes routes,
        String anomaliesTopic,
        String deadLetterTopic,
        String transactionalIdPrefix,
        int tableBatchSize,
        DetectStreamSettings detect,
        EntitySettings entities,
        PatternSettings patterns)
        implements Serializable {

    /** The CDC tables whose changes feed the patterns. */
    public static final List<String> CDC_TABLES = List.of("deployments", "nodes", "guests");

    /** Validates and copies. */
    public DetectSettings {
        inputTopics = List.copyOf(inputTopics);
        if (inputTopics.isEmpty()) {
            throw new IllegalArgumentException("the detect job needs at least one input topic");
        }
    }

    /**
     * The settings of the production topics, options from the configuration and the given
     * connection.
     */
    public static DetectSettings fromConfig(
            RalfConfig config,
            String bootstrapServers,
            String jdbcUrl,
            String jdbcUser,
            String jdbcPassword) {
        List<String> topics = new ArrayList<>();
        topics.add(Topics.METRICS.name());
        topics.add(Topics.LOGS.name());
        topics.add(Topics.DISCOVERY.name());
        CDC_TABLES.forEach(t -> topics.add(Topics.cdc(t).name()));
        return new DetectSettings(
                bootstrapServers,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                config.get(DetectJobOptions.GROUP_ID),
                config.get(DetectJobOptions.CHECKPOINT_INTERVAL),
                config.get(DetectJobOptions.BUFFER_TIMEOUT),
                config.get(DetectJobOptions.CHECKPOINT_DIR),
                topics,
                new Routes(
                        Topics.METRICS.name(),
                        Topics.LOGS.name(),
                        Topics.DISCOVERY.name(),
                        "ralf.cdc."),
                Topics.ANOMALIES.name(),
                Topics.DEADLETTER.name(),
                "ralf-detect",
                config.get(DetectJobOptions.TABLE_BATCH_SIZE),
                DetectStreamSettings.fromConfig(config),
                EntitySettings.fromConfig(config),
                PatternSettings.fromConfig(config));
    }

    /**
     * The settings from a {@code connection.properties} as {@code ralf stack up} writes it ({@code
     * kafka.bootstrap}, {@code pg.url}, {@code pg.user}, {@code pg.password}).
     */
    public static DetectSettings fromConnectionFile(RalfConfig config, Path connection)
            throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(connection)) {
            p.load(in);
        }
        return fromConfig(
                config,
                require(p, "kafka.bootstrap", connection),
                require(p, "pg.url", connection),
                require(p, "pg.user", connection),
                p.getProperty("pg.password", ""));
    }

    private static String require(Properties p, String key, Path file) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(file + ": " + key + " is missing");
        }
        return v;
    }

    /** A copy reading other topics (tests, benchmarks): every topic name replaced. */
    public DetectSettings withTopics(
            List<String> inputs,
            Routes newRoutes,
            String anomalies,
            String deadLetters,
            String txPrefix,
            String group) {
        return new DetectSettings(
                bootstrapServers,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                group,
                checkpointInterval,
                bufferTimeout,
                checkpointDir,
                inputs,
                newRoutes,
                anomalies,
                deadLetters,
                txPrefix,
                tableBatchSize,
                detect,
                entities,
                patterns);
    }

    /** A copy with other detector options. */
    public DetectSettings withDetect(DetectStreamSettings options) {
        return new DetectSettings(
                bootstrapServers,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                groupId,
                checkpointInterval,
                bufferTimeout,
                checkpointDir,
                inputTopics,
                routes,
                anomaliesTopic,
                deadLetterTopic,
                transactionalIdPrefix,
                tableBatchSize,
                options,
                entities,
                patterns);
    }

    /** A copy with another checkpoint interval. */
    public DetectSettings withCheckpointInterval(Duration interval) {
        return new DetectSettings(
                bootstrapServers,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                groupId,
                interval,
                bufferTimeout,
                checkpointDir,
                inputTopics,
                routes,
                anomaliesTopic,
                deadLetterTopic,
                transactionalIdPrefix,
                tableBatchSize,
                detect,
                entities,
                patterns);
    }

    /** A copy with another checkpoint storage URI. */
    public DetectSettings withCheckpointDir(String uri) {
        return new DetectSettings(
                bootstrapServers,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                groupId,
                checkpointInterval,
                bufferTimeout,
                uri,
                inputTopics,
                routes,
                anomaliesTopic,
                deadLetterTopic,
                transactionalIdPrefix,
                tableBatchSize,
                detect,
                entities,
                patterns);
    }
}
