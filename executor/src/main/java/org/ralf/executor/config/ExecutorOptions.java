package org.ralf.executor.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.ConnectionOptions;

/**
 * The keys of the {@code executor:} section of {@code ralf.yaml}, each a typed {@link ConfigOption}
 * read through {@code RalfConfig} (environment override {@code RALF_EXECUTOR_*} derived from the
 * key). The entries of its lists and maps (signing keys, playbooks, workspaces) are read through
 * the per-entry options of the nested classes, whose keys are relative to the entry. Secrets come
 * as {@code <key>}, {@code <key>-env} (a variable name) or {@code <key>-file}.
 */
public final class ExecutorOptions {

    private ExecutorOptions() {}

    /** {@code executor.id}. */
    public static final ConfigOption<String> ID =
            ConfigOption.stringOption(
                    "executor.id",
                    "executor-1",
                    "stable id of this executor (ledger executor_id), same across restarts");

    /** {@code executor.bootstrap-servers}. */
    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOption.stringOption(
                    "executor.bootstrap-servers",
                    ConnectionOptions.KAFKA_BOOTSTRAP_SERVERS.defaultValue(),
                    "Kafka bootstrap servers of the executor");

    /** {@code executor.group-id}. */
    public static final ConfigOption<String> GROUP_ID =
            ConfigOption.stringOption(
                    "executor.group-id", "ralf-executor", "Kafka consumer group of the executor");

    /** {@code executor.topics.commands}. */
    public static final ConfigOption<String> COMMANDS_TOPIC =
            ConfigOption.stringOption(
                    "executor.topics.commands", "ralf.commands", "topic of ActionCommands");

    /** {@code executor.topics.results}. */
    public static final ConfigOption<String> RESULTS_TOPIC =
            ConfigOption.stringOption(
                    "executor.topics.results", "ralf.command-results", "topic of CommandResults");

    /** {@code executor.topics.approvals}. */
    public static final ConfigOption<String> APPROVALS_TOPIC =
            ConfigOption.stringOption(
                    "executor.topics.approvals", "ralf.approvals", "topic of Approvals");

    /** {@code executor.topics.deadletter}. */
    public static final ConfigOption<String> DEADLETTER_TOPIC =
            ConfigOption.stringOption(
                    "executor.topics.deadletter",
                    "ralf.deadletter",
                    "topic of undecodable or schema-invalid commands and approvals");

    /** {@code executor.jdbc.url}. */
    public static final ConfigOption<String> JDBC_URL =
            ConfigOption.stringOption(
                    "executor.jdbc.url",
                    ConnectionOptions.POSTGRES_JDBC_URL.defaultValue(),
                    "JDBC URL of the executor's ledger");

    /** {@code executor.jdbc.user}. */
    public static final ConfigOption<String> JDBC_USER =
            ConfigOption.stringOption("executor.jdbc.user", "ralf", "database user of the ledger");

    /** {@code executor.jdbc.password} (with {@code -env}/{@code -file}). */
    public static final SecretKey JDBC_PASSWORD =
            SecretKey.of("executor.jdbc.password", "database password of executor.jdbc.user");

    /** {@code executor.jdbc.password}. */
    public static final ConfigOption<String> JDBC_PASSWORD_VALUE = JDBC_PASSWORD.value();

    /** {@code executor.jdbc.password-env}. */
    public static final ConfigOption<String> JDBC_PASSWORD_ENV = JDBC_PASSWORD.variable();

    /** {@code executor.jdbc.password-file}. */
    public static final ConfigOption<String> JDBC_PASSWORD_FILE = JDBC_PASSWORD.file();

    /** {@code executor.dry-run}. */
    public static final ConfigOption<Boolean> DRY_RUN =
            ConfigOption.booleanOption(
                    "executor.dry-run", false, "force dry-run for every command");

    /** {@code executor.work-dir}. */
    public static final ConfigOption<String> WORK_DIR =
            ConfigOption.optionalString(
                    "executor.work-dir",
                    "directory of per-run files (relative: to the directory of ralf.yaml);"
                            + " empty: <java.io.tmpdir>/ralf-executor");

