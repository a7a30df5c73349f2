package org.ralf.executor.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.ralf.schemas.config.ConnectionOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Typed configuration of the executor, read from the {@code executor:} section of {@code ralf.yaml}
 * by {@link #fromYaml(Path)}. Secrets are {@link Secret}s, given in YAML as {@code <key>: value},
 * {@code <key>-env: VARIABLE} or {@code <key>-file: path}; environment variables {@code
 * RALF_EXECUTOR_*} override (see docs/executor.md). Relative paths resolve against the directory of
 * the YAML file. Invalid configuration fails fast with a {@link ConfigException} naming the key.
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
public record ExecutorConfig(
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
    public ExecutorConfig {
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
    public ExecutorConfig withDryRun(boolean forced) {
        Copy c = new Copy(this);
        c.dryRun = forced;
        return c.build();
    }

    /** Returns a copy using other Kafka bootstrap servers (for example the embedded stack). */
    public ExecutorConfig withKafka(String servers) {
        Copy c = new Copy(this);
        c.bootstrapServers = servers;
        return c.build();
    }

    /** Returns a copy using another ledger database (for example the embedded stack). */
    public ExecutorConfig withJdbc(String url, String user, Secret password) {
        Copy c = new Copy(this);
        c.jdbcUrl = url;
        c.jdbcUser = user;
        c.jdbcPassword = password;
        return c.build();
    }

    /** Returns a copy using other topics and consumer group (tests, benchmarks, several labs). */
    public ExecutorConfig withTopics(
            String commands, String results, String approvals, String group) {
        Copy c = new Copy(this);
        c.groupId = group;
        c.commandsTopic = commands;
        c.resultsTopic = results;
        c.approvalsTopic = approvals;
        return c.build();
    }

    /** Returns a copy with other approval settings. */
    public ExecutorConfig withApprovals(Set<String> approverIds, Duration ttl) {
        Copy c = new Copy(this);
        c.approvers = approverIds;
        c.approvalTtl = ttl;
        return c.build();
    }

    /**
     * Returns a copy with other Proxmox settings (the demo points the executor at the simulator's
     * Proxmox API).
     */
    public ExecutorConfig withProxmox(Proxmox settings) {
        Copy c = new Copy(this);
        c.proxmox = settings;
        return c.build();
    }

    /** Returns a copy with other Ansible settings (benchmarks use a stand-in binary). */
    public ExecutorConfig withAnsible(Ansible settings) {
        Copy c = new Copy(this);
        c.ansible = settings;
        return c.build();
    }

    /** Returns a copy with another maximum command age. */
    public ExecutorConfig withMaxCommandAge(Duration age) {
        Copy c = new Copy(this);
        c.maxCommandAge = age;
        return c.build();
    }

    /** Returns a copy using another dead-letter topic. */
    public ExecutorConfig withDeadLetterTopic(String topic) {
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
    public static ExecutorConfig fromYaml(Path ralfYaml) throws ConfigException {
        return fromYaml(ralfYaml, System.getenv());
    }

    /** Reads the {@code executor:} section of a ralf.yaml with the given environment. */
    public static ExecutorConfig fromYaml(Path ralfYaml, Map<String, String> env)
            throws ConfigException {
        Object root;
        try (InputStream in = Files.newInputStream(ralfYaml)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(ralfYaml.toString(), "cannot read: " + e.getMessage(), e);
        }
        Path base = ralfYaml.toAbsolutePath().getParent();
        Node top = new Node("", root == null ? Map.of() : root, env);
        Node ex = top.child("executor");
        return new Reader(base, env).read(ex);
    }

    /** Reads a typed config out of the YAML tree. */
    private static final class Reader {
        private final Path base;
        private final Map<String, String> env;

        Reader(Path base, Map<String, String> env) {
            this.base = base;
            this.env = env;
        }

        ExecutorConfig read(Node ex) throws ConfigException {
            String id = ex.str("id", "executor-1");
            String servers =
                    override(
                            "RALF_EXECUTOR_BOOTSTRAP_SERVERS",
                            ex.str(
                                    "bootstrap-servers",
                                    ConnectionOptions.KAFKA_BOOTSTRAP_SERVERS.defaultValue()));
            String group = ex.str("group-id", "ralf-executor");
            Node topics = ex.child("topics");
            Node jdbc = ex.child("jdbc");
            String url =
                    override(
                            "RALF_EXECUTOR_JDBC_URL",
                            jdbc.str("url", ConnectionOptions.POSTGRES_JDBC_URL.defaultValue()));
            String user = override("RALF_EXECUTOR_JDBC_USER", jdbc.str("user", "ralf"));
            Secret password = secret(jdbc, "password", "RALF_EXECUTOR_JDBC_PASSWORD", true);

            Map<String, Secret> keys = new LinkedHashMap<>();
            Node signing = ex.child("signing");
            for (Node k : signing.list("keys")) {
                String keyId = k.str("id", null);
                if (keyId == null || keyId.isBlank()) {
                    throw new ConfigException(k.path + ".id", "required");
                }
                keys.put(keyId, secret(k, "secret", null, false));
            }
            String envKeys = env.get("RALF_EXECUTOR_SIGNING_KEYS");
            if (envKeys != null && !envKeys.isBlank()) {
                for (String pair : envKeys.split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0 || eq == pair.length() - 1) {
                        throw new ConfigException(
                                "RALF_EXECUTOR_SIGNING_KEYS", "expected id=secret[,id=secret]");
                    }
                    keys.put(
                            pair.substring(0, eq).trim(), Secret.of(pair.substring(eq + 1).trim()));
                }
            }
            if (keys.isEmpty()) {
                throw new ConfigException(
                        signing.path + ".keys", "at least one signing key required");
            }

            Node approvals = ex.child("approvals");
            Set<String> approvers = new LinkedHashSet<>(approvals.strings("approvers"));
            Duration ttl = approvals.duration("ttl", Duration.ofMinutes(30));

            List<Secret> redact = new ArrayList<>();
            for (String r : ex.strings("redact")) {
                redact.add(Secret.of(r));
            }

            Node a = ex.child("ansible");
            Map<String, Playbook> playbooks = new LinkedHashMap<>();
            for (Map.Entry<String, Node> e : a.child("playbooks").entries()) {
                Node p = e.getValue();
                playbooks.put(
                        e.getKey(),
                        new Playbook(path(p, "path"), path(p, "inventory"), p.strings("targets")));
            }
            Node t = ex.child("opentofu");
            Map<String, Workspace> workspaces = new LinkedHashMap<>();
            for (Map.Entry<String, Node> e : t.child("workspaces").entries()) {
                Node w = e.getValue();
                workspaces.put(e.getKey(), new Workspace(path(w, "dir"), w.strings("targets")));
            }

            Node px = ex.child("proxmox");
            Proxmox proxmox;
            String pxUrl = override("RALF_EXECUTOR_PROXMOX_URL", px.str("url", null));
            if (pxUrl == null) {
                proxmox = Proxmox.disabled();
            } else {
                URI uri;
                try {
                    uri = URI.create(pxUrl);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(px.path + ".url", "not a URI", e);
                }
                if (!"https".equals(uri.getScheme())) {
                    throw new ConfigException(px.path + ".url", "must be https");
                }
                String tokenId = px.str("token-id", null);
                if (tokenId == null || !tokenId.matches("[^\\s!=]+@[^\\s!=]+![^\\s!=]+")) {
                    throw new ConfigException(px.path + ".token-id", "expected USER@REALM!TOKENID");
                }
                Map<String, List<String>> actions = new LinkedHashMap<>();
                for (Map.Entry<String, Node> e : px.child("actions").entries()) {
                    if (!ProxmoxActions.ALL.contains(e.getKey())) {
                        throw new ConfigException(
                                px.path + ".actions." + e.getKey(),
                                "unknown action, expected one of " + ProxmoxActions.ALL);
                    }
                    actions.put(e.getKey(), e.getValue().asStrings());
                }
                proxmox =
                        new Proxmox(
                                uri,
                                tokenId,
                                secret(
                                        px,
                                        "token-secret",
                                        "RALF_EXECUTOR_PROXMOX_TOKEN_SECRET",
                                        false),
                                px.str("fingerprint", null),
                                px.duration("poll-interval", Duration.ofSeconds(1)),
                                actions,
                                px.strings("backup-storages"));
            }
            int excerpt = ex.integer("excerpt-chars", 4000);
            if (excerpt < 100) {
                throw new ConfigException(ex.path + ".excerpt-chars", "must be at least 100");
            }
            return new ExecutorConfig(
                    id,
                    servers,
                    group,
                    topics.str("commands", "ralf.commands"),
                    topics.str("results", "ralf.command-results"),
                    topics.str("approvals", "ralf.approvals"),
                    topics.str("deadletter", "ralf.deadletter"),
                    url,
                    user,
                    password,
                    ex.bool("dry-run", false),
                    resolve(
                            ex.str(
                                    "work-dir",
                                    System.getProperty("java.io.tmpdir") + "/ralf-executor")),
                    keys,
                    approvers,
                    ttl,
                    ex.duration("max-timeout", Duration.ofMinutes(30)),
                    ex.duration("max-command-age", Duration.ofHours(24)),
                    excerpt,
                    redact,
                    new Ansible(a.str("binary", "ansible-playbook"), playbooks),
                    new Tofu(t.str("binary", "tofu"), workspaces),
                    proxmox);
        }

        private String override(String variable, @Nullable String value) {
            String v = env.get(variable);
            return v != null && !v.isBlank() ? v : value;
        }

        private Path path(Node n, String key) throws ConfigException {
            String v = n.str(key, null);
            if (v == null || v.isBlank()) {
                throw new ConfigException(n.path + "." + key, "required");
            }
            return resolve(v);
        }

        private Path resolve(String v) {
            Path p = Path.of(v);
            return p.isAbsolute() ? p : base.resolve(p).normalize();
        }

        /** Reads {@code key}, {@code key-env} or {@code key-file}; an override variable wins. */
        private Secret secret(Node n, String key, @Nullable String overrideVar, boolean optional)
                throws ConfigException {
            if (overrideVar != null && env.get(overrideVar) != null) {
                return Secret.of(env.get(overrideVar));
            }
            String literal = n.str(key, null);
            String variable = n.str(key + "-env", null);
            String file = n.str(key + "-file", null);
            if (literal != null) {
                return Secret.of(literal);
            }
            if (variable != null) {
                String v = env.get(variable);
                if (v == null) {
                    throw new ConfigException(
                            n.path + "." + key + "-env",
                            "environment variable " + variable + " is not set");
                }
                return Secret.of(v);
            }
            if (file != null) {
                try {
                    return Secret.of(Files.readString(resolve(file)).strip());
                } catch (IOException e) {
                    throw new ConfigException(
                            n.path + "." + key + "-file", "cannot read " + file, e);
                }
            }
            if (optional) {
                return Secret.of("");
            }
            throw new ConfigException(
                    n.path + "." + key, "required (or " + key + "-env / " + key + "-file)");
        }
    }

    /** A position in the YAML tree that remembers its key path for error messages. */
    private static final class Node {
        final String path;
        @Nullable final Object value;
        final Map<String, String> env;

        Node(String path, @Nullable Object value, Map<String, String> env) {
            this.path = path;
            this.value = value;
            this.env = env;
        }

        /**
         * The project-wide override variable of a key: executor.jdbc.url ← RALF_EXECUTOR_JDBC_URL.
         */
        static String variable(String key) {
            return "RALF_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        }

        private String sub(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        Node child(String key) throws ConfigException {
            Object v = map().get(key);
            if (v != null && !(v instanceof Map)) {
                throw new ConfigException(sub(key), "expected a mapping");
            }
            return new Node(sub(key), v == null ? Map.of() : v, env);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map() throws ConfigException {
            if (value == null) {
                return Map.of();
            }
            if (!(value instanceof Map)) {
                throw new ConfigException(path, "expected a mapping");
            }
            return (Map<String, Object>) value;
        }

        List<Map.Entry<String, Node>> entries() throws ConfigException {
            List<Map.Entry<String, Node>> out = new ArrayList<>();
            for (Map.Entry<String, Object> e : map().entrySet()) {
                out.add(
                        Map.entry(
                                String.valueOf(e.getKey()),
                                new Node(sub(String.valueOf(e.getKey())), e.getValue(), env)));
            }
            return out;
        }

        List<Node> list(String key) throws ConfigException {
            Object v = map().get(key);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List<?> l)) {
                throw new ConfigException(sub(key), "expected a list");
            }
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                out.add(new Node(sub(key) + "[" + i + "]", l.get(i), env));
            }
            return out;
        }

        List<String> strings(String key) throws ConfigException {
            return new Node(sub(key), map().get(key), env).asStrings();
        }

        List<String> asStrings() throws ConfigException {
            if (value == null) {
                return List.of();
            }
            if (value instanceof String s) {
                return List.of(s);
            }
            if (!(value instanceof List<?> l)) {
                throw new ConfigException(path, "expected a list of strings");
            }
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                if (!(o instanceof String || o instanceof Number)) {
                    throw new ConfigException(path, "expected a list of strings");
                }
                out.add(String.valueOf(o));
            }
            return out;
        }

        @Nullable
        String str(String key, @Nullable String def) throws ConfigException {
            String overridden = env.get(variable(sub(key)));
            if (overridden != null && !overridden.isBlank()) {
                return overridden;
            }
            Object v = map().get(key);
            if (v == null) {
                return def;
            }
            if (v instanceof Map || v instanceof List) {
                throw new ConfigException(sub(key), "expected a scalar");
            }
            return String.valueOf(v);
        }

        boolean bool(String key, boolean def) throws ConfigException {
            String overridden = env.get(variable(sub(key)));
            if (overridden != null) {
                if (!overridden.strip().matches("true|false")) {
                    throw new ConfigException(variable(sub(key)), "expected true or false");
                }
                return Boolean.parseBoolean(overridden.strip());
            }
            Object v = map().get(key);
            if (v == null) {
                return def;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            throw new ConfigException(sub(key), "expected true or false");
        }

        int integer(String key, int def) throws ConfigException {
            Object v = map().get(key);
            String overridden = env.get(variable(sub(key)));
            if (overridden != null) {
                try {
                    return Integer.parseInt(overridden.strip());
                } catch (NumberFormatException e) {
                    throw new ConfigException(variable(sub(key)), "expected an integer", e);
                }
            }
            if (v == null) {
                return def;
            }
            if (v instanceof Integer i) {
                return i;
            }
            throw new ConfigException(sub(key), "expected an integer");
        }

        Duration duration(String key, Duration def) throws ConfigException {
            String v = str(key, null);
            if (v == null) {
                return def;
            }
            try {
                Duration d =
                        Duration.parse(v.toUpperCase(Locale.ROOT).startsWith("P") ? v : "PT" + v);
                if (d.isNegative() || d.isZero()) {
                    throw new ConfigException(sub(key), "must be positive");
                }
                return d;
            } catch (DateTimeParseException e) {
                throw new ConfigException(
                        sub(key), "expected a duration such as 30s, 5m or PT1H", e);
            }
        }
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

        Copy(ExecutorConfig from) {
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

        ExecutorConfig build() {
            return new ExecutorConfig(
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
