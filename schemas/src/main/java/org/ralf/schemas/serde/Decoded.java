package org.ralf.schemas.serde;

import javax.annotation.Nullable;
import org.ralf.schemas.deadletter.DeadLetter;

/**
 * The outcome of {@link EventSerde#deserialize}: either the value or the dead letter that explains
 * why there is none. Exactly one of {@link #valueOrNull()} and {@link #deadLetterOrNull()} is
 * non-null.
 *
 * @param <T> the record type
 */
public sealed interface Decoded<T> permits Decoded.Ok, Decoded.Failed {

    /** Whether decoding produced a value. */
    boolean isOk();

    /** The value, or null if decoding failed. */
    @Nullable
    T valueOrNull();

    /** The dead letter, or null if decoding succeeded. */
    @Nullable
    DeadLetter deadLetterOrNull();

    /**
     * A decoded value.
     *
     * @param value the value
     * @param <T> the record type
     */
    record Ok<T>(T value) implements Decoded<T> {
        @Override
        public boolean isOk() {
            return true;
        }

        @Override
        public T valueOrNull() {
            return value;
        }

        @Override
        public @Nullable DeadLetter deadLetterOrNull() {
            return null;
        }
    }

    /**
     * A failed decoding.
     *
     * @param deadLetter what failed and why; publish it to {@code ralf.deadletter}
     * @param <T> the record type that was expected
     */
    record Failed<T>(DeadLetter deadLetter) implements Decoded<T> {
        @Override
        public boolean isOk() {
            return false;
        }

        @Override
        public @Nullable T valueOrNull() {
            return null;
        }

        @Override
        public DeadLetter deadLetterOrNull() {
            return deadLetter;
        }
    }
}