    /**
     * {@code executor.signing.keys}: in the file a list of {@link SigningKey} entries; its variable
     * {@code RALF_EXECUTOR_SIGNING_KEYS=id=secret[,id=secret]} adds or replaces keys.
     */
    public static final ConfigOption<String> SIGNING_KEYS =
            new ConfigOption<>(
                    "executor.signing.keys",
                    s -> s,
                    "",
                    "HMAC signing keys: a list of {id, secret|secret-env|secret-file}; the"
                            + " variable adds id=secret[,id=secret]",
                    v -> true,
                    "id=secret[,id=secret]",
                    true);

    /**
     * {@code executor.approvals.approvers}: a list in the file, comma-separated in the variable.
     */
    public static final ConfigOption<List<String>> APPROVERS =
            stringList("executor.approvals.approvers", "who may approve commands", false);

    /** {@code executor.approvals.ttl}. */
    public static final ConfigOption<Duration> APPROVAL_TTL =
            positiveDuration(
                    "executor.approvals.ttl",
                    Duration.ofMinutes(30),
                    "how long a command waits for an approval before it is rejected");

    /** {@code executor.max-timeout}. */
    public static final ConfigOption<Duration> MAX_TIMEOUT =
            positiveDuration(
                    "executor.max-timeout",
                    Duration.ofMinutes(30),
                    "upper bound for a command's own timeout");

    /** {@code executor.max-command-age}. */
    public static final ConfigOption<Duration> MAX_COMMAND_AGE =
            positiveDuration(
                    "executor.max-command-age",
                    Duration.ofHours(24),
                    "commands issued longer ago are rejected (replay protection)");

    /** {@code executor.excerpt-chars}. */
    public static final ConfigOption<Integer> EXCERPT_CHARS =
            ConfigOption.intOption(
                    "executor.excerpt-chars",
                    4000,
                    "maximum characters of stdout/stderr excerpts in a result",
                    100,
                    Integer.MAX_VALUE);

    /** {@code executor.redact}: further literal values masked in excerpts and logs. */
    public static final ConfigOption<List<String>> REDACT =
            stringList(
                    "executor.redact",
                    "further literal values to redact from every excerpt and log line",
                    true);

    /** {@code executor.ansible.binary}. */
    public static final ConfigOption<String> ANSIBLE_BINARY =
            ConfigOption.stringOption(
                    "executor.ansible.binary",
                    "ansible-playbook",
                    "the ansible-playbook executable");

    /** {@code executor.opentofu.binary}. */
    public static final ConfigOption<String> TOFU_BINARY =
            ConfigOption.stringOption("executor.opentofu.binary", "tofu", "the tofu executable");

    /** {@code executor.proxmox.url}: empty = no Proxmox actions. */
    public static final ConfigOption<String> PROXMOX_URL =
            ConfigOption.optionalString(
                    "executor.proxmox.url",
                    "Proxmox VE API base URL (https only); empty: disabled");

    /** {@code executor.proxmox.token-id}. */
    public static final ConfigOption<String> PROXMOX_TOKEN_ID =
            ConfigOption.optionalString(
                    "executor.proxmox.token-id", "Proxmox API token id USER@REALM!TOKENID");

    /** {@code executor.proxmox.token-secret} (with {@code -env}/{@code -file}). */
    public static final SecretKey PROXMOX_TOKEN_SECRET =
            SecretKey.of("executor.proxmox.token-secret", "Proxmox API token secret");

    /** {@code executor.proxmox.token-secret}. */
    public static final ConfigOption<String> PROXMOX_TOKEN_SECRET_VALUE =
            PROXMOX_TOKEN_SECRET.value();

    /** {@code executor.proxmox.token-secret-env}. */
    public static final ConfigOption<String> PROXMOX_TOKEN_SECRET_ENV =
            PROXMOX_TOKEN_SECRET.variable();

    /** {@code executor.proxmox.token-secret-file}. */
    public static final ConfigOption<String> PROXMOX_TOKEN_SECRET_FILE =
            PROXMOX_TOKEN_SECRET.file();

    /** {@code executor.proxmox.fingerprint}. */
    public static final ConfigOption<String> PROXMOX_FINGERPRINT =
            ConfigOption.optionalString(
                    "executor.proxmox.fingerprint",
                    "SHA-256 fingerprint of the Proxmox certificate to pin; empty: CA validation");

    /** {@code executor.proxmox.poll-interval}. */
    public static final ConfigOption<Duration> PROXMOX_POLL_INTERVAL =
            positiveDuration(
                    "executor.proxmox.poll-interval",
                    Duration.ofSeconds(1),
                    "Proxmox task status polling interval");

