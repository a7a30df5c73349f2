package org.ralf.jobs.remediation;

import java.io.Serializable;
import java.util.List;

/**
 * Writes a batch of records to an external system; must be idempotent (batches are replayed after a
 * restore).
 *
 * @param <T> record type
 */
public interface BatchHandler<T> extends AutoCloseable {

    /** Writes the batch; throws to have it retried and, after the retries, to fail the job. */
    void handle(List<T> batch) throws Exception;

    @Override
    void close();

    /**
     * Opens handlers on the task managers.
     *
     * @param <T> record type
     */
    @FunctionalInterface
    interface Factory<T> extends Serializable {
        /** Opens a handler. */
        BatchHandler<T> open() throws Exception;
    }
}
