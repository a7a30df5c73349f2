package org.ralf.schemas.serde;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.Serializable;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.ralf.schemas.EventType;
import org.ralf.schemas.EventTypes;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.deadletter.DeadLetterCause;

/**
 * JSON serde of one topic value type. {@link #deserialize} never throws for bad input: every
 * failure becomes a {@link DeadLetter} carrying the source position, the original bytes and a
 * precise reason (see {@link DeadLetterCause}).
 *
 * <p>The default path is Jackson data binding straight from the bytes plus the record's
 * compact-constructor invariants. {@link #strict()} additionally validates every document against
 * the type's JSON Schema (slower: for tests and connectors checking their own output). Instances
 * are immutable, thread-safe and {@link Serializable} (Flink ships them to task managers; the
 * Jackson reader and writer are rebuilt on deserialisation).
 *
 * @param <T> the record type
 */
public final class EventSerde<T extends Versioned> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default limit on the payload size: 1 MiB, Kafka's default maximum message size. */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;

    /** At most this many original bytes are kept in a dead letter. */
    public static final int DEAD_LETTER_PAYLOAD_LIMIT = 256 * 1024;

    private static final int MAX_REASON_LENGTH = 1000;
    private static final Pattern QUOTED_NAME = Pattern.compile("'([^']+)'");

    private final EventType<T> type;
    private final int maxBytes;
    private final boolean strict;
    private final Clock clock;
    private final transient ObjectReader reader;
    private final transient ObjectWriter writer;

    private EventSerde(EventType<T> type, int maxBytes, boolean strict, Clock clock) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1, was " + maxBytes);
        }
        this.type = type;
        this.maxBytes = maxBytes;
        this.strict = strict;
        this.clock = clock;
        this.reader = Json.mapper().readerFor(type.type());
        this.writer = Json.mapper().writerFor(type.type());
        if (strict) {
            Schemas.of(type); // fail fast on a missing schema, not on the first record
        }
    }

    /**
     * A lenient (non-strict) serde with the default size limit and the UTC system clock.
     *
     * @throws IllegalArgumentException if the type is not registered in {@link EventTypes}
     */
    public static <T extends Versioned> EventSerde<T> of(Class<T> type) {
        return of(
                EventTypes.of(type)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "not a registered event type: " + type.getName())));
    }

    /** A lenient serde of a registered type with the default size limit and the UTC clock. */
    public static <T extends Versioned> EventSerde<T> of(EventType<T> type) {
        return new EventSerde<>(type, DEFAULT_MAX_BYTES, false, Clock.systemUTC());
    }

    /** A copy that also validates every document against the JSON Schema. */
    public EventSerde<T> strict() {
        return new EventSerde<>(type, maxBytes, true, clock);
    }

    /** A copy with another payload size limit in bytes. */
    public EventSerde<T> withMaxBytes(int maxBytes) {
        return new EventSerde<>(type, maxBytes, strict, clock);
    }

    /** A copy that stamps dead letters with the given clock (for deterministic tests). */
    public EventSerde<T> withClock(Clock clock) {
        return new EventSerde<>(type, maxBytes, strict, clock);
    }

    /** The type this serde reads and writes. */
    public EventType<T> type() {
        return type;
    }

    /** Whether documents are validated against the JSON Schema. */
    public boolean isStrict() {
        return strict;
    }

    /**
     * The value as UTF-8 JSON.
     *
     * @throws IllegalArgumentException if the value cannot be serialised (only possible for
     *     free-form parameter maps holding unserialisable objects): a bug in the producer, not bad
     *     input
     */
    public byte[] serialize(T value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot serialise " + type.type().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes one payload; never throws for bad input.
     *
     * @param topic topic (or connector name) the payload came from; goes into the dead letter
     * @param partition partition, if read from Kafka
     * @param offset offset, if read from Kafka
     * @param raw the payload; null (a tombstone) and empty are failures
     * @return the value, or a dead letter with the reason
     */
    public Decoded<T> deserialize(
            String topic,
            @Nullable Integer partition,
            @Nullable Long offset,
            @Nullable byte[] raw) {
        Position at = new Position(topic, partition, offset, raw);
        try {
            if (raw == null) {
                return at.fail(DeadLetterCause.EMPTY, "null payload (tombstone)");
            }
            if (raw.length == 0) {
                return at.fail(DeadLetterCause.EMPTY, "empty payload");
            }
            if (raw.length > maxBytes) {
                return at.fail(
                        DeadLetterCause.TOO_LARGE,
                        "payload too large: "
                                + raw.length
                                + " bytes > limit "
                                + maxBytes
                                + truncationNote(raw));
            }
            T value;
            if (strict) {
                JsonNode tree = reader.readTree(raw);
                if (tree == null || tree.isMissingNode() || tree.isNull()) {
                    return at.fail(DeadLetterCause.EMPTY, "payload has no JSON value");
                }
                Decoded<T> versionFailure = checkVersion(at, tree);
                if (versionFailure != null) {
                    return versionFailure;
                }
                List<String> violations = Schemas.validate(type, tree);
                if (!violations.isEmpty()) {
                    return at.fail(
                            DeadLetterCause.SCHEMA_VIOLATION,
                            "schema "
                                    + type.schemaResource()
                                    + ": "
                                    + String.join("; ", violations));
                }
                value = reader.readValue(tree);
            } else {
                value = reader.readValue(raw);
            }
            if (value == null) {
                return at.fail(DeadLetterCause.EMPTY, "payload is the JSON literal null");
            }
            if (value.schemaVersion() != type.version()) {
                return at.fail(
                        DeadLetterCause.UNSUPPORTED_VERSION, unsupported(value.schemaVersion()));
            }
            return new Decoded.Ok<>(value);
        } catch (Exception e) {
            return classify(at, raw, e);
        }
    }

    private Decoded<T> classify(Position at, byte[] raw, Exception e) {
        if (e instanceof StreamConstraintsException c) {
            return at.fail(
                    DeadLetterCause.MALFORMED_JSON,
                    "JSON exceeds parser limits: " + c.getOriginalMessage());
        }
        if (e instanceof StreamReadException r) {
            return at.fail(
                    DeadLetterCause.MALFORMED_JSON,
                    "malformed JSON: " + r.getOriginalMessage() + location(r.getLocation()));
        }
        // A document of another version may fail binding for reasons that are only symptoms.
        if (e instanceof JsonMappingException) {
            Decoded<T> versionFailure = checkVersion(at, raw);
            if (versionFailure != null) {
                return versionFailure;
            }
        }
        if (e instanceof InvalidNullException n) {
            return at.fail(
                    DeadLetterCause.MISSING_FIELD,
                    "required field '"
                            + path(
                                    n,
                                    n.getPropertyName() == null
                                            ? null
                                            : n.getPropertyName().getSimpleName())
                            + "' is null");
        }
        if (e instanceof InvalidFormatException f) {
            return at.fail(
                    DeadLetterCause.INVALID_VALUE,
                    "invalid value for '" + path(f, null) + "': " + f.getOriginalMessage());
        }
        if (e instanceof MismatchedInputException m) {
            String msg = m.getOriginalMessage() == null ? "" : m.getOriginalMessage();
            if (msg.startsWith("No content to map")) {
                return at.fail(
                        DeadLetterCause.EMPTY, "payload has no JSON value (whitespace only)");
            }
            if (msg.startsWith("Trailing token")) {
                return at.fail(
                        DeadLetterCause.MALFORMED_JSON,
                        "malformed JSON: " + msg + location(m.getLocation()));
            }
            if (msg.startsWith("Missing required creator property")) {
                Matcher name = QUOTED_NAME.matcher(msg);
                return at.fail(
                        DeadLetterCause.MISSING_FIELD,
                        "missing required field '"
                                + path(m, name.find() ? name.group(1) : null)
                                + "'");
            }
            if (msg.startsWith("Cannot map `null` into type")) {
                return at.fail(
                        DeadLetterCause.MISSING_FIELD,
                        "required field '" + path(m, null) + "' is null");
            }
            String where = m.getPath().isEmpty() ? "document" : "'" + path(m, null) + "'";
            return at.fail(DeadLetterCause.INVALID_VALUE, "wrong type for " + where + ": " + msg);
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause() != null ? v.getCause() : v;
            String prefix = v.getPath().size() > 1 ? "in '" + path(v, null) + "': " : "";
            return at.fail(DeadLetterCause.INVALID_VALUE, prefix + cause.getMessage());
        }
        if (e instanceof JsonMappingException j) {
            return at.fail(
                    DeadLetterCause.INVALID_VALUE,
                    "cannot bind '" + path(j, null) + "': " + j.getOriginalMessage());
        }
        return at.fail(DeadLetterCause.UNEXPECTED, e.getClass().getName() + ": " + e.getMessage());
    }

    /** A failure if the document declares a schemaVersion other than the supported one. */
    private @Nullable Decoded<T> checkVersion(Position at, byte[] raw) {
        try {
            return checkVersion(at, reader.readTree(raw));
        } catch (Exception ignored) {
            return null; // the original failure is the better reason
        }
    }

    private @Nullable Decoded<T> checkVersion(Position at, JsonNode tree) {
        JsonNode version = tree.get("schemaVersion");
        if (version != null && version.isIntegralNumber() && version.asLong() != type.version()) {
            return at.fail(DeadLetterCause.UNSUPPORTED_VERSION, unsupported(version.asLong()));
        }
        return null;
    }

    private String unsupported(long version) {
        return "unsupported schemaVersion "
                + version
                + " of "
                + type.type().getSimpleName()
                + " (this reader supports "
                + type.version()
                + ")";
    }

    private static String truncationNote(byte[] raw) {
        return raw.length > DEAD_LETTER_PAYLOAD_LIMIT
                ? " (dead letter keeps the first " + DEAD_LETTER_PAYLOAD_LIMIT + " bytes)"
                : "";
    }

    private static String location(@Nullable JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** Dotted path of the failing property, e.g. {@code source.table} or {@code items[2]}. */
    private static String path(JsonMappingException e, @Nullable String leaf) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (leaf != null && !path.toString().endsWith(leaf)) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(leaf);
        }
        return path.length() == 0 ? "<root>" : path.toString();
    }

    // Rebuilds the transient reader and writer after Java deserialisation.
    private Object readResolve() {
        return new EventSerde<>(type, maxBytes, strict, clock);
    }

    /** Where a payload came from, to build its dead letter. */
    private final class Position {
        private final String source;
        private final @Nullable Integer partition;
        private final @Nullable Long offset;
        private final @Nullable byte[] raw;

        Position(
                String source,
                @Nullable Integer partition,
                @Nullable Long offset,
                @Nullable byte[] raw) {
            this.source = source == null || source.isBlank() ? "unknown" : source;
            this.partition = partition;
            this.offset = offset;
            this.raw = raw;
        }

        Decoded<T> fail(DeadLetterCause cause, String reason) {
            byte[] kept =
                    raw == null
                            ? new byte[0]
                            : Arrays.copyOf(raw, Math.min(raw.length, DEAD_LETTER_PAYLOAD_LIMIT));
            String bounded =
                    reason.length() > MAX_REASON_LENGTH
                            ? reason.substring(0, MAX_REASON_LENGTH) + "..."
                            : reason;
            return new Decoded.Failed<>(
                    new DeadLetter(
                            DeadLetter.SCHEMA_VERSION,
                            source,
                            partition != null && partition >= 0 ? partition : null,
                            offset != null && offset >= 0 ? offset : null,
                            kept,
                            cause,
                            bounded,
                            type.type().getSimpleName(),
                            clock.instant()));
        }
    }
}
