package org.ralf.executor.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.executor.config.ExecutorOptions.SecretKey;
import org.ralf.schemas.config.ConfigEntry;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.RalfConfig;

/**
 * Reads {@link ExecutorSettings} from a {@link RalfConfig} through the typed {@link
 * ExecutorOptions}: scalars with {@code RalfConfig.get}, list and map entries with {@link
 * ConfigEntry} over their per-entry options (an unknown key inside an entry fails naming the
 * nearest known key). Relative paths resolve against the directory of {@code ralf.yaml}.
 */
public final class ExecutorSettingsReader {

    private final RalfConfig config;
    private final Path base;
    private final Map<String, String> env;

    /**
     * @param config the parsed ralf.yaml with its environment
     * @param base directory relative paths resolve against
     * @param env the environment {@code <key>-env} secrets are looked up in
     */
    public ExecutorSettingsReader(RalfConfig config, Path base, Map<String, String> env) {
        this.config = config;
        this.base = base;
        this.env = env;
    }

    /** Reads the {@code executor:} section of a ralf.yaml with the given environment. */
    public static ExecutorSettings fromYaml(Path ralfYaml, Map<String, String> env)
            throws ConfigException {
        RalfConfig config;
        try (Reader in = Files.newBufferedReader(ralfYaml, StandardCharsets.UTF_8)) {
            config = RalfConfig.parse(in, overrides(env));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(ralfYaml.toString(), "cannot read: " + e.getMessage(), e);
        }
        return new ExecutorSettingsReader(config, ralfYaml.toAbsolutePath().getParent(), env)
                .read();
    }

    /** A blank override variable means "not set", as the scripts export empty ones. */
    private static Map<String, String> overrides(Map<String, String> env) {
        Map<String, String> out = new HashMap<>();
        env.forEach(
                (k, v) -> {
                    if (!v.isBlank()) {
                        out.put(k, v);
                    }
                });
        return out;
    }

    /**
     * Reads the settings.
     *
     * @throws ConfigException naming the offending key
     */
    public ExecutorSettings read() throws ConfigException {
        try {
            return readSettings();
        } catch (org.ralf.schemas.config.ConfigException e) {
            throw new ConfigException(e);
        }
    }

    private ExecutorSettings readSettings() throws ConfigException {
        String workDir = config.get(ExecutorOptions.WORK_DIR);
        return new ExecutorSettings(
                config.get(ExecutorOptions.ID),
                config.get(ExecutorOptions.BOOTSTRAP_SERVERS),
                config.get(ExecutorOptions.GROUP_ID),
                config.get(ExecutorOptions.COMMANDS_TOPIC),
                config.get(ExecutorOptions.RESULTS_TOPIC),
                config.get(ExecutorOptions.APPROVALS_TOPIC),
                config.get(ExecutorOptions.DEADLETTER_TOPIC),
                config.get(ExecutorOptions.JDBC_URL),
                config.get(ExecutorOptions.JDBC_USER),
                secret(ExecutorOptions.JDBC_PASSWORD, true),
                config.get(ExecutorOptions.DRY_RUN),
                resolve(
                        workDir.isBlank()
                                ? System.getProperty("java.io.tmpdir") + "/ralf-executor"
                                : workDir),
                signingKeys(),
                new LinkedHashSet<>(strings(ExecutorOptions.APPROVERS)),
                config.get(ExecutorOptions.APPROVAL_TTL),
                config.get(ExecutorOptions.MAX_TIMEOUT),
                config.get(ExecutorOptions.MAX_COMMAND_AGE),
                config.get(ExecutorOptions.EXCERPT_CHARS),
                strings(ExecutorOptions.REDACT).stream().map(Secret::of).toList(),
                ansible(),
                tofu(),
                proxmox());
    }

