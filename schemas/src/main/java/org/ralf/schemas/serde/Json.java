package org.ralf.schemas.serde;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

/**
 * The one Jackson configuration for topic values. Every module reads and writes {@code ralf.*}
 * topics through it (usually via {@link EventSerde}).
 *
 * <ul>
 *   <li>Instants as ISO-8601 strings ({@code 2026-11-25T22:00:00Z}), never numbers.
 *   <li>Unknown properties are <b>ignored</b> (tolerant reader): adding an optional field is a
 *       compatible change that does not bump {@code schemaVersion}, and consumers that are not
 *       upgraded yet keep working during a rolling upgrade. Typos are caught by the required-field
 *       rule for required fields and by the JSON Schemas ({@code additionalProperties: false}) in
 *       strict mode, which tests and connectors use.
 *   <li>A component that is not {@code @Nullable} is required and must not be null (see {@code
 *       ContractIntrospector}); {@code FAIL_ON_NULL_FOR_PRIMITIVES} is on.
 *   <li>No scalar coercion (no {@code "1.5"} for a number, no {@code 1.7} for an int), no numbers
 *       for enums, no trailing tokens after the document.
 *   <li>Null properties are omitted when writing; nulls inside maps (CDC row columns) are kept. Map
 *       entries are written sorted by key, so equal values give equal bytes.
 *   <li>Nesting is limited to 64 levels.
 * </ul>
 */
public final class Json {

    /** Maximum nesting depth of a document. */
    public static final int MAX_NESTING_DEPTH = 64;

    private static final ObjectMapper MAPPER = newMapper();

    private Json() {}

    /**
     * The shared, fully configured mapper. Thread-safe; do not reconfigure it (use {@link
     * #newMapper()} for a private copy).
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new mapper with this configuration. */
    public static ObjectMapper newMapper() {
        JsonFactory factory =
                JsonFactory.builder()
                        .streamReadConstraints(
                                StreamReadConstraints.builder()
                                        .maxNestingDepth(MAX_NESTING_DEPTH)
                                        .build())
                        // Jackson's bundled FastDoubleParser: correctly rounded like
                        // Double.parseDouble, without its big-integer path for 17-digit values
                        // (a metric value's usual shape), the largest cost of a decoded sample.
                        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                        .build();
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                // after JavaTimeModule, so that its Instant deserializer is the one used
                .addModule(
                        new com.fasterxml.jackson.databind.module.SimpleModule("ralf-instants")
                                .addDeserializer(Instant.class, new IsoInstants.Deserializer()))
                .annotationIntrospector(new ContractIntrospector())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .defaultPropertyInclusion(
                        JsonInclude.Value.construct(
                                JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
                .build();
    }
}