    /** {@code executor.proxmox.backup-storages}. */
    public static final ConfigOption<List<String>> PROXMOX_BACKUP_STORAGES =
            stringList(
                    "executor.proxmox.backup-storages",
                    "storages a Proxmox backup may be written to",
                    false);

    /**
     * Map sections whose entries are named by the user (playbook, workspace and action names):
     * their entries are key-checked by the executor's reader, not by the registry.
     */
    public static final List<String> ENTRY_SECTIONS =
            List.of(
                    "executor.ansible.playbooks",
                    "executor.opentofu.workspaces",
                    "executor.proxmox.actions");

    /** The per-entry keys of one {@code executor.signing.keys} element. */
    public static final class SigningKey {
        private SigningKey() {}

        /** {@code id}. */
        public static final ConfigOption<String> ID =
                ConfigOption.optionalString("id", "key id named by signed commands");

        /** {@code secret} (with {@code -env}/{@code -file}). */
        public static final SecretKey SECRET = SecretKey.of("secret", "HMAC-SHA256 secret");

        /** {@code secret}. */
        public static final ConfigOption<String> SECRET_VALUE = SECRET.value();

        /** {@code secret-env}. */
        public static final ConfigOption<String> SECRET_ENV = SECRET.variable();

        /** {@code secret-file}. */
        public static final ConfigOption<String> SECRET_FILE = SECRET.file();
    }

    /** The per-entry keys of one {@code executor.ansible.playbooks.<name>} entry. */
    public static final class Playbook {
        private Playbook() {}

        /** {@code path}. */
        public static final ConfigOption<String> PATH =
                ConfigOption.optionalString("path", "playbook file (required)");

        /** {@code inventory}. */
        public static final ConfigOption<String> INVENTORY =
                ConfigOption.optionalString("inventory", "inventory file or directory (required)");

        /** {@code targets}. */
        public static final ConfigOption<List<String>> TARGETS =
                stringList("targets", "globs the command's target (--limit) must match", false);
    }

    /** The per-entry keys of one {@code executor.opentofu.workspaces.<name>} entry. */
    public static final class Workspace {
        private Workspace() {}

        /** {@code dir}. */
        public static final ConfigOption<String> DIR =
                ConfigOption.optionalString("dir", "root module directory (required)");

        /** {@code targets}. */
        public static final ConfigOption<List<String>> TARGETS =
                stringList("targets", "globs the command's target must match", false);
    }

    /**
     * A secret given as the value itself, the name of an environment variable holding it, or a file
     * holding it. Every one of the three keys is masked when configuration is printed.
     *
     * @param value {@code <key>}
     * @param variable {@code <key>-env}
     * @param file {@code <key>-file}
     */
    public record SecretKey(
            ConfigOption<String> value, ConfigOption<String> variable, ConfigOption<String> file) {

        static SecretKey of(String key, String description) {
            // the -env and -file keys hold no secret themselves, but their names say
            // "secret"/"password", and masking them costs nothing
            return new SecretKey(
                    ConfigOption.secretOption(key, description),
                    ConfigOption.secretOption(key + "-env", "environment variable holding " + key),
                    ConfigOption.secretOption(key + "-file", "file holding " + key));
        }
    }

    /**
     * A list of strings: a YAML list (or one scalar) in the file, comma-separated in the
     * environment variable.
     */
    static ConfigOption<List<String>> stringList(String key, String description, boolean secret) {
        return new ConfigOption<>(
                key,
                s ->
                        s.isBlank()
                                ? List.of()
                                : Arrays.stream(s.split(",")).map(String::trim).toList(),
                List.of(),
                description,
                v -> true,
                "a list of strings",
                secret);
    }

    /** A duration written {@code 30s}, {@code 5m}, {@code 1h30m} or {@code PT1H}, above zero. */
    static ConfigOption<Duration> positiveDuration(String key, Duration dflt, String description) {
        return new ConfigOption<>(
                key,
                ExecutorOptions::parseDuration,
                dflt,
                description,
                d -> !d.isNegative() && !d.isZero(),
                "a positive duration such as 30s, 5m or PT1H");
    }

    private static Duration parseDuration(String v) {
        try {
            return Duration.parse(v.toUpperCase(Locale.ROOT).startsWith("P") ? v : "PT" + v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
