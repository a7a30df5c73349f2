package org.ralf.executor.engine;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ralf.executor.ExecutorException;
import org.ralf.executor.command.CommandCodec;
import org.ralf.schemas.command.CommandResult;

/**
 * Publishes results to {@code ralf.command-results} (key: target) and waits for the
 * acknowledgement.
 */
public final class KafkaResultSink implements ResultSink {

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    /** Creates a sink on an idempotent producer with acks=all. */
    public KafkaResultSink(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    @Override
    public void publish(CommandResult r) throws ExecutorException {
        try {
            producer.send(
                            new ProducerRecord<>(
                                    topic,
                                    r.target().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                    CommandCodec.bytes(r)))
                    .get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutorException(
                    "interrupted while publishing the result of " + r.commandId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ExecutorException(
                    "could not publish the result of " + r.commandId() + ": " + e.getMessage(), e);
        }
    }
}
