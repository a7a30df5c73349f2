package org.ralf.executor.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * The resolved, immutable settings of the executor, read from the {@code executor:} section of
 * {@code ralf.yaml} by {@link ExecutorSettingsReader} (keys: {@link ExecutorOptions}). Secrets are
 * {@link Secret}s, never printed. Invalid configuration fails fast with a {@link ConfigException}
 * naming the key.
 *
 * @param executorId stable id of this executor instance (ledger {@code executor_id}); must stay the
 *     same across restarts so that crash reconciliation finds its own RUNNING entries
 * @param bootstrapServers Kafka bootstrap servers
 * @param groupId Kafka consumer group
 * @param commandsTopic topic of {@code ActionCommand}s
 * @param resultsTopic topic of {@code CommandResult}s
 * @param approvalsTopic topic of {@code Approval}s
 * @param deadLetterTopic topic for undecodable or schema-invalid commands and approvals
 * @param jdbcUrl PostgreSQL JDBC URL of the ledger
 * @param jdbcUser PostgreSQL user
 * @param jdbcPassword PostgreSQL password (may be empty)
 * @param dryRun force dry-run for every command
 * @param workDir where per-run files (extra vars, plans, captured output) are written
 * @param signingKeys valid HMAC-SHA256 secrets by key id (several at once: key rotation)
 * @param approvers who may approve commands
 * @param approvalTtl how long a command waits for an approval before it is rejected
 * @param maxTimeout upper bound for a command's own timeout
 * @param maxCommandAge commands issued longer ago than this are rejected (replay protection that
 *     still holds after old ledger rows have been pruned)
 * @param excerptChars maximum characters of stdout/stderr excerpts in a result
 * @param redact further literal values to redact from every excerpt and log line
 * @param ansible Ansible settings and allowlisted playbooks
 * @param tofu OpenTofu settings and allowlisted workspaces
 * @param proxmox Proxmox VE settings and allowlisted actions
 */
