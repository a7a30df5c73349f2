/** Asynchronous similar-incident lookup in the incident memory (pgvector). */
package org.ralf.pipelines.remediation.memory;
