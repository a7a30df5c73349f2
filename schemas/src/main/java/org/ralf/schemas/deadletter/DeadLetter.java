package org.ralf.schemas.deadletter;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.annotation.Nullable;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.internal.Checks;

/**
 * Input that failed to parse or validate, value of topic {@code ralf.deadletter} (key: {@link
 * #source()}). Nothing is dropped silently: the original bytes are kept (base64 in JSON) together
 * with where they came from and why they failed.
 *
 * <p>{@code payload} is copied on the way in and out, so the record stays immutable; equality
 * compares its content.
 *
 * @param schemaVersion version of this record's schema ({@link #SCHEMA_VERSION})
 * @param source topic the input was read from, or connector name for input that never reached a
 *     topic
 * @param partition partition of the input, if it came from a topic
 * @param offset offset of the input, if it came from a topic
 * @param payload the original bytes (possibly truncated for oversized input: see {@code reason});
 *     may be empty
 * @param cause category of the failure
 * @param reason precise, human-readable reason (which field, which value, which limit)
 * @param expectedType simple name of the record type the input should have been, if known
 * @param failedAt when the failure was detected
 */
public record DeadLetter(
        int schemaVersion,
        String source,
        @Nullable Integer partition,
        @Nullable Long offset,
        byte[] payload,
        DeadLetterCause cause,
        String reason,
        @Nullable String expectedType,
        Instant failedAt)
        implements Versioned {

    /** Current schema version of this record. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates the invariants; see the component descriptions. */
    public DeadLetter {
        Checks.version(schemaVersion);
        Checks.nonBlank(source, "source");
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, was " + partition);
        }
        if (offset != null && offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        payload = Checks.present(payload, "payload").clone();
        Checks.present(cause, "cause");
        Checks.nonBlank(reason, "reason");
        Checks.nonBlankOrNull(expectedType, "expectedType");
        Checks.present(failedAt, "failedAt");
    }

    /**
     * A dead letter of the current schema version, for connectors that reject input before it
     * reaches a topic (cause {@link DeadLetterCause#UNPARSEABLE_INPUT}, partition and offset null).
     */
    public static DeadLetter of(
            String source,
            @Nullable Integer partition,
            @Nullable Long offset,
            byte[] payload,
            DeadLetterCause cause,
            String reason,
            @Nullable String expectedType,
            Instant failedAt) {
        return new DeadLetter(
                SCHEMA_VERSION,
                source,
                partition,
                offset,
                payload,
                cause,
                reason,
                expectedType,
                failedAt);
    }

    /** A copy of the original bytes. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d
                && schemaVersion == d.schemaVersion
                && source.equals(d.source)
                && Objects.equals(partition, d.partition)
                && Objects.equals(offset, d.offset)
                && Arrays.equals(payload, d.payload)
                && cause == d.cause
                && reason.equals(d.reason)
                && Objects.equals(expectedType, d.expectedType)
                && failedAt.equals(d.failedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                                schemaVersion,
                                source,
                                partition,
                                offset,
                                cause,
                                reason,
                                expectedType,
                                failedAt)
                        * 31
                + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "DeadLetter[source="
                + source
                + ", partition="
                + partition
                + ", offset="
                + offset
                + ", cause="
                + cause
                + ", reason="
                + reason
                + ", expectedType="
                + expectedType
                + ", failedAt="
                + failedAt
                + ", payload(base64)="
                + Base64.getEncoder()
                        .encodeToString(Arrays.copyOf(payload, Math.min(64, payload.length)))
                + (payload.length > 64 ? "..." : "")
                + "]";
    }
}
