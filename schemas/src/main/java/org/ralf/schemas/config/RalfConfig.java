package org.ralf.schemas.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The configuration of one RALF process: {@code ralf.yaml} flattened to dotted keys, with
 * environment-variable overrides ({@code detect.ewma.alpha} ← {@code RALF_DETECT_EWMA_ALPHA}).
 * Reading an option parses and validates it; a bad value fails fast with a message naming the key.
 * Sections that are lists or maps of their own (allowlists, targets) are read raw with {@link
 * #section(String)}.
 */
public final class RalfConfig {

    private final Map<String, Object> tree;
    private final Map<String, String> flat;
    private final Map<String, String> environment;

    private RalfConfig(Map<String, Object> tree, Map<String, String> environment) {
        this.tree = tree;
        this.flat = new LinkedHashMap<>();
        flatten("", tree, flat);
        this.environment = environment;
    }

    /**
     * A configuration over an already parsed tree: how {@link ConfigEntry} reads one list or map
     * entry through the same typed options.
     */
    static RalfConfig of(Map<String, Object> tree, Map<String, String> environment) {
        return new RalfConfig(tree, environment);
    }

    /** The environment overrides come from, for entries read out of this document. */
    Map<String, String> environment() {
        return environment;
    }

    /** An empty configuration (every option at its default, environment still applies). */
    public static RalfConfig empty() {
        return new RalfConfig(Map.of(), System.getenv());
    }

    /** Reads a YAML document; environment overrides come from {@code environment}. */
    public static RalfConfig parse(Reader yaml, Map<String, String> environment) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (root == null) {
            return new RalfConfig(Map.of(), environment);
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw new ConfigException("ralf.yaml: the top level must be a mapping of sections");
        }
        return new RalfConfig(asStringMap(m, ""), environment);
    }

    /**
     * A configuration of already flattened keys ({@code detect.ewma.alpha} to its text), without
     * environment overrides: overrides given as {@code key=value} (benchmark ablations) or a
     * section re-keyed for a parameter record ({@code logpatterns.detector.*} as {@code detect.*}).
     *
     * @throws ConfigException when one key is both a value and the prefix of another key
     */
    public static RalfConfig ofKeys(Map<String, String> keys) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String[] parts = e.getKey().split("\\.");
            Map<String, Object> node = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                Object child = node.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
                if (!(child instanceof Map<?, ?>)) {
                    throw new ConfigException(e.getKey() + ": a prefix of it is a value");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) child;
                node = next;
            }
            if (node.putIfAbsent(parts[parts.length - 1], e.getValue()) != null) {
                throw new ConfigException(e.getKey() + ": both a value and a section");
            }
        }
        return new RalfConfig(tree, Map.of());
    }

    /**
     * Reads {@code ralf.yaml} at the path (missing file: defaults), with the process environment.
     */
    public static RalfConfig load(@Nullable Path path) {
        if (path == null || !Files.exists(path)) {
            return empty();
        }
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(r, System.getenv());
        } catch (IOException e) {
            throw new ConfigException("cannot read " + path + ": " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof ConfigException) {
                throw e;
            }
            throw new ConfigException(path + " is not valid YAML: " + e.getMessage());
        }
    }

    /** The validated value of the option. */
    public <T> T get(ConfigOption<T> option) {
        String fromEnv = environment.get(option.environmentVariable());
        String raw = fromEnv != null ? fromEnv : flat.get(option.key());
        String origin = fromEnv != null ? option.environmentVariable() : option.key();
        if (raw == null) {
            return option.defaultValue();
        }
        T value;
        try {
            value = option.parser().apply(raw.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(
                    origin
                            + ": '"
                            + raw
                            + "' is not "
                            + option.constraint()
                            + " ("
                            + option.description()
                            + ")");
        }
        if (!option.validator().test(value)) {
            throw new ConfigException(
                    origin
                            + ": "
                            + value
                            + " is not "
                            + option.constraint()
                            + " ("
                            + option.description()
                            + ")");
        }
        return value;
    }

    /** Every scalar key of the document, flattened ({@code detect.ewma.alpha}), in file order. */
    public java.util.Set<String> keys() {
        return Collections.unmodifiableSet(flat.keySet());
    }

    /** Whether an environment variable or the document sets the option. */
    public boolean isSet(ConfigOption<?> option) {
        return environment.containsKey(option.environmentVariable())
                || flat.containsKey(option.key());
    }

    /** A raw subtree (map) of the document, empty when absent. */
    public Map<String, Object> section(String dottedKey) {
        Object node = tree;
        for (String part : dottedKey.split("\\.")) {
            if (!(node instanceof Map<?, ?> m)) {
                return Map.of();
            }
            node = m.get(part);
        }
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map<?, ?> m)) {
            throw new ConfigException(dottedKey + ": expected a mapping");
        }
        return Collections.unmodifiableMap(asStringMap(m, dottedKey));
    }

    /** A raw list of the document, empty when absent. */
    public List<Object> list(String dottedKey) {
        int dot = dottedKey.lastIndexOf('.');
        Map<String, Object> parent = dot < 0 ? tree : section(dottedKey.substring(0, dot));
        Object node = parent.get(dot < 0 ? dottedKey : dottedKey.substring(dot + 1));
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> l)) {
            throw new ConfigException(dottedKey + ": expected a list");
        }
        return List.copyOf(l);
    }

    private static Map<String, Object> asStringMap(Map<?, ?> m, String where) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw new ConfigException(
                        (where.isEmpty() ? "ralf.yaml" : where)
                                + ": key "
                                + e.getKey()
                                + " is not a string");
            }
            out.put(k, e.getValue());
        }
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> m, Map<String, String> out) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
            Object v = e.getValue();
            if (v instanceof Map<?, ?> child) {
                flatten(key, child, out);
            } else if (v != null && !(v instanceof List<?>)) {
                out.put(key, String.valueOf(v));
            }
        }
    }
}
