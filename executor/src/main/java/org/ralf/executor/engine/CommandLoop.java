package org.ralf.executor.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.ralf.executor.ExecutorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's single-threaded Kafka loop over the commands and approvals topics. Each record is
 * processed to the end and only then its offset is committed (synchronously), so a crash at any
 * point leads to a redelivery that the ledger deduplicates. When processing fails (database or
 * broker unavailable) the loop seeks back to the failed record and retries after a pause, instead
 * of skipping it. {@link #close()} wakes the consumer up for a clean shutdown.
 */
public final class CommandLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    private final Consumer<byte[], byte[]> consumer;
    private final CommandProcessor processor;
    private final String commandsTopic;
    private final String approvalsTopic;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile boolean closed;

    /** Creates a loop; the consumer must have auto-commit disabled and read_committed isolation. */
    public CommandLoop(
            Consumer<byte[], byte[]> consumer,
            CommandProcessor processor,
            String commandsTopic,
            String approvalsTopic) {
        this.consumer = consumer;
        this.processor = processor;
        this.commandsTopic = commandsTopic;
        this.approvalsTopic = approvalsTopic;
    }

    /** Subscribes and processes records until {@link #close()}; closes the consumer at the end. */
    public void run() throws InterruptedException {
        try {
            consumer.subscribe(List.of(commandsTopic, approvalsTopic));
            while (!closed) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                List<TopicPartition> partitions = List.copyOf(records.partitions());
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                outer:
                for (int i = 0; i < partitions.size() && !closed; i++) {
                    for (ConsumerRecord<byte[], byte[]> rec : records.records(partitions.get(i))) {
                        if (closed) {
                            break outer;
                        }
                        if (!handle(rec, done)) {
                            // Rewind this partition to the failed record and the partitions not yet
                            // started to their first record, so nothing of the batch is skipped.
                            consumer.seek(partitions.get(i), rec.offset());
                            for (int j = i + 1; j < partitions.size(); j++) {
                                consumer.seek(
                                        partitions.get(j),
                                        records.records(partitions.get(j)).get(0).offset());
                            }
                            commit(done);
                            stop.await(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
                            break outer;
                        }
                    }
                }
                if (!closed) {
                    try {
                        processor.expireApprovals();
                    } catch (ExecutorException e) {
                        LOG.error("approval expiry check failed: {}", e.getMessage());
                    }
                }
                commit(done);
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
        }
    }

    /**
     * Commits the offsets of processed records once their results are acknowledged. The ledger of
     * each of them is already final (or durably waiting for an approval) at this point.
     */
    private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
        try {
            processor.flush();
            if (!done.isEmpty()) {
                consumer.commitSync(done);
            }
        } catch (ExecutorException e) {
            // Not committing means redelivery; the ledger turns it into a re-publish, not a re-run.
            LOG.error("results not acknowledged, offsets not committed: {}", e.getMessage());
            done.forEach((tp, o) -> consumer.seek(tp, committedOrZero(tp)));
        }
        done.clear();
    }

    private long committedOrZero(TopicPartition tp) {
        OffsetAndMetadata c = consumer.committed(java.util.Set.of(tp)).get(tp);
        return c == null ? 0 : c.offset();
    }

    /** Processes one record; false when it failed and the loop must re-poll. */
    private boolean handle(
            ConsumerRecord<byte[], byte[]> rec, Map<TopicPartition, OffsetAndMetadata> done)
            throws InterruptedException {
        TopicPartition tp = new TopicPartition(rec.topic(), rec.partition());
        try {
            if (rec.value() == null) {
                LOG.warn("ignoring empty record at {}@{}", tp, rec.offset());
            } else if (rec.topic().equals(approvalsTopic)) {
                processor.onApproval(rec.value());
            } else {
                processor.onCommand(rec.value());
            }
            done.put(tp, new OffsetAndMetadata(rec.offset() + 1));
            return true;
        } catch (ExecutorException e) {
            LOG.error(
                    "processing {}@{} failed, retrying after {}: {}",
                    tp,
                    rec.offset(),
                    RETRY_PAUSE,
                    e.getMessage());
            return false;
        }
    }

    /** Asks the loop to stop after the record in progress; safe from any thread. */
    @Override
    public void close() {
        closed = true;
        stop.countDown();
        consumer.wakeup();
    }
}
