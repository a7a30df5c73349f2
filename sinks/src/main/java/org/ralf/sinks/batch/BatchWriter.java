package org.ralf.sinks.batch;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers records and hands them to a {@link BatchHandler} when {@code maxBatch} are pending and on
 * every {@link #flush()}; never drops a record. Plain Java, so that the policy is tested without
 * Flink; a Flink sink writer delegates to it and calls {@link #flush()} before each checkpoint
 * barrier and at the end of input.
 *
 * <p>Failure policy: a failing batch is retried as its {@link RetryPolicy} says; when the retries
 * are used up {@link #flush()} throws and keeps the records, so the task (and the checkpoint) fails
 * and Flink replays from the last completed checkpoint. Delivery is at-least-once; handlers turn it
 * into one effect by idempotent writes (upserts by deterministic id).
 *
 * <p>With a {@link KeyOf key}, a record replaces a pending one of the same key (the newer state
 * wins, at the older one's place in the batch), and {@code maxBatch} counts distinct keys.
 *
 * <p>Not thread-safe: one writer per task thread.
 *
 * @param <T> record type
 */
public final class BatchWriter<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    /**
     * The identity of a record within a batch.
     *
     * @param <T> record type
     */
    @FunctionalInterface
    public interface KeyOf<T> extends Serializable {
        /** The key; records with equal keys replace each other while pending. */
        Object key(T record);
    }

    private final String name;
    private final BatchHandler<T> handler;
    private final int maxBatch;
    private final RetryPolicy retry;
    @Nullable private final KeyOf<T> keyOf;
    private final Map<Object, T> pending = new LinkedHashMap<>();
    // stands in for the key of unkeyed records, so that every one of them stays in the batch
    private long sequence;

    /**
     * @param name what is written, for messages (e.g. the table)
     * @param handler writes the batches; closed with this writer
     * @param maxBatch flush when this many records are pending, at least 1
     * @param retry retries of a failing batch
     * @param keyOf identity of a record within a batch, or null to keep every record
     */
    public BatchWriter(
            String name,
            BatchHandler<T> handler,
            int maxBatch,
            RetryPolicy retry,
            @Nullable KeyOf<T> keyOf) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1: " + maxBatch);
        }
        this.name = name;
        this.handler = handler;
        this.maxBatch = maxBatch;
        this.retry = retry;
        this.keyOf = keyOf;
    }

    /** Buffers a record; writes the batch when it is full. */
    public void write(T record) throws IOException, InterruptedException {
        pending.put(keyOf == null ? sequence++ : keyOf.key(record), record);
        if (pending.size() >= maxBatch) {
            flush();
        }
    }

    /** How many records are buffered. */
    public int pending() {
        return pending.size();
    }

    /**
     * Writes the buffered records, retrying a failure; a no-op when nothing is buffered.
     *
     * @throws IOException when the retries are used up; the records stay buffered
     * @throws InterruptedException if interrupted while waiting for a retry
     */
    public void flush() throws IOException, InterruptedException {
        if (pending.isEmpty()) {
            return;
        }
        List<T> batch = new ArrayList<>(pending.values());
        for (int attempt = 0; ; attempt++) {
            try {
                handler.handle(batch);
                pending.clear();
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (attempt >= retry.retries()) {
                    throw new IOException(
                            name
                                    + ": batch of "
                                    + batch.size()
                                    + " records failed after "
                                    + (attempt + 1)
                                    + " attempts, failing the task to replay from the last"
                                    + " checkpoint: "
                                    + e.getMessage(),
                            e);
                }
                long wait = retry.backoff(attempt).toMillis();
                LOG.warn(
                        "{}: batch of {} failed (attempt {} of {}), retrying in {} ms: {}",
                        name,
                        batch.size(),
                        attempt + 1,
                        retry.retries() + 1,
                        wait,
                        e.toString());
                if (wait > 0) {
                    Thread.sleep(wait); // bounded by the retry budget: a restarting database
                }
            }
        }
    }

    /** Drops what is buffered (it is replayed from the last checkpoint) and closes the handler. */
    @Override
    public void close() {
        pending.clear();
        handler.close();
    }
}
