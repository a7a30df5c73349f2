package org.ralf.schemas.deadletter;

/** Why an input became a {@link DeadLetter}; the reason text gives the details. */
public enum DeadLetterCause {
    /** Null or zero-length payload (or only whitespace, or the JSON literal {@code null}). */
    EMPTY,
    /** Payload larger than the configured limit. */
    TOO_LARGE,
    /** Not well-formed JSON (syntax error, truncated, invalid UTF-8, trailing garbage). */
    MALFORMED_JSON,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong type or a value that violates an invariant. */
    INVALID_VALUE,
    /** The payload's schemaVersion is not one this reader supports. */
    UNSUPPORTED_VERSION,
    /** Strict mode only: the document violates the JSON Schema. */
    SCHEMA_VIOLATION,
    /** Non-JSON input a connector could not parse (syslog line, scrape body, API response). */
    UNPARSEABLE_INPUT,
    /** Anything else; the reason names the exception. */
    UNEXPECTED
}
