/** Flink type information of the remediation records (JSON-backed, never Kryo). */
package org.ralf.pipelines.remediation.types;
