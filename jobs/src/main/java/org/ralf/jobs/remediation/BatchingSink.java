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
 * A sink that buffers records and hands them to a {@link BatchHandler} when the buffer is full and
 * at every checkpoint (so a completed checkpoint implies the records are written: at-least-once,
 * and exactly-once in effect because handlers upsert by deterministic ids). A failing batch is
 * retried with a doubling back-off; then, if {@code failJob}, the job fails and restores, else the
 * batch is given up with an ERROR log naming its size (for outputs that must not hold back the
 * commands: a PostgreSQL or git outage must not stop remediation, whose commands commit at the same
 * checkpoint).
 *
 * @param <T> record type
 */
public final class BatchingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BatchingSink.class);

    private final BatchHandler.Factory<T> factory;
    private final int maxBatch;
    private final int retries;
    private final boolean failJob;

    /**
     * @param factory opens the handler
     * @param maxBatch flush when this many records are buffered
     * @param retries retries of a failing batch
     * @param failJob whether a batch that still fails after the retries fails the job
     */
    public BatchingSink(
            BatchHandler.Factory<T> factory, int maxBatch, int retries, boolean failJob) {
        this.factory = factory;
        this.maxBatch = maxBatch;
        this.retries = retries;
        this.failJob = failJob;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        try {
            return new Writer<>(factory.open(), maxBatch, retries, failJob);
        } catch (Exception e) {
            throw new IOException("cannot open sink: " + e.getMessage(), e);
        }
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final BatchHandler<T> handler;
        private final int maxBatch;
        private final int retries;
        private final boolean failJob;
        private final List<T> buffer = new ArrayList<>();

        Writer(BatchHandler<T> handler, int maxBatch, int retries, boolean failJob) {
            this.handler = handler;
            this.maxBatch = maxBatch;
            this.retries = retries;
            this.failJob = failJob;
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
            long backoff = 200;
            for (int attempt = 0; ; attempt++) {
                try {
                    handler.handle(batch);
                    buffer.clear();
                    return;
                } catch (Exception e) {
                    if (attempt >= retries) {
                        if (failJob) {
                            throw new IOException(
                                    "batch of " + batch.size() + " failed: " + e.getMessage(), e);
                        }
                        LOG.error(
                                "giving up a batch of {} records after {} attempts: {}",
                                batch.size(),
                                attempt + 1,
                                e.toString());
                        buffer.clear();
                        return;
                    }
                    LOG.warn(
                            "batch of {} failed (attempt {}), retrying: {}",
                            batch.size(),
                            attempt + 1,
                            e.toString());
                    Thread.sleep(backoff); // bounded by retries; back-off for a restarting database
                    backoff = Math.min(backoff * 2, 5_000);
                }
            }
        }

        @Override
        public void close() {
            handler.close();
        }
    }
}
