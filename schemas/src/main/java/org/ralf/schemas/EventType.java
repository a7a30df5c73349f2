package org.ralf.schemas;

import java.io.Serializable;

/**
 * A registered topic value type with its schema name and current version; locates the JSON Schema
 * and the example document of the type on the classpath.
 *
 * @param type the record class
 * @param name kebab-case schema name, for example {@code metric-sample}
 * @param version current schema version (the record's {@code SCHEMA_VERSION})
 * @param <T> the record type
 */
public record EventType<T extends Versioned>(Class<T> type, String name, int version)
        implements Serializable {

    /** Validates the name and version. */
    public EventType {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("schema name must be kebab-case: " + name);
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1: " + version);
        }
    }

    /** Classpath resource of the JSON Schema, {@code schemas/<name>.v<version>.schema.json}. */
    public String schemaResource() {
        return "schemas/" + name + ".v" + version + ".schema.json";
    }

    /** Classpath resource of the example document, {@code examples/<name>.v<version>.json}. */
    public String exampleResource() {
        return "examples/" + name + ".v" + version + ".json";
    }
}
