package org.ralf.models.incident;

import java.io.Serializable;
import java.util.List;

/**
 * The store of past remediation attempts, searched by fingerprint similarity. Implementations:
 * pgvector ({@code org.ralf.sinks.memory.PgIncidentMemory}) and an in-memory one for tests.
 * Implementations must be safe for use by one thread at a time; callers that need concurrency open
 * one per thread or use a pooled implementation.
 */
public interface IncidentMemory extends AutoCloseable {

    /**
     * The experiences of the {@code k} past incidents most similar to the fingerprint, most similar
     * first.
     *
     * @throws MemoryException if the store cannot be queried
     */
    List<SimilarIncident> similar(IncidentFingerprint fingerprint, int k) throws MemoryException;

    /**
     * Stores (upserts by id) an experience.
     *
     * @throws MemoryException if the store cannot be written
     */
    void record(Experience experience) throws MemoryException;

    @Override
    void close();

    /** Creates memories on task managers: serialisable, so Flink can ship it with the job. */
    @FunctionalInterface
    interface Factory extends Serializable {
        /** Opens a memory; the caller closes it. */
        IncidentMemory open() throws MemoryException;
    }
}
