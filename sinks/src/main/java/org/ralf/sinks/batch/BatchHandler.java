package org.ralf.sinks.batch;

import java.io.Serializable;
import java.util.List;

/**
 * Writes a batch of records to an external system for a {@link BatchWriter}; must be idempotent
 * (batches are replayed after a restore and retried after a failure).
 *
 * @param <T> record type
 */
public interface BatchHandler<T> extends AutoCloseable {

    /** Writes the batch; throws to have it retried and, after the retries, to fail the job. */
    void handle(List<T> batch) throws Exception;

    @Override
    void close();

    /**
     * Opens handlers where the records are written (on the task managers): serialisable, so that a
     * job can ship it.
     *
     * @param <T> record type
     */
    @FunctionalInterface
    interface Factory<T> extends Serializable {
        /** Opens a handler; the caller closes it. */
        BatchHandler<T> open() throws Exception;
    }
}
