package org.ralf.schemas.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One entry of a list or map section of {@code ralf.yaml} (a signing key, an allowlisted playbook,
 * a connector instance) read through typed per-entry {@link ConfigOption}s whose keys are relative
 * to the entry ({@code path}, {@code targets}). Values are parsed and validated like any option and
 * errors name the full key ({@code executor.ansible.playbooks.restart-nginx.path}); the environment
 * overrides a per-entry key through the variable of its full key. {@link #checkKeys} rejects a key
 * the entry does not declare, naming the nearest declared one.
 */
public final class ConfigEntry {

    private final List<String> segments;
    private final String path;
    private final Map<String, Object> raw;
    private final RalfConfig values;

    private ConfigEntry(List<String> segments, Map<String, Object> raw, RalfConfig parent) {
        this.segments = List.copyOf(segments);
        this.path = String.join(".", segments);
        this.raw = raw;
        Map<String, Object> tree = raw;
        for (int i = segments.size() - 1; i >= 0; i--) {
            tree = Map.of(segments.get(i), tree);
        }
        this.values = RalfConfig.of(tree, parent.environment());
    }

    /** The section at the dotted key as one entry (empty when absent). */
    public static ConfigEntry section(RalfConfig config, String dottedKey) {
        return new ConfigEntry(List.of(dottedKey.split("\\.")), config.section(dottedKey), config);
    }

    /**
     * The entries of a map section by name ({@code playbooks: {restart-nginx: {...}}}).
     *
     * @throws ConfigException when a value is not a mapping
     */
    public static Map<String, ConfigEntry> map(RalfConfig config, String dottedKey) {
        return section(config, dottedKey).entryMap();
    }

    /**
     * The entries of a list of mappings ({@code keys: [{id: ..}, ..]}).
     *
     * @throws ConfigException when the value is not a list or an element not a mapping
     */
    public static List<ConfigEntry> list(RalfConfig config, String dottedKey) {
        int dot = dottedKey.lastIndexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException(
                    "a list of entries lives in a section: " + dottedKey);
        }
        return section(config, dottedKey.substring(0, dot)).entries(dottedKey.substring(dot + 1));
    }

    /** The full dotted key of the entry, for messages. */
    public String path() {
        return path;
    }

    /** The entry's own name: the last segment of its key. */
    public String name() {
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    /** The keys the entry sets, in file order. */
    public Set<String> keys() {
        return new LinkedHashSet<>(raw.keySet());
    }

    /** The option with its key made absolute (under this entry), for messages and lookups. */
    public <T> ConfigOption<T> scoped(ConfigOption<T> option) {
        return new ConfigOption<>(
                path + "." + option.key(),
                option.parser(),
                option.defaultValue(),
                option.description(),
                option.validator(),
                option.constraint(),
                option.secret());
    }

    /** The validated value of a per-entry option. */
    public <T> T get(ConfigOption<T> option) {
        return values.get(scoped(option));
    }

    /** Whether the entry (or the environment) sets the option. */
    public boolean isSet(ConfigOption<?> option) {
        return values.isSet(scoped(option));
    }

    /** The value of a required per-entry option; absent or blank fails naming the key. */
    public String required(ConfigOption<String> option) {
        String v = isSet(option) ? get(option) : "";
        if (v.isBlank()) {
            throw new ConfigException(path + "." + option.key() + ": required");
        }
        return v;
    }

    /**
     * A scalar or a list of scalars as strings (empty when absent).
     *
     * @throws ConfigException when the value is a mapping or a list holds a mapping
     */
    public List<String> strings(String key) {
        Object v = raw.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            if (v instanceof Map<?, ?>) {
                throw new ConfigException(path + "." + key + ": expected a list of strings");
            }
            return List.of(String.valueOf(v));
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            if (o instanceof Map<?, ?> || o instanceof List<?> || o == null) {
                throw new ConfigException(path + "." + key + ": expected a list of strings");
            }
            out.add(String.valueOf(o));
        }
        return out;
    }

    /** A nested mapping of scalars ({@code labels: {a: b}}) as strings, empty when absent. */
    public Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        child(key).raw.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** A nested mapping as an entry of its own. */
    public ConfigEntry child(String key) {
        Object v = raw.get(key);
        if (v != null && !(v instanceof Map<?, ?>)) {
            throw new ConfigException(path + "." + key + ": expected a mapping");
        }
        return new ConfigEntry(append(key), v == null ? Map.of() : stringKeys(v, key), values);
    }

    /** The values of this entry as entries by name (every value must be a mapping). */
    public Map<String, ConfigEntry> entryMap() {
        Map<String, ConfigEntry> out = new LinkedHashMap<>();
        for (String k : raw.keySet()) {
            out.put(k, child(k));
        }
        return out;
    }

    /** A nested list of mappings, each an entry ({@code key[0]}, {@code key[1]}, ...). */
    public List<ConfigEntry> entries(String key) {
        Object v = raw.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new ConfigException(path + "." + key + ": expected a list");
        }
        List<ConfigEntry> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            String item = key + "[" + i + "]";
            if (!(l.get(i) instanceof Map<?, ?>)) {
                throw new ConfigException(
                        (path.isEmpty() ? "" : path + ".") + item + ": expected a mapping");
            }
            out.add(new ConfigEntry(append(item), stringKeys(l.get(i), item), values));
        }
        return out;
    }

    /**
     * Fails on the first key of the entry that is neither a declared option nor one of the other
     * keys (lists and nested mappings the owner reads itself).
     *
     * @throws ConfigException naming the full key and the nearest declared key
     */
    public void checkKeys(Collection<ConfigOption<?>> options, Collection<String> otherKeys) {
        Set<String> known = new TreeSet<>(otherKeys);
        options.forEach(o -> known.add(o.key()));
        for (String k : raw.keySet()) {
            if (known.contains(k)) {
                continue;
            }
            String nearest = null;
            int best = Integer.MAX_VALUE;
            for (String candidate : known) {
                int d = OptionRegistry.distance(k, candidate);
                if (d < best) {
                    best = d;
                    nearest = candidate;
                }
            }
            throw new ConfigException(
                    path
                            + "."
                            + k
                            + ": unknown key"
                            + (nearest == null ? "" : " (did you mean '" + nearest + "'?)"));
        }
    }

    /** The {@code public static final ConfigOption} constants of a per-entry options class. */
    public static List<ConfigOption<?>> options(Class<?> holder) {
        return OptionRegistry.constants(holder);
    }

    private List<String> append(String segment) {
        List<String> out = new ArrayList<>(segments);
        out.add(segment);
        return out;
    }

    private Map<String, Object> stringKeys(Object map, String key) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) map).entrySet()) {
            if (!(e.getKey() instanceof String s)) {
                throw new ConfigException(
                        path + "." + key + ": key " + e.getKey() + " is not a string");
            }
            out.put(s, e.getValue());
        }
        return out;
    }
}
