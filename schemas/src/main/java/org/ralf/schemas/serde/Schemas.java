package org.ralf.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ralf.schemas.EventType;

/**
 * The JSON Schemas (draft 2020-12) of the registered types, loaded from the classpath once and
 * cached. Format assertions ({@code date-time}) are enabled. Used by strict {@link EventSerde}s and
 * by tests; the hot path does not use it.
 */
public final class Schemas {

    private static final JsonSchemaFactory FACTORY =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private Schemas() {}

    /**
     * The compiled schema of a type.
     *
     * @throws IllegalStateException if the schema resource is missing or invalid
     */
    public static JsonSchema of(EventType<?> type) {
        return CACHE.computeIfAbsent(
                type.schemaResource(),
                resource -> {
                    if (Schemas.class.getClassLoader().getResource(resource) == null) {
                        throw new IllegalStateException("schema not on classpath: " + resource);
                    }
                    JsonSchema schema =
                            FACTORY.getSchema(SchemaLocation.of("classpath:" + resource), CONFIG);
                    schema.initializeValidators();
                    return schema;
                });
    }

    /**
     * Validates a document against a type's schema.
     *
     * @return the violations, each as {@code <instance path>: <message>}; empty if valid
     */
    public static List<String> validate(EventType<?> type, JsonNode document) {
        return of(type).validate(document).stream()
                .map(ValidationMessage::getMessage)
                // the root instance location renders as an empty string
                .map(m -> m.startsWith(": ") ? "(root)" + m : m)
                .sorted()
                .toList();
    }
}
