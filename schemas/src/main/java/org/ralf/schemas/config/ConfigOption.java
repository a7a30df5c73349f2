package org.ralf.schemas.config;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One typed configuration key: kebab-case hierarchical name ({@code detect.ewma.alpha}), default,
 * description and validator. Each module declares its options as constants of one options class.
 *
 * @param key hierarchical kebab-case key
 * @param parser turns the textual value into the typed value (throws on malformed text)
 * @param defaultValue value when the key is absent
 * @param description one line for documentation and error messages
 * @param validator accepts valid values
 * @param constraint what the validator demands, for the error message
 * @param secret whether the value is a secret (masked wherever configuration is printed)
 * @param <T> value type
 */
public record ConfigOption<T>(
        String key,
        Function<String, T> parser,
        T defaultValue,
        String description,
        Predicate<T> validator,
        String constraint,
        boolean secret) {

    /** A non-secret option. */
    public ConfigOption(
            String key,
            Function<String, T> parser,
            T defaultValue,
            String description,
            Predicate<T> validator,
            String constraint) {
        this(key, parser, defaultValue, description, validator, constraint, false);
    }

    /** A string option that may be empty (optional URLs, paths). */
    public static ConfigOption<String> optionalString(String key, String description) {
        return new ConfigOption<>(key, s -> s, "", description, v -> true, "a string");
    }

    /**
     * A secret string option, empty by default: masked when configuration is printed, and best set
     * through its environment variable rather than in the file.
     */
    public static ConfigOption<String> secretOption(String key, String description) {
        return new ConfigOption<>(key, s -> s, "", description, v -> true, "a string", true);
    }

    /** An integer option. */
    public static ConfigOption<Integer> intOption(
            String key, int dflt, String description, int min, int max) {
        return new ConfigOption<>(
                key,
                Integer::valueOf,
                dflt,
                description,
                v -> v >= min && v <= max,
                "an integer in [" + min + ", " + max + "]");
    }

    /** A floating-point option. */
    public static ConfigOption<Double> doubleOption(
            String key, double dflt, String description, double min, double max) {
        return new ConfigOption<>(
                key,
                Double::valueOf,
                dflt,
                description,
                v -> v >= min && v <= max,
                "a number in [" + min + ", " + max + "]");
    }

    /** A string option that must not be blank. */
    public static ConfigOption<String> stringOption(String key, String dflt, String description) {
        return new ConfigOption<>(
                key, s -> s, dflt, description, v -> !v.isBlank(), "a non-empty string");
    }

    /** A boolean option ({@code true}/{@code false}). */
    public static ConfigOption<Boolean> booleanOption(
            String key, boolean dflt, String description) {
        return new ConfigOption<>(
                key,
                s -> {
                    if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
                        throw new IllegalArgumentException("not a boolean: " + s);
                    }
                    return Boolean.valueOf(s);
                },
                dflt,
                description,
                v -> true,
                "true or false");
    }

    /** A duration option in ISO-8601 ({@code PT10S}) or {@code <n>ms|s|m|h|d}. */
    public static ConfigOption<Duration> durationOption(
            String key, Duration dflt, String description) {
        return new ConfigOption<>(
                key,
                ConfigOption::parseDuration,
                dflt,
                description,
                d -> !d.isNegative(),
                "a non-negative duration like 30s, 5m, PT1H");
    }

    static Duration parseDuration(String s) {
        String t = s.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            return Duration.parse(t);
        }
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("not a duration: " + s);
        }
        long n = Long.parseLong(t.substring(0, i));
        return switch (t.substring(i).trim()) {
            case "ms" -> Duration.ofMillis(n);
            case "s", "" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("unknown duration unit in " + s);
        };
    }

    /** The environment variable that overrides this key: {@code RALF_DETECT_EWMA_ALPHA}. */
    public String environmentVariable() {
        return "RALF_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
