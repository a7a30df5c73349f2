package org.ralf.executor.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.ralf.executor.ExecutorException;
import org.ralf.executor.command.CommandCodec;
import org.ralf.schemas.command.CommandResult;

/**
 * Publishes results to {@code ralf.command-results} (key: target) on an idempotent acks=all
 * producer. Sends are asynchronous; {@link #flush()} waits for all of them, which the loop calls
 * before committing consumer offsets.
 */
public final class KafkaResultSink implements ResultSink {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final List<Future<RecordMetadata>> inFlight = new ArrayList<>();

    /** Creates a sink on an idempotent producer with acks=all. */
    public KafkaResultSink(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    @Override
    public void publish(CommandResult r) {
        inFlight.add(
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                r.target().getBytes(StandardCharsets.UTF_8),
                                CommandCodec.bytes(r))));
    }

    @Override
    public void flush() throws ExecutorException {
        if (inFlight.isEmpty()) {
            return;
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> f : inFlight) {
                f.get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutorException("interrupted while publishing results", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ExecutorException("could not publish results: " + e.getMessage(), e);
        } finally {
            inFlight.clear();
        }
    }
}
