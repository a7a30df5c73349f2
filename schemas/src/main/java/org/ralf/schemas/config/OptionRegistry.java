package org.ralf.schemas.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every configuration key a process knows: the typed {@link ConfigOption} constants of the options
 * classes it is built from, and the sections whose entries are read raw by their owner (lists and
 * maps such as {@code connectors} or {@code executor}). It finds keys of {@code ralf.yaml} that
 * nothing reads and the nearest known key, and it is what {@code ralf config} and the configuration
 * table in {@code docs/} are made from.
 */
public final class OptionRegistry {

    private final Map<String, ConfigOption<?>> options;
    private final Set<String> rawSections;

    private OptionRegistry(Map<String, ConfigOption<?>> options, Set<String> rawSections) {
        this.options = options;
        this.rawSections = rawSections;
    }

    /**
     * Builds a registry.
     *
     * @param holders classes whose {@code public static final ConfigOption} fields are read
     * @param rawSections key prefixes whose whole subtree belongs to one reader
     * @throws IllegalStateException when two different options declare one key: a key is declared
     *     once, with one default
     */
    public static OptionRegistry of(Collection<Class<?>> holders, Collection<String> rawSections) {
        Map<String, ConfigOption<?>> byKey = new TreeMap<>();
        Map<ConfigOption<?>, String> origin = new IdentityHashMap<>();
        for (Class<?> holder : holders) {
            for (ConfigOption<?> option : constants(holder)) {
                ConfigOption<?> prev = byKey.putIfAbsent(option.key(), option);
                if (prev != null && prev != option) {
                    throw new IllegalStateException(
                            "key "
                                    + option.key()
                                    + " is declared twice: in "
                                    + origin.get(prev)
                                    + " and in "
                                    + holder.getName());
                }
                origin.putIfAbsent(option, holder.getName());
            }
        }
        return new OptionRegistry(byKey, new TreeSet<>(rawSections));
    }

    static List<ConfigOption<?>> constants(Class<?> holder) {
        List<ConfigOption<?>> out = new ArrayList<>();
        for (Field f : holder.getFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m)
                    && Modifier.isFinal(m)
                    && ConfigOption.class.isAssignableFrom(f.getType())) {
                try {
                    out.add((ConfigOption<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + f, e);
                }
            }
        }
        return out;
    }

    /** The typed options, by key. */
    public Collection<ConfigOption<?>> options() {
        return options.values();
    }

    /** Sections read raw by their owner. */
    public Set<String> rawSections() {
        return rawSections;
    }

    /** Whether a flattened key of the document is read by anything. */
    public boolean isKnown(String key) {
        if (options.containsKey(key)) {
            return true;
        }
        for (String section : rawSections) {
            if (key.equals(section) || key.startsWith(section + ".")) {
                return true;
            }
        }
        return false;
    }

    /** The known key nearest to the given one (edit distance), if any is close enough to help. */
    public Optional<String> nearest(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        List<String> candidates = new ArrayList<>(options.keySet());
        candidates.addAll(rawSections);
        for (String k : candidates) {
            int d = distance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(3, key.length() / 3)
                ? Optional.of(best)
                : Optional.empty();
    }

    /**
     * Fails on the first key of the document that nothing reads.
     *
     * @throws ConfigException naming the key and the nearest known key
     */
    public void checkKeys(RalfConfig config, String file) {
        for (String key : config.keys()) {
            if (!isKnown(key)) {
                throw new ConfigException(
                        file
                                + ": unknown key '"
                                + key
                                + "'"
                                + nearest(key).map(n -> " (did you mean '" + n + "'?)").orElse(""));
            }
        }
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
