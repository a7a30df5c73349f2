/** Internals of the remediation graph: JSON-backed Flink type information for its records. */
package org.ralf.pipelines.remediation.internal;
