package org.ralf.jobs.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.Test;

class BatchingSinkTest {

    /** A handler that fails its first {@code failures} calls, then records every batch. */
    private static final class FlakyHandler implements BatchHandler<Integer> {
        private int failures;
        final List<List<Integer>> written = new ArrayList<>();
        int calls;

        FlakyHandler(int failures) {
            this.failures = failures;
        }

        @Override
        public void handle(List<Integer> batch) throws IOException {
            calls++;
            if (failures > 0) {
                failures--;
                throw new IOException("database restarting");
            }
            written.add(List.copyOf(batch));
        }

        @Override
        public void close() {}
    }

    private static SinkWriter<Integer> writer(FlakyHandler handler, int maxBatch, int retries)
            throws IOException {
        return new BatchingSink<Integer>(() -> handler, maxBatch, retries, 0).writer();
    }

    private static void write(SinkWriter<Integer> w, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            w.write(i, null);
        }
    }

    @Test
    void shouldWriteEveryRecordOnceWhenTheHandlerRecoversWithinTheRetries() throws Exception {
        // Arrange
        FlakyHandler handler = new FlakyHandler(3);
        SinkWriter<Integer> w = writer(handler, 4, 3);

        // Act: two full batches, then a partial one flushed by a checkpoint
        write(w, 0, 10);
        w.flush(false);

        // Assert
        assertThat(handler.written)
                .containsExactly(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9));
        assertThat(handler.calls).isEqualTo(6);
    }

    @Test
    void shouldFailTheCheckpointFlushAndKeepTheRecordsWhenTheRetriesAreExhausted()
            throws Exception {
        // Arrange
        FlakyHandler handler = new FlakyHandler(3);
        SinkWriter<Integer> w = writer(handler, 100, 2);
        write(w, 0, 5);

        // Act + Assert: the checkpoint's flush throws (failing the task) instead of dropping
        assertThatThrownBy(() -> w.flush(false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("batch of 5 records failed after 3 attempts");
        assertThat(handler.written).isEmpty();

        // and nothing was given up: the next flush hands over the same records
        w.flush(false);
        assertThat(handler.written).containsExactly(List.of(0, 1, 2, 3, 4));
    }

    @Test
    void shouldFlushBufferedRecordsAtTheCheckpointBeforeTheBatchIsFull() throws Exception {
        // Arrange
        FlakyHandler handler = new FlakyHandler(0);
        SinkWriter<Integer> w = writer(handler, 100, 0);
        write(w, 0, 3);

        // Act
        w.flush(false);
        w.flush(true); // nothing new: no empty batch

        // Assert
        assertThat(handler.written).containsExactly(List.of(0, 1, 2));
        assertThat(handler.calls).isEqualTo(1);
    }

    @Test
    void shouldRejectANegativeRetryCount() {
        assertThatThrownBy(() -> new BatchingSink<Integer>(() -> new FlakyHandler(0), 10, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
