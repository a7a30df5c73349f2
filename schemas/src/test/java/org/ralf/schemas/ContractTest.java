package org.ralf.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ralf.schemas.serde.Decoded;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.schemas.serde.Json;
import org.ralf.schemas.serde.Schemas;

/**
 * Keeps every registered record, its JSON Schema and its example document (the one the docs show)
 * in agreement, so none of the three can drift from the others.
 */
class ContractTest {

    static Stream<EventType<?>> types() {
        return EventTypes.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void shouldValidateExampleAgainstSchema(EventType<?> type) throws IOException {
        JsonNode example = read(type.exampleResource());

        assertThat(Schemas.validate(type, example)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T extends Versioned> void shouldRoundTripExampleThroughRecord(EventType<T> type)
            throws IOException {
        byte[] raw = bytes(type.exampleResource());
        EventSerde<T> serde = EventSerde.of(type).strict();

        Decoded<T> decoded = serde.deserialize("test", 0, 0L, raw);

        assertThat(decoded.deadLetterOrNull()).isNull();
        T value = decoded.valueOrNull();
        assertThat(value).isInstanceOf(type.type());
        assertThat(value.schemaVersion()).isEqualTo(type.version());
        JsonNode rewritten = Json.mapper().readTree(serde.serialize(value));
        assertThat(rewritten).isEqualTo(Json.mapper().readTree(raw));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void shouldDeclareSchemaVersionConstOfRecord(EventType<?> type) throws Exception {
        JsonNode schema = read(type.schemaResource());
        int recordVersion = type.type().getField("SCHEMA_VERSION").getInt(null);

        assertThat(recordVersion).isEqualTo(type.version());
        JsonNode version = schema.at("/properties/schemaVersion");
        // const, or enum [version, null] where the version may be absent (raw Debezium output)
        int declared =
                version.has("const")
                        ? version.get("const").asInt()
                        : version.path("enum").path(0).asInt();
        assertThat(declared).isEqualTo(recordVersion);
        assertThat(schema.path("$schema").asText())
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void shouldRequireExactlyTheNonNullableComponents(EventType<?> type) throws IOException {
        JsonNode schema = read(type.schemaResource());
        List<String> problems = new ArrayList<>();

        compare(type.type(), schema, schema, type.type().getSimpleName(), problems);

        assertThat(problems).isEmpty();
    }

    /** Compares a record's wire properties with an object schema, recursing into nested records. */
    private static void compare(
            Class<?> record, JsonNode objectSchema, JsonNode root, String at, List<String> out) {
        Map<String, WireProperty> props = wireProperties(record);
        Set<String> required = new HashSet<>();
        objectSchema.path("required").forEach(n -> required.add(n.asText()));
        Set<String> expectedRequired = new HashSet<>();
        props.values().stream().filter(p -> !p.nullable).forEach(p -> expectedRequired.add(p.name));
        if (!required.equals(expectedRequired)) {
            out.add(
                    at
                            + ": schema requires "
                            + required
                            + " but record requires "
                            + expectedRequired);
        }
        Set<String> declared = new HashSet<>();
        objectSchema.path("properties").fieldNames().forEachRemaining(declared::add);
        if (!declared.equals(props.keySet())) {
            out.add(at + ": schema properties " + declared + " but record has " + props.keySet());
        }
        for (WireProperty p : props.values()) {
            JsonNode ps = resolve(objectSchema.path("properties").path(p.name), root);
            if (ps.isMissingNode()) {
                continue;
            }
            compareType(p.type, p.nullable, ps, root, at + "." + p.name, out);
        }
    }

    private static void compareType(
            Type type, boolean nullable, JsonNode ps, JsonNode root, String at, List<String> out) {
        Class<?> raw = rawClass(type);
        String expected = jsonType(raw);
        Set<String> types = new HashSet<>();
        if (ps.path("type").isArray()) {
            ps.path("type").forEach(n -> types.add(n.asText()));
        } else if (ps.has("type")) {
            types.add(ps.path("type").asText());
        }
        if (expected == null) {
            return; // free-form value (Object)
        }
        Set<String> want = new HashSet<>(Set.of(expected));
        if (nullable) {
            want.add("null");
        }
        if (!types.equals(want)) {
            out.add(at + ": schema type " + types + " but record needs " + want);
        }
        if (raw == Instant.class && !"date-time".equals(ps.path("format").asText())) {
            out.add(at + ": instant without format date-time");
        }
        if (raw.isEnum()) {
            Set<String> schemaValues = new HashSet<>();
            ps.path("enum")
                    .forEach(
                            n -> {
                                if (!n.isNull()) {
                                    schemaValues.add(n.asText());
                                }
                            });
            Set<String> javaValues = new HashSet<>();
            for (Object constant : raw.getEnumConstants()) {
                javaValues.add(Json.mapper().valueToTree(constant).asText());
            }
            if (!schemaValues.equals(javaValues)) {
                out.add(at + ": schema enum " + schemaValues + " but Java enum " + javaValues);
            }
        }
        if (raw.isRecord()) {
            compare(raw, ps, root, at, out);
        }
        if (Map.class.isAssignableFrom(raw) && type instanceof ParameterizedType pt) {
            Class<?> valueClass = rawClass(pt.getActualTypeArguments()[1]);
            if (valueClass != Object.class) {
                JsonNode vs = resolve(ps.path("additionalProperties"), root);
                compareType(valueClass, false, vs, root, at + "{}", out);
            }
        }
        if (List.class.isAssignableFrom(raw) && type instanceof ParameterizedType pt) {
            compareType(
                    pt.getActualTypeArguments()[0],
                    false,
                    resolve(ps.path("items"), root),
                    root,
                    at + "[]",
                    out);
        }
    }

    private static @Nullable String jsonType(Class<?> raw) {
        if (raw == String.class || raw == Instant.class || raw.isEnum() || raw == byte[].class) {
            return "string";
        }
        if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            return "integer";
        }
        if (raw == double.class || raw == Double.class) {
            return "number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        if (Map.class.isAssignableFrom(raw) || raw.isRecord()) {
            return "object";
        }
        if (List.class.isAssignableFrom(raw)) {
            return "array";
        }
        return null;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return (Class<?>) ((ParameterizedType) type).getRawType();
    }

    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#") ? root.at(ref.substring(1)) : schema;
    }

    /**
     * The properties of a record as Jackson binds them: the parameters of its static
     * {@code @JsonCreator} if it has one, else its components; renamed by {@code @JsonProperty}.
     */
    private static Map<String, WireProperty> wireProperties(Class<?> record) {
        Map<String, WireProperty> props = new LinkedHashMap<>();
        for (Method m : record.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(JsonCreator.class)) {
                for (Parameter p : m.getParameters()) {
                    String name = p.getAnnotation(JsonProperty.class).value();
                    props.put(name, new WireProperty(name, p.getParameterizedType(), nullable(p)));
                }
                return props;
            }
        }
        for (RecordComponent c : record.getRecordComponents()) {
            // @JsonProperty does not target record components: it lands on the accessor.
            JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
            String name = renamed != null ? renamed.value() : c.getName();
            props.put(name, new WireProperty(name, c.getGenericType(), nullable(c)));
        }
        return props;
    }

    private static boolean nullable(AnnotatedElement e) {
        return e.isAnnotationPresent(Nullable.class);
    }

    private record WireProperty(String name, Type type, boolean nullable) {}

    private static JsonNode read(String resource) throws IOException {
        return Json.mapper().readTree(bytes(resource));
    }

    private static byte[] bytes(String resource) throws IOException {
        try (InputStream in = ContractTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("resource %s", resource).isNotNull();
            return in.readAllBytes();
        }
    }
}
