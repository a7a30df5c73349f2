package org.ralf.sinks.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one batching and failure policy, without Flink or a database. */
class BatchWriterTest {

    private static final RetryPolicy NO_WAIT_3 = new RetryPolicy(3, Duration.ZERO, Duration.ZERO);

    /** A record with a key and a version, for the newest-wins rule. */
    private record Row(String id, int version) {}

    /** Fails its first {@code failures} calls, then records every batch. */
    private static final class FlakyHandler<T> implements BatchHandler<T> {
        private int failures;
        final List<List<T>> written = new ArrayList<>();
        int calls;
        boolean closed;

        FlakyHandler(int failures) {
            this.failures = failures;
        }

        @Override
        public void handle(List<T> batch) throws IOException {
            calls++;
            if (failures > 0) {
                failures--;
                throw new IOException("database restarting");
            }
            written.add(List.copyOf(batch));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void shouldWriteAFullBatchAtOnceAndTheRestOnFlush() throws Exception {
        // Arrange
        FlakyHandler<Integer> handler = new FlakyHandler<>(0);
        BatchWriter<Integer> w = new BatchWriter<>("numbers", handler, 3, NO_WAIT_3, null);

        // Act
        for (int i = 0; i < 4; i++) {
            w.write(i);
        }
        int pendingBeforeFlush = w.pending();
        w.flush();
        w.flush();

        // Assert: no empty batch for the second flush
        assertThat(pendingBeforeFlush).isEqualTo(1);
        assertThat(handler.written).containsExactly(List.of(0, 1, 2), List.of(3));
        assertThat(handler.calls).isEqualTo(2);
    }

    @Test
    void shouldRetryAFailedBatchWithinTheBudgetAndWriteItOnce() throws Exception {
        // Arrange: three failures, three retries
        FlakyHandler<Integer> handler = new FlakyHandler<>(3);
        BatchWriter<Integer> w = new BatchWriter<>("numbers", handler, 10, NO_WAIT_3, null);
        w.write(1);
        w.write(2);

        // Act
        w.flush();

        // Assert
        assertThat(handler.written).containsExactly(List.of(1, 2));
        assertThat(handler.calls).isEqualTo(4);
        assertThat(w.pending()).isZero();
    }

    @Test
    void shouldThrowAfterTheRetriesAndKeepTheRecordsForTheNextAttempt() throws Exception {
        // Arrange: four failures, three retries
        FlakyHandler<Integer> handler = new FlakyHandler<>(4);
        BatchWriter<Integer> w = new BatchWriter<>("ralf.things", handler, 10, NO_WAIT_3, null);
        w.write(7);

        // Act + Assert: the flush fails the task instead of dropping the record
        assertThatThrownBy(w::flush)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ralf.things: batch of 1 records failed after 4 attempts");
        assertThat(handler.written).isEmpty();
        assertThat(w.pending()).isEqualTo(1);

        // and the record is still there for the next flush
        w.flush();
        assertThat(handler.written).containsExactly(List.of(7));
    }

    @Test
    void shouldKeepTheNewestRecordOfAKeyAtItsFirstPlace() throws Exception {
        // Arrange
        FlakyHandler<Row> handler = new FlakyHandler<>(0);
        BatchWriter<Row> w = new BatchWriter<>("rows", handler, 2, NO_WAIT_3, Row::id);

        // Act: a second version of "a" does not fill the batch of two
        w.write(new Row("a", 1));
        w.write(new Row("a", 2));
        int pendingAfterTwoVersions = w.pending();
        w.write(new Row("b", 1));

        // Assert
        assertThat(pendingAfterTwoVersions).isEqualTo(1);
        assertThat(handler.written).containsExactly(List.of(new Row("a", 2), new Row("b", 1)));
    }

    @Test
    void shouldKeepEveryRecordWithoutAKey() throws Exception {
        // Arrange
        FlakyHandler<Row> handler = new FlakyHandler<>(0);
        BatchWriter<Row> w = new BatchWriter<>("rows", handler, 10, NO_WAIT_3, null);

        // Act
        w.write(new Row("a", 1));
        w.write(new Row("a", 1));
        w.flush();

        // Assert
        assertThat(handler.written).containsExactly(List.of(new Row("a", 1), new Row("a", 1)));
    }

    @Test
    void shouldCloseTheHandlerAndDropWhatIsPending() throws Exception {
        // Arrange
        FlakyHandler<Integer> handler = new FlakyHandler<>(0);
        BatchWriter<Integer> w = new BatchWriter<>("numbers", handler, 10, NO_WAIT_3, null);
        w.write(1);

        // Act
        w.close();

        // Assert: nothing written (it is replayed from the checkpoint), the handler closed
        assertThat(handler.closed).isTrue();
        assertThat(handler.written).isEmpty();
        assertThat(w.pending()).isZero();
    }

    @Test
    void shouldRejectAnEmptyBatchSize() {
        assertThatThrownBy(
                        () ->
                                new BatchWriter<>(
                                        "numbers", new FlakyHandler<>(0), 0, NO_WAIT_3, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