public record ExecutorSettings(
        String executorId,
        String bootstrapServers,
        String groupId,
        String commandsTopic,
        String resultsTopic,
        String approvalsTopic,
        String deadLetterTopic,
        String jdbcUrl,
        String jdbcUser,
        Secret jdbcPassword,
        boolean dryRun,
        Path workDir,
        Map<String, Secret> signingKeys,
        Set<String> approvers,
        Duration approvalTtl,
        Duration maxTimeout,
        Duration maxCommandAge,
        int excerptChars,
        List<Secret> redact,
        Ansible ansible,
        Tofu tofu,
        Proxmox proxmox) {

    /** Canonical constructor: copies collections and checks invariants. */
    public ExecutorSettings {
        signingKeys = Map.copyOf(signingKeys);
        approvers = Set.copyOf(approvers);
        redact = List.copyOf(redact);
        if (signingKeys.isEmpty()) {
            throw new IllegalArgumentException("executor.signing.keys: at least one key required");
        }
    }

    /**
     * Ansible settings.
     *
     * @param binary the ansible-playbook executable
     * @param playbooks allowlisted playbooks by name (the command's action)
     */
    public record Ansible(String binary, Map<String, Playbook> playbooks) {
        /** Copies the map. */
        public Ansible {
            playbooks = Map.copyOf(playbooks);
        }
    }

    /**
     * One allowlisted playbook.
     *
     * @param path playbook file
     * @param inventory inventory file or directory
     * @param targets globs the command's target (the {@code --limit}) must match
     */
    public record Playbook(Path path, Path inventory, List<String> targets) {
        /** Copies the list. */
        public Playbook {
            targets = List.copyOf(targets);
        }
    }

    /**
     * OpenTofu settings.
     *
     * @param binary the tofu executable
     * @param workspaces allowlisted workspaces by name (the command's action)
     */
    public record Tofu(String binary, Map<String, Workspace> workspaces) {
        /** Copies the map. */
        public Tofu {
            workspaces = Map.copyOf(workspaces);
        }
    }

    /**
     * One allowlisted OpenTofu workspace.
     *
     * @param dir the root module directory
     * @param targets globs the command's target must match
     */
    public record Workspace(Path dir, List<String> targets) {
        /** Copies the list. */
        public Workspace {
            targets = List.copyOf(targets);
        }
    }

    /**
     * Proxmox VE API settings.
     *
     * @param url base URL such as {@code https://pve1:8006}, or null when not configured
     * @param tokenId API token id {@code USER@REALM!TOKENID}
     * @param tokenSecret API token secret
     * @param fingerprint SHA-256 fingerprint of the server certificate (hex, colons optional) to
     *     pin instead of CA validation, or null to use the JVM trust store
     * @param pollInterval task status polling interval
     * @param actions allowlisted actions mapped to target globs ({@code node/qemu|lxc/vmid})
     * @param backupStorages storages a backup may be written to
     */
    public record Proxmox(
            @Nullable URI url,
            String tokenId,
            Secret tokenSecret,
            @Nullable String fingerprint,
            Duration pollInterval,
            Map<String, List<String>> actions,
            List<String> backupStorages) {
        /** Copies collections. */
        public Proxmox {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            actions.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            actions = Map.copyOf(copy);
            backupStorages = List.copyOf(backupStorages);
        }

        /** A Proxmox section with nothing allowed. */
        public static Proxmox disabled() {
            return new Proxmox(
                    null, "", Secret.of(""), null, Duration.ofSeconds(1), Map.of(), List.of());
        }
    }

    /** Returns a copy with dry-run forced on or off ({@code ralf executor run --dry-run}). */
    public ExecutorSettings withDryRun(boolean forced) {
        Copy c = new Copy(this);
        c.dryRun = forced;
        return c.build();
    }

    /** Returns a copy using other Kafka bootstrap servers (for example the embedded stack). */
    public ExecutorSettings withKafka(String servers) {
        Copy c = new Copy(this);
        c.bootstrapServers = servers;
        return c.build();
    }

    /** Returns a copy using another ledger database (for example the embedded stack). */
    public ExecutorSettings withJdbc(String url, String user, Secret password) {
        Copy c = new Copy(this);
        c.jdbcUrl = url;
        c.jdbcUser = user;
        c.jdbcPassword = password;
        return c.build();
    }

    /** Returns a copy using other topics and consumer group (tests, benchmarks, several labs). */
    public ExecutorSettings withTopics(
            String commands, String results, String approvals, String group) {
        Copy c = new Copy(this);
        c.groupId = group;
        c.commandsTopic = commands;
        c.resultsTopic = results;
        c.approvalsTopic = approvals;
        return c.build();
    }

    /** Returns a copy with other approval settings. */
    public ExecutorSettings withApprovals(Set<String> approverIds, Duration ttl) {
        Copy c = new Copy(this);
        c.approvers = approverIds;
        c.approvalTtl = ttl;
        return c.build();
    }

    /**
     * Returns a copy with other Proxmox settings (the demo points the executor at the simulator's
     * Proxmox API).
     */
    public ExecutorSettings withProxmox(Proxmox settings) {
        Copy c = new Copy(this);
        c.proxmox = settings;
        return c.build();
    }

    /** Returns a copy with other Ansible settings (benchmarks use a stand-in binary). */
    public ExecutorSettings withAnsible(Ansible settings) {
        Copy c = new Copy(this);
        c.ansible = settings;
        return c.build();
    }

    /** Returns a copy with another maximum command age. */
    public ExecutorSettings withMaxCommandAge(Duration age) {
        Copy c = new Copy(this);
        c.maxCommandAge = age;
        return c.build();
    }

    /** Returns a copy using another dead-letter topic. */
    public ExecutorSettings withDeadLetterTopic(String topic) {
        Copy c = new Copy(this);
        c.deadLetterTopic = topic;
        return c.build();
    }

    /** Every configured secret value, for redaction. */
    public List<String> secretValues() {
        List<String> out = new ArrayList<>();
        signingKeys.values().forEach(s -> out.add(s.reveal()));
        out.add(jdbcPassword.reveal());
        out.add(proxmox.tokenSecret().reveal());
        redact.forEach(s -> out.add(s.reveal()));
        out.removeIf(String::isEmpty);
        return out;
    }

    /** Reads the {@code executor:} section of a ralf.yaml, with the process environment. */
    public static ExecutorSettings fromYaml(Path ralfYaml) throws ConfigException {
        return fromYaml(ralfYaml, System.getenv());
    }

    /** Reads the {@code executor:} section of a ralf.yaml with the given environment. */
    public static ExecutorSettings fromYaml(Path ralfYaml, Map<String, String> env)
            throws ConfigException {
        return ExecutorSettingsReader.fromYaml(ralfYaml, env);
    }

    /** A mutable copy of every component, for the {@code with*} methods: one constructor call. */
    private static final class Copy {
        String executorId;
        String bootstrapServers;
        String groupId;
        String commandsTopic;
        String resultsTopic;
        String approvalsTopic;
        String deadLetterTopic;
        String jdbcUrl;
        String jdbcUser;
        Secret jdbcPassword;
        boolean dryRun;
        Path workDir;
        Map<String, Secret> signingKeys;
        Set<String> approvers;
        Duration approvalTtl;
        Duration maxTimeout;
        Duration maxCommandAge;
        int excerptChars;
        List<Secret> redact;
        Ansible ansible;
        Tofu tofu;
        Proxmox proxmox;

        Copy(ExecutorSettings from) {
            executorId = from.executorId;
            bootstrapServers = from.bootstrapServers;
            groupId = from.groupId;
            commandsTopic = from.commandsTopic;
            resultsTopic = from.resultsTopic;
            approvalsTopic = from.approvalsTopic;
            deadLetterTopic = from.deadLetterTopic;
            jdbcUrl = from.jdbcUrl;
            jdbcUser = from.jdbcUser;
            jdbcPassword = from.jdbcPassword;
            dryRun = from.dryRun;
            workDir = from.workDir;
            signingKeys = from.signingKeys;
            approvers = from.approvers;
            approvalTtl = from.approvalTtl;
            maxTimeout = from.maxTimeout;
            maxCommandAge = from.maxCommandAge;
            excerptChars = from.excerptChars;
            redact = from.redact;
            ansible = from.ansible;
            tofu = from.tofu;
            proxmox = from.proxmox;
        }

        ExecutorSettings build() {
            return new ExecutorSettings(
                    executorId,
                    bootstrapServers,
                    groupId,
                    commandsTopic,
                    resultsTopic,
                    approvalsTopic,
                    deadLetterTopic,
                    jdbcUrl,
                    jdbcUser,
                    jdbcPassword,
                    dryRun,
                    workDir,
                    signingKeys,
                    approvers,
                    approvalTtl,
                    maxTimeout,
                    maxCommandAge,
                    excerptChars,
                    redact,
                    ansible,
                    tofu,
                    proxmox);
        }
    }
}
