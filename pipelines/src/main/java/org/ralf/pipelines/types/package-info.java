/** Flink type information shared by the pipelines (JSON-serialised records, never Kryo). */
package org.ralf.pipelines.types;
