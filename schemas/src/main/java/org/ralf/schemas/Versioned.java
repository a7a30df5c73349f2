package org.ralf.schemas;

/**
 * A topic value that carries the version of its schema. Every record published to a {@code ralf.*}
 * topic implements it, so a reader can reject versions it does not understand instead of misreading
 * them.
 */
public interface Versioned {

    /** Version of the schema this value was written with (1 for the first version). */
    int schemaVersion();
}
