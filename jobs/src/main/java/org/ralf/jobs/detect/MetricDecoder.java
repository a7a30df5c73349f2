package org.ralf.jobs.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.Decoded;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.schemas.serde.IsoInstants;
import org.ralf.schemas.serde.Json;

/**
 * Decodes {@code ralf.metrics} values with exactly the outcome of {@code EventSerde<MetricSample>},
 * more cheaply for the documents producers write.
 *
 * <p>The fast path streams the bytes through a {@link JsonParser} of the shared mapper's factory
 * (same parser, same limits) and accepts only a document that is one JSON object holding each of
 * {@link MetricSample}'s seven fields exactly once and nothing else, each with the JSON type the
 * producers write (an {@code int} schema version equal to the supported one; strings; a flat object
 * of string labels; a number value; a string timestamp read by {@link IsoInstants}, as the shared
 * mapper reads it), followed by nothing. The value is built by {@code MetricSample}'s own
 * constructor, so every invariant (sorted labels, series id, finite value, non-blank strings) is
 * checked as before. Anything else (unknown or repeated fields, other token types, any parser
 * error, a broken invariant) is decoded again by the {@link EventSerde}, which decides and names
 * the outcome. So a payload is accepted if and only if the serde accepts it, with an equal value,
 * and every dead letter is the serde's own. {@code MetricDecoderTest} checks this on the contract
 * example, a generated corpus and the serde's bad inputs.
 *
 * <p>Why: decoding was the largest cost of the detect job's source thread. The streaming read saves
 * Jackson data binding's property buffering and creator call (about 0.2 µs of 1.2 µs per
 * bench-shaped sample); the larger part of the saving is that {@link MetricSourceDecoder} lets the
 * event time come from this one decoding instead of a second scan of the bytes.
 */
public final class MetricDecoder implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int SCHEMA_VERSION = 1;
    private static final int SERIES_ID = 2;
    private static final int NAME = 4;
    private static final int LABELS = 8;
    private static final int VALUE = 16;
    private static final int TIMESTAMP = 32;
    private static final int SOURCE = 64;
    private static final int ALL = 127;

    private final EventSerde<MetricSample> serde;
    private transient @Nullable JsonFactory factory;

    /** A decoder whose fallback is {@code EventSerde.of(MetricSample.class)}. */
    public MetricDecoder() {
        this(Clock.systemUTC());
    }

    /**
     * A decoder whose fallback is {@code EventSerde.of(MetricSample.class).withClock(clock)} (the
     * default size limit, which the fast path also applies; not strict, since the fast path does
     * not validate against the JSON Schema).
     *
     * @param clock stamps the dead letters
     */
    public MetricDecoder(Clock clock) {
        this.serde = EventSerde.of(MetricSample.class).withClock(clock);
    }

    /**
     * Decodes one payload; never throws for bad input (see {@link EventSerde#deserialize}).
     *
     * @param topic where the payload came from, for the dead letter
     * @param partition its partition
     * @param offset its offset
     * @param raw the payload
     * @return what {@link EventSerde#deserialize} returns for these arguments
     */
    public Decoded<MetricSample> decode(
            String topic,
            @Nullable Integer partition,
            @Nullable Long offset,
            @Nullable byte[] raw) {
        MetricSample fast = fast(raw);
        return fast != null ? new Decoded.Ok<>(fast) : slow(topic, partition, offset, raw);
    }

    /** The serde's decoding alone, for a payload {@link #fast} did not accept. */
    Decoded<MetricSample> slow(
            String topic,
            @Nullable Integer partition,
            @Nullable Long offset,
            @Nullable byte[] raw) {
        return serde.deserialize(topic, partition, offset, raw);
    }

    /**
     * The sample if the fast path accepts the payload, else null (then the serde decides: the
     * payload may still be valid).
     */
    @Nullable
    MetricSample fast(@Nullable byte[] raw) {
        // the serde's own first rules: null, empty and too large payloads
        if (raw == null || raw.length == 0 || raw.length > EventSerde.DEFAULT_MAX_BYTES) {
            return null;
        }
        JsonFactory f = factory;
        if (f == null) {
            f = Json.mapper().getFactory();
            factory = f;
        }
        try (JsonParser p = f.createParser(raw)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Fields fields = new Fields();
            int seen = 0;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                int bit = fields.read(field, p, p.nextToken());
                if (bit == 0 || (seen & bit) != 0) {
                    return null; // rejected, or repeated: the serde decides which one counts
                }
                seen |= bit;
            }
            if (t != JsonToken.END_OBJECT
                    || seen != ALL
                    || fields.version != MetricSample.SCHEMA_VERSION
                    || p.nextToken() != null) {
                return null;
            }
            return fields.sample();
        } catch (IOException | IllegalArgumentException | DateTimeException e) {
            // malformed JSON, a parser limit, an invariant or an unreadable instant: the serde
            // decodes it again and names the reason
            return null;
        }
    }

    /** The fields of one payload as the fast path reads them. */
    private static final class Fields {
        int version;
        @Nullable String seriesId;
        @Nullable String name;
        @Nullable Map<String, String> labels;
        double value;
        @Nullable Instant timestamp;
        @Nullable String source;

        /**
         * Reads the value of {@code field} the parser stands on; the field's bit, or 0 when the
         * fast path does not accept it (an unknown field or an unexpected token: the serde
         * decides).
         */
        int read(String field, JsonParser p, JsonToken v) throws IOException {
            switch (field) {
                case "schemaVersion" -> {
                    if (v != JsonToken.VALUE_NUMBER_INT
                            || p.getNumberType() != JsonParser.NumberType.INT) {
                        return 0;
                    }
                    version = p.getIntValue();
                    return SCHEMA_VERSION;
                }
                case "seriesId" -> {
                    return (seriesId = text(p, v)) == null ? 0 : SERIES_ID;
                }
                case "name" -> {
                    return (name = text(p, v)) == null ? 0 : NAME;
                }
                case "labels" -> {
                    return v != JsonToken.START_OBJECT || (labels = labels(p)) == null ? 0 : LABELS;
                }
                case "value" -> {
                    // Only what Jackson reads as a double without any coercion, through the
                    // same parser call, so the same double.
                    if (v != JsonToken.VALUE_NUMBER_FLOAT) {
                        return 0;
                    }
                    value = p.getDoubleValue();
                    return VALUE;
                }
                case "timestamp" -> {
                    String text = text(p, v);
                    if (text == null) {
                        return 0;
                    }
                    timestamp = IsoInstants.parse(text);
                    return TIMESTAMP;
                }
                case "source" -> {
                    return (source = text(p, v)) == null ? 0 : SOURCE;
                }
                default -> {
                    return 0; // unknown fields are the serde's business
                }
            }
        }

        MetricSample sample() {
            return new MetricSample(version, seriesId, name, labels, value, timestamp, source);
        }
    }

    /** The string the parser stands on, or null for any other token. */
    private static @Nullable String text(JsonParser p, JsonToken v) throws IOException {
        return v == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    /** A flat object of string values, or null for anything else (including repeated keys). */
    private static @Nullable Map<String, String> labels(JsonParser p) throws IOException {
        // sorted already: MetricSample keeps its labels sorted, and copies a sorted map linearly
        Map<String, String> labels = new TreeMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING || labels.put(key, p.getText()) != null) {
                return null;
            }
        }
        return t == JsonToken.END_OBJECT ? labels : null;
    }
}
