package org.ralf.executor.config;

import java.util.Objects;

/**
 * A secret configuration value. {@link #toString()} never reveals it, so configuration records can
 * be logged safely; {@link #reveal()} is the only way to read it.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    /** Wraps a secret value. */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret value itself; callers must not log it. */
    public String reveal() {
        return value;
    }

    /** Whether the value is empty. */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "***";
    }
}
