package org.ralf.jobs.remediation;

import java.time.Duration;
import java.util.List;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.ConnectionOptions;

/** Configuration keys of the remediation job (section {@code remediation} of ralf.yaml). */
public final class RemediationOptions {

    private RemediationOptions() {}

    public static final ConfigOption<String> BOOTSTRAP = ConnectionOptions.KAFKA_BOOTSTRAP_SERVERS;
    public static final ConfigOption<String> JDBC_URL = ConnectionOptions.POSTGRES_JDBC_URL;
    public static final ConfigOption<String> JDBC_USER = ConnectionOptions.POSTGRES_USER;
    public static final ConfigOption<String> JDBC_PASSWORD = ConnectionOptions.POSTGRES_PASSWORD;
    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOption.durationOption(
                    "remediation.checkpoint-interval",
                    Duration.ofSeconds(5),
                    "checkpoint interval; commands become visible (read_committed) at checkpoints");
    public static final ConfigOption<Duration> QUIET_PERIOD =
            ConfigOption.durationOption(
                    "remediation.quiet-period",
                    Duration.ofMinutes(5),
                    "incident correlation window; an incident resolves after this long without"
                            + " anomalies");
    public static final ConfigOption<Duration> LOOKUP_TIMEOUT =
            ConfigOption.durationOption(
                    "remediation.memory.lookup-timeout",
                    Duration.ofSeconds(2),
                    "timeout of a similar-incident lookup (then decide without memory)");
    public static final ConfigOption<Integer> LOOKUP_CAPACITY =
            ConfigOption.intOption(
                    "remediation.memory.lookup-capacity", 100, "lookups in flight", 1, 10_000);
    public static final ConfigOption<Integer> LOOKUP_THREADS =
            ConfigOption.intOption(
                    "remediation.memory.lookup-threads",
                    4,
                    "lookup threads (and JDBC pool size)",
                    1,
                    64);
    public static final ConfigOption<Integer> SIMILAR_K =
            ConfigOption.intOption(
                    "remediation.memory.k",
                    20,
                    "similar experiences retrieved per incident",
                    1,
                    1000);
    public static final ConfigOption<Integer> EF_SEARCH =
            ConfigOption.intOption(
                    "remediation.memory.ef-search", 100, "HNSW candidates per lookup", 10, 1000);
    public static final ConfigOption<Integer> MAX_ACTIONS_PER_HOUR =
            ConfigOption.intOption(
                    "remediation.max-actions-per-hour",
                    20,
                    "global limit of actions per hour",
                    1,
                    100_000);
    public static final ConfigOption<Duration> RETENTION =
            ConfigOption.durationOption(
                    "remediation.retention",
                    Duration.ofHours(1),
                    "resolved incidents stay in state this long");
    public static final ConfigOption<Duration> RESULT_GRACE =
            ConfigOption.durationOption(
                    "remediation.result-grace",
                    Duration.ofMinutes(2),
                    "an attempt fails when no result arrives within the command timeout plus this");
    public static final ConfigOption<Duration> TOPOLOGY_HOLD =
            ConfigOption.durationOption(
                    "remediation.topology-hold",
                    Duration.ofSeconds(30),
                    "an anomaly on an entity not (yet) in the inventory waits up to this long for"
                            + " the inventory CDC stream before it is correlated as unknown (0s: no"
                            + " wait)");
    public static final ConfigOption<Duration> RECONSIDER_INTERVAL =
            ConfigOption.durationOption(
                    "remediation.reconsider-interval",
                    Duration.ofSeconds(5),
                    "period at which open incidents without a decision (no matching policy or no"
                            + " inventory yet) are decided again");
    public static final ConfigOption<Duration> INVENTORY_WAIT =
            ConfigOption.durationOption(
                    "remediation.inventory-wait",
                    Duration.ofMinutes(2),
                    "while the inventory is empty, decisions wait up to this long after the"
                            + " incident opened");
    public static final ConfigOption<String> SIGNING_KEY_ID =
            ConfigOption.stringOption("remediation.signing.key-id", "ralf-1", "signing key id");
    public static final ConfigOption<String> SIGNING_SECRET =
            ConfigOption.secretOption(
                    "remediation.signing.secret",
                    "HMAC secret commands are signed with (the executor's key of the same id)");
    public static final ConfigOption<String> GROUP_ID =
            ConfigOption.stringOption(
                    "remediation.group-id", "ralf-remediation", "Kafka consumer group");
    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOption.stringOption(
                    "remediation.transactional-id-prefix",
                    "ralf-remediation",
                    "prefix of the exactly-once sinks' transactional ids");
    public static final ConfigOption<Integer> SINK_BATCH =
            ConfigOption.intOption(
                    "remediation.sink-batch", 100, "PostgreSQL/git sink batch size", 1, 10_000);
    public static final ConfigOption<Boolean> AUDIT_ENABLED =
            ConfigOption.booleanOption(
                    "remediation.audit.enabled",
                    true,
                    "commit every decision to the git audit repo");
    public static final ConfigOption<String> AUDIT_DIRECTORY =
            ConfigOption.stringOption(
                    "remediation.audit.directory", ".ralf/audit", "local audit repository");
    public static final ConfigOption<String> AUDIT_BRANCH =
            ConfigOption.stringOption("remediation.audit.branch", "main", "audit branch");
    public static final ConfigOption<String> AUDIT_REMOTE =
            ConfigOption.optionalString(
                    "remediation.audit.remote-url", "remote to push to (empty: no push)");
    public static final ConfigOption<String> AUDIT_USER =
            ConfigOption.optionalString("remediation.audit.username", "user for the audit remote");
    public static final ConfigOption<String> AUDIT_PASSWORD =
            ConfigOption.secretOption(
                    "remediation.audit.password", "password or token for the audit remote");

    /** Every option, for documentation. */
    public static List<ConfigOption<?>> all() {
        return List.of(
                BOOTSTRAP,
                JDBC_URL,
                JDBC_USER,
                JDBC_PASSWORD,
                CHECKPOINT_INTERVAL,
                QUIET_PERIOD,
                LOOKUP_TIMEOUT,
                LOOKUP_CAPACITY,
                LOOKUP_THREADS,
                SIMILAR_K,
                EF_SEARCH,
                MAX_ACTIONS_PER_HOUR,
                RETENTION,
                RESULT_GRACE,
                TOPOLOGY_HOLD,
                RECONSIDER_INTERVAL,
                INVENTORY_WAIT,
                SIGNING_KEY_ID,
                SIGNING_SECRET,
                GROUP_ID,
                TRANSACTIONAL_ID_PREFIX,
                SINK_BATCH,
                AUDIT_ENABLED,
                AUDIT_DIRECTORY,
                AUDIT_BRANCH,
                AUDIT_REMOTE,
                AUDIT_USER,
                AUDIT_PASSWORD);
    }
}
