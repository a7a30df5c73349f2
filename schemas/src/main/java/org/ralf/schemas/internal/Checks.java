package org.ralf.schemas.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * Invariant checks for record compact constructors. Every failure is an {@link
 * IllegalArgumentException} whose message names the field, because the serde copies the message
 * into the dead letter's reason.
 */
public final class Checks {

    private Checks() {}

    /** Requires a supported-looking schema version (at least 1). */
    public static int version(int schemaVersion) {
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be >= 1, was " + schemaVersion);
        }
        return schemaVersion;
    }

    /** Requires a non-null value. */
    public static <T> T present(@Nullable T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** Requires a non-null string with at least one non-whitespace character. */
    public static String nonBlank(@Nullable String value, String field) {
        present(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    /** Requires null or a non-blank string. */
    public static @Nullable String nonBlankOrNull(@Nullable String value, String field) {
        return value == null ? null : nonBlank(value, field);
    }

    /** Requires a finite number (no NaN, no infinity). */
    public static double finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be finite, was " + value);
        }
        return value;
    }

    /** Requires null or a finite number. */
    public static @Nullable Double finiteOrNull(@Nullable Double value, String field) {
        return value == null ? null : finite(value, field);
    }

    /** Requires a number in [0, 1]. */
    public static double unit(double value, String field) {
        finite(value, field);
        if (value < 0.0 || value > 1.0) {
            throw new IllegalArgumentException(field + " must be in [0,1], was " + value);
        }
        return value;
    }

    /** Requires a non-negative number. */
    public static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    /** Requires {@code earlier <= later}. */
    public static void ordered(
            Instant earlier, String earlierField, Instant later, String laterField) {
        if (later.isBefore(earlier)) {
            throw new IllegalArgumentException(
                    laterField
                            + " ("
                            + later
                            + ") is before "
                            + earlierField
                            + " ("
                            + earlier
                            + ")");
        }
    }

    /**
     * An immutable copy sorted by key; keys and values must be non-null. Sorted so that iteration
     * order (and therefore derived ids and serialised bytes) does not depend on the producer.
     */
    public static <V> Map<String, V> sortedMap(@Nullable Map<String, V> map, String field) {
        present(map, field);
        for (Map.Entry<String, V> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException(field + " has a null key");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException(field + "." + e.getKey() + " has a null value");
            }
        }
        if (map instanceof SortedMap<String, V> sorted && sorted.comparator() == null) {
            // already in natural order: TreeMap copies it in linear time
            return Collections.unmodifiableMap(new TreeMap<>(sorted));
        }
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** Like {@link #sortedMap} for numbers, which must also be finite. */
    public static Map<String, Double> finiteMap(@Nullable Map<String, Double> map, String field) {
        Map<String, Double> copy = sortedMap(map, field);
        copy.forEach((k, v) -> finite(v, field + "." + k));
        return copy;
    }

    /**
     * An immutable copy that keeps insertion order and allows null values (a database row's NULL
     * columns); keys must be non-null.
     */
    public static Map<String, Object> rowMap(Map<String, Object> map, String field) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException(field + " has a null key");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    /** An immutable copy of a list of non-blank strings. */
    public static List<String> nonBlankList(@Nullable List<String> list, String field) {
        present(list, field);
        List<String> copy = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            copy.add(nonBlank(list.get(i), field + "[" + i + "]"));
        }
        return Collections.unmodifiableList(copy);
    }
}