    private Map<String, Secret> signingKeys() throws ConfigException {
        Map<String, Secret> keys = new LinkedHashMap<>();
        List<ConfigOption<?>> known = ConfigEntry.options(ExecutorOptions.SigningKey.class);
        for (ConfigEntry k : ConfigEntry.list(config, "executor.signing.keys")) {
            k.checkKeys(known, List.of());
            String keyId = k.required(ExecutorOptions.SigningKey.ID);
            keys.put(keyId, secret(k, ExecutorOptions.SigningKey.SECRET, false));
        }
        String envKeys = config.get(ExecutorOptions.SIGNING_KEYS);
        if (!envKeys.isBlank()) {
            for (String pair : envKeys.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0 || eq == pair.length() - 1) {
                    throw new ConfigException(
                            ExecutorOptions.SIGNING_KEYS.environmentVariable(),
                            "expected id=secret[,id=secret]");
                }
                keys.put(pair.substring(0, eq).trim(), Secret.of(pair.substring(eq + 1).trim()));
            }
        }
        if (keys.isEmpty()) {
            throw new ConfigException(
                    ExecutorOptions.SIGNING_KEYS.key(), "at least one signing key required");
        }
        return keys;
    }

    private ExecutorSettings.Ansible ansible() throws ConfigException {
        Map<String, ExecutorSettings.Playbook> playbooks = new LinkedHashMap<>();
        List<ConfigOption<?>> known = ConfigEntry.options(ExecutorOptions.Playbook.class);
        for (ConfigEntry p : ConfigEntry.map(config, "executor.ansible.playbooks").values()) {
            p.checkKeys(known, List.of());
            playbooks.put(
                    p.name(),
                    new ExecutorSettings.Playbook(
                            path(p, ExecutorOptions.Playbook.PATH),
                            path(p, ExecutorOptions.Playbook.INVENTORY),
                            p.strings(ExecutorOptions.Playbook.TARGETS.key())));
        }
        return new ExecutorSettings.Ansible(config.get(ExecutorOptions.ANSIBLE_BINARY), playbooks);
    }

    private ExecutorSettings.Tofu tofu() throws ConfigException {
        Map<String, ExecutorSettings.Workspace> workspaces = new LinkedHashMap<>();
        List<ConfigOption<?>> known = ConfigEntry.options(ExecutorOptions.Workspace.class);
        for (ConfigEntry w : ConfigEntry.map(config, "executor.opentofu.workspaces").values()) {
            w.checkKeys(known, List.of());
            workspaces.put(
                    w.name(),
                    new ExecutorSettings.Workspace(
                            path(w, ExecutorOptions.Workspace.DIR),
                            w.strings(ExecutorOptions.Workspace.TARGETS.key())));
        }
        return new ExecutorSettings.Tofu(config.get(ExecutorOptions.TOFU_BINARY), workspaces);
    }

    private ExecutorSettings.Proxmox proxmox() throws ConfigException {
        String pxUrl = config.get(ExecutorOptions.PROXMOX_URL);
        if (pxUrl.isBlank()) {
            return ExecutorSettings.Proxmox.disabled();
        }
        String urlKey = ExecutorOptions.PROXMOX_URL.key();
        URI uri;
        try {
            uri = URI.create(pxUrl);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(urlKey, "not a URI", e);
        }
        if (!"https".equals(uri.getScheme())) {
            throw new ConfigException(urlKey, "must be https");
        }
        String tokenId = config.get(ExecutorOptions.PROXMOX_TOKEN_ID);
        if (!tokenId.matches("[^\\s!=]+@[^\\s!=]+![^\\s!=]+")) {
            throw new ConfigException(
                    ExecutorOptions.PROXMOX_TOKEN_ID.key(), "expected USER@REALM!TOKENID");
        }
        Map<String, List<String>> actions = new LinkedHashMap<>();
        ConfigEntry section = ConfigEntry.section(config, "executor.proxmox.actions");
        for (String action : section.keys()) {
            if (!ProxmoxActions.ALL.contains(action)) {
                throw new ConfigException(
                        section.path() + "." + action,
                        "unknown action, expected one of " + ProxmoxActions.ALL);
            }
            actions.put(action, section.strings(action));
        }
        String fingerprint = config.get(ExecutorOptions.PROXMOX_FINGERPRINT);
        return new ExecutorSettings.Proxmox(
                uri,
                tokenId,
                secret(ExecutorOptions.PROXMOX_TOKEN_SECRET, false),
                fingerprint.isEmpty() ? null : fingerprint,
                config.get(ExecutorOptions.PROXMOX_POLL_INTERVAL),
                actions,
                strings(ExecutorOptions.PROXMOX_BACKUP_STORAGES));
    }

    /** A list option: the environment variable (comma-separated) wins over the file's list. */
    private List<String> strings(ConfigOption<List<String>> option) {
        if (env.containsKey(option.environmentVariable()) && config.isSet(option)) {
            return config.get(option);
        }
        int dot = option.key().lastIndexOf('.');
        return ConfigEntry.section(config, option.key().substring(0, dot))
                .strings(option.key().substring(dot + 1));
    }

    private Path path(ConfigEntry e, ConfigOption<String> option) {
        return resolve(e.required(option));
    }

    private Path resolve(String v) {
        Path p = Path.of(v);
        return p.isAbsolute() ? p : base.resolve(p).normalize();
    }

    private Secret secret(SecretKey key, boolean optional) throws ConfigException {
        return secret(
                key.value().key(),
                value(config.isSet(key.value()), config.get(key.value())),
                value(config.isSet(key.variable()), config.get(key.variable())),
                value(config.isSet(key.file()), config.get(key.file())),
                optional);
    }

    private Secret secret(ConfigEntry e, SecretKey key, boolean optional) throws ConfigException {
        return secret(
                e.path() + "." + key.value().key(),
                value(e.isSet(key.value()), e.get(key.value())),
                value(e.isSet(key.variable()), e.get(key.variable())),
                value(e.isSet(key.file()), e.get(key.file())),
                optional);
    }

    @Nullable
    private static String value(boolean set, String v) {
        return set ? v : null;
    }

    /** The literal wins over {@code -env}, which wins over {@code -file}. */
    private Secret secret(
            String key,
            @Nullable String literal,
            @Nullable String variable,
            @Nullable String file,
            boolean optional)
            throws ConfigException {
        if (literal != null) {
            return Secret.of(literal);
        }
        if (variable != null) {
            String v = env.get(variable);
            if (v == null) {
                throw new ConfigException(
                        key + "-env", "environment variable " + variable + " is not set");
            }
            return Secret.of(v);
        }
        if (file != null) {
            try {
                return Secret.of(Files.readString(resolve(file)).strip());
            } catch (IOException e) {
                throw new ConfigException(key + "-file", "cannot read " + file, e);
            }
        }
        if (optional) {
            return Secret.of("");
        }
        throw new ConfigException(key, "required (or " + key + "-env / " + key + "-file)");
    }
}
