package org.ralf.jobs.detect;

import java.nio.file.Path;
import java.time.Duration;
import org.ralf.schemas.config.ConfigOption;

/**
 * The keys of the detect job itself (consumer group, checkpointing, batching), resolved into {@link
 * DetectSettings}.
 */
public final class DetectJobOptions {

    private DetectJobOptions() {}

    /** {@code detect-job.group-id}. */
    public static final ConfigOption<String> GROUP_ID =
            ConfigOption.stringOption("detect-job.group-id", "ralf-detect", "consumer group");

    /** {@code detect-job.checkpoint-interval}. */
    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOption.durationOption(
                    "detect-job.checkpoint-interval",
                    Duration.ofSeconds(10),
                    "checkpoint interval; anomalies become visible to read_committed readers at"
                            + " checkpoints");

    /** {@code detect-job.buffer-timeout}. */
    public static final ConfigOption<Duration> BUFFER_TIMEOUT =
            ConfigOption.durationOption(
                    "detect-job.buffer-timeout",
                    Duration.ofMillis(10),
                    "network buffer flush timeout (latency vs throughput)");

    /** {@code detect-job.checkpoint-dir}. */
    public static final ConfigOption<String> CHECKPOINT_DIR =
            ConfigOption.stringOption(
                    "detect-job.checkpoint-dir",
                    Path.of(System.getProperty("java.io.tmpdir"), "ralf-checkpoints", "detect")
                            .toUri()
                            .toString(),
                    "checkpoint storage URI when the Flink environment configures none");

    /** {@code detect-job.table-batch-size}. */
    public static final ConfigOption<Integer> TABLE_BATCH_SIZE =
            ConfigOption.intOption(
                    "detect-job.table-batch-size",
                    200,
                    "rows per anomalies upsert batch",
                    1,
                    100_000);
}
