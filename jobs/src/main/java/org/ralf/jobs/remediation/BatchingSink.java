package org.ralf.jobs.remediation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink that buffers records and hands them to a {@link BatchHandler} when the buffer is full, at
 * every checkpoint and at the end of input. Never drops a record.
 *
 * <p>Contract: Flink calls {@link SinkWriter#flush(boolean) flush(false)} in {@code
 * prepareSnapshotPreBarrier}, before the writer's barrier goes downstream, so a checkpoint can only
 * complete once every record before its barrier was handed to the handler successfully. A failing
 * batch is retried with a doubling back-off (bounded by {@code retries}); if it still fails, the
 * flush throws, which fails the task (and that checkpoint). Flink then restores the job from the
 * last completed checkpoint and replays the records since then: at-least-once delivery, turned into
 * exactly one effect by idempotent handlers (rows upserted by deterministic id, git entries skipped
 * when the committed file already has the same content).
 *
 * <p>Trade-off (why not give up a batch and carry on): the decisions, incidents, experiences and
 * the git audit trail are the record of what RALF did. Dropping a batch would leave commands on
 * {@code ralf.commands} without their explanation. A database or git outage longer than the retry
 * budget therefore pauses remediation (the commands of the failed checkpoint are never committed
 * either) until Flink's restart strategy brings the job back with the outage over.
 *
 * @param <T> record type
 */
public final class BatchingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BatchingSink.class);

    /** Back-off before the first retry; doubles per retry, capped at {@link #MAX_BACKOFF_MS}. */
    public static final long DEFAULT_BACKOFF_MS = 200;

    private static final long MAX_BACKOFF_MS = 5_000;

    private final BatchHandler.Factory<T> factory;
    private final int maxBatch;
    private final int retries;
    private final long backoffMs;

    /**
     * @param factory opens the handler
     * @param maxBatch flush when this many records are buffered
     * @param retries retries of a failing batch before the task fails
     */
    public BatchingSink(BatchHandler.Factory<T> factory, int maxBatch, int retries) {
        this(factory, maxBatch, retries, DEFAULT_BACKOFF_MS);
    }

    /**
     * @param factory opens the handler
     * @param maxBatch flush when this many records are buffered
     * @param retries retries of a failing batch before the task fails
     * @param backoffMs back-off before the first retry (doubling, at most 5 s)
     */
    public BatchingSink(
            BatchHandler.Factory<T> factory, int maxBatch, int retries, long backoffMs) {
        if (maxBatch < 1 || retries < 0 || backoffMs < 0) {
            throw new IllegalArgumentException(
                    "maxBatch >= 1, retries >= 0 and backoffMs >= 0 required");
        }
        this.factory = factory;
        this.maxBatch = maxBatch;
        this.retries = retries;
        this.backoffMs = backoffMs;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return writer();
    }

    /** A writer outside Flink (tests call {@code flush(false)} the way a checkpoint does). */
    SinkWriter<T> writer() throws IOException {
        try {
            return new Writer<>(factory.open(), maxBatch, retries, backoffMs);
        } catch (Exception e) {
            throw new IOException("cannot open sink: " + e.getMessage(), e);
        }
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final BatchHandler<T> handler;
        private final int maxBatch;
        private final int retries;
        private final long backoffMs;
        private final List<T> buffer = new ArrayList<>();

        Writer(BatchHandler<T> handler, int maxBatch, int retries, long backoffMs) {
            this.handler = handler;
            this.maxBatch = maxBatch;
            this.retries = retries;
            this.backoffMs = backoffMs;
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            buffer.add(element);
            if (buffer.size() >= maxBatch) {
                flush(false);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            if (buffer.isEmpty()) {
                return;
            }
            List<T> batch = List.copyOf(buffer);
            long backoff = backoffMs;
            for (int attempt = 0; ; attempt++) {
                try {
                    handler.handle(batch);
                    buffer.clear();
                    return;
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    if (attempt >= retries) {
                        // the buffer is kept: the task fails and the records are replayed from the
                        // last checkpoint; nothing is dropped
                        throw new IOException(
                                "batch of "
                                        + batch.size()
                                        + " records failed after "
                                        + (attempt + 1)
                                        + " attempts, failing the task to replay from the last"
                                        + " checkpoint: "
                                        + e.getMessage(),
                                e);
                    }
                    LOG.warn(
                            "batch of {} failed (attempt {} of {}), retrying in {} ms: {}",
                            batch.size(),
                            attempt + 1,
                            retries + 1,
                            backoff,
                            e.toString());
                    if (backoff > 0) {
                        Thread.sleep(backoff); // bounded by retries; a restarting database
                    }
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                }
            }
        }

        @Override
        public void close() {
            handler.close();
        }
    }
}
