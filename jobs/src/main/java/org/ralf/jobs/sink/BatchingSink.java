package org.ralf.jobs.sink;

import java.io.IOException;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.ralf.sinks.batch.BatchHandler;
import org.ralf.sinks.batch.BatchWriter;
import org.ralf.sinks.batch.RetryPolicy;
import org.ralf.sinks.jdbc.JdbcBatchHandler;
import org.ralf.sinks.jdbc.StatementBinder;
import org.ralf.sinks.memory.JdbcSettings;

/**
 * The one batching sink of every job: each writer is a {@link BatchWriter} (buffer, bounded
 * retries, then fail) around a {@link BatchHandler}; for tables, a {@link JdbcBatchHandler} with
 * one {@link StatementBinder} per table ({@link #jdbc}).
 *
 * <p>Contract: Flink calls {@link SinkWriter#flush(boolean) flush} in {@code
 * prepareSnapshotPreBarrier}, before the writer's barrier goes downstream, and at the end of input,
 * so a checkpoint only completes once every record before its barrier was written. When a batch
 * still fails after its retries the flush throws, which fails the task (and that checkpoint); Flink
 * restores the last completed checkpoint and replays the records since, so delivery is
 * at-least-once, turned into one effect by idempotent handlers (upserts by deterministic id, git
 * entries skipped when the committed file already has the same content).
 *
 * <p>Trade-off (why not give up a batch and carry on): anomalies, templates, decisions, incidents,
 * experiences and the git audit trail are the record of what RALF saw and did; dropping a batch
 * would, for example, leave commands on {@code ralf.commands} without their explanation. An outage
 * longer than the retry budget therefore stalls the job (its restart strategy brings it back)
 * rather than silently losing rows. Why not flink-connector-jdbc: no release targets Flink 2.2, and
 * its exactly-once mode (XA) is unnecessary with idempotent statements.
 *
 * @param <T> record type
 */
public final class BatchingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    /**
     * How long an attempt waits for a pooled connection before it fails (and is retried): short
     * enough that a database outage uses the retry budget rather than stalling the checkpoint.
     */
    public static final long CONNECT_TIMEOUT_MS = 5_000;

    private final String name;
    private final BatchHandler.Factory<T> factory;
    private final int maxBatch;
    private final RetryPolicy retry;
    @Nullable private final BatchWriter.KeyOf<T> keyOf;

    /**
     * @param name what is written, for messages
     * @param factory opens the handler on the task manager
     * @param maxBatch flush when this many records are pending
     * @param retry retries of a failing batch before the task fails
     * @param keyOf identity of a record within a batch (the newest wins), null to keep all
     */
    public BatchingSink(
            String name,
            BatchHandler.Factory<T> factory,
            int maxBatch,
            RetryPolicy retry,
            @Nullable BatchWriter.KeyOf<T> keyOf) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1: " + maxBatch);
        }
        this.name = name;
        this.factory = factory;
        this.maxBatch = maxBatch;
        this.retry = retry;
        this.keyOf = keyOf;
    }

    /**
     * A sink into one table: one small pool per writer (a writer is one thread and writes one batch
     * at a time, so {@code db.poolSize()} is normally 1).
     *
     * @param table the table, for messages and the pool's name
     */
    public static <T> BatchingSink<T> jdbc(
            String table,
            JdbcSettings db,
            StatementBinder<T> binder,
            int maxBatch,
            RetryPolicy retry) {
        return new BatchingSink<>(
                table,
                JdbcBatchHandler.factory(db, "ralf-sink-" + table, binder),
                maxBatch,
                retry,
                binder.key());
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return writer();
    }

    /** A writer outside Flink (tests call {@code flush(false)} the way a checkpoint does). */
    SinkWriter<T> writer() throws IOException {
        BatchHandler<T> handler;
        try {
            handler = factory.open();
        } catch (Exception e) {
            throw new IOException(name + ": cannot open the sink: " + e.getMessage(), e);
        }
        return new Writer<>(new BatchWriter<>(name, handler, maxBatch, retry, keyOf));
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final BatchWriter<T> batches;

        Writer(BatchWriter<T> batches) {
            this.batches = batches;
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            batches.write(element);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            batches.flush();
        }

        @Override
        public void close() {
            batches.close();
        }
    }
}
