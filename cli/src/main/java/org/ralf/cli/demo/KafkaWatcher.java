package org.ralf.cli.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.Approval;
import org.ralf.schemas.command.CommandResult;
import org.ralf.schemas.serde.Decoded;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the pipeline committed (read_committed, so exactly what downstream consumers see) to
 * {@code ralf.anomalies}, {@code ralf.commands} and {@code ralf.command-results} from the position
 * the topics had when the watcher was created, and feeds the {@link DemoTimeline}. With an approver
 * set, it acts as that operator and approves every command that asks for approval (by publishing an
 * {@link Approval} to {@code ralf.approvals}, as a chat bridge would).
 */
public final class KafkaWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaWatcher.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    @Nullable private final KafkaProducer<byte[], byte[]> approvals;
    @Nullable private final String approver;
    private final DemoTimeline timeline;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final EventSerde<Anomaly> anomalySerde = EventSerde.of(Anomaly.class);
    private final EventSerde<ActionCommand> commandSerde = EventSerde.of(ActionCommand.class);
    private final EventSerde<CommandResult> resultSerde = EventSerde.of(CommandResult.class);
    private final EventSerde<Approval> approvalSerde = EventSerde.of(Approval.class);
    private volatile boolean running = true;
    private volatile int undecodable;

    /**
     * Subscribes at the current end of the topics (nothing older is shown).
     *
     * @param approver approver id to approve commands as, or null to leave approvals to a human
     */
    public KafkaWatcher(String bootstrap, DemoTimeline timeline, @Nullable String approver) {
        this.timeline = timeline;
        this.approver = approver;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "ralf-demo-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(p);
        List<TopicPartition> parts = new ArrayList<>();
        for (String topic :
                List.of(
                        Topics.ANOMALIES.name(),
                        Topics.COMMANDS.name(),
                        Topics.COMMAND_RESULTS.name())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
        }
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        // resolve the end offsets now: records produced from here on are shown
        parts.forEach(tp -> consumer.position(tp, Duration.ofSeconds(30)));
        if (approver != null) {
            Properties pp = new Properties();
            pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            pp.put(ProducerConfig.ACKS_CONFIG, "all");
            pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            pp.put(
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    ByteArraySerializer.class.getName());
            this.approvals = new KafkaProducer<>(pp);
        } else {
            this.approvals = null;
        }
        this.thread = new Thread(this::loop, "ralf-demo-watcher");
        thread.setDaemon(true);
    }

    /** Starts polling on its own thread. */
    public void start() {
        thread.start();
    }

    /** Records that could not be decoded (each is logged). */
    public int undecodable() {
        return undecodable;
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    dispatch(r);
                }
                timeline.tick(Instant.now());
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.error("demo watcher stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> r) {
        String topic = r.topic();
        if (topic.equals(Topics.ANOMALIES.name())) {
            Anomaly a = decode(anomalySerde, r);
            if (a != null) {
                timeline.anomaly(a);
            }
        } else if (topic.equals(Topics.COMMANDS.name())) {
            ActionCommand c = decode(commandSerde, r);
            if (c != null) {
                timeline.command(c);
                if (c.requiresApproval() && approvals != null && approver != null) {
                    approve(c);
                }
            }
        } else {
            CommandResult res = decode(resultSerde, r);
            if (res != null) {
                timeline.result(res);
            }
        }
    }

    private void approve(ActionCommand c) {
        Approval a =
                new Approval(
                        Approval.SCHEMA_VERSION,
                        c.idempotencyKey(),
                        approver,
                        true,
                        Instant.now(),
                        "approved by `ralf demo --approve`");
        approvals.send(
                new ProducerRecord<>(
                        Topics.APPROVALS.name(),
                        c.idempotencyKey().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        approvalSerde.serialize(a)));
        timeline.info("APPROVED  " + c.action() + " on " + c.target() + " as " + approver);
    }

    private <T extends org.ralf.schemas.Versioned> @Nullable T decode(
            EventSerde<T> serde, ConsumerRecord<byte[], byte[]> r) {
        Decoded<T> d = serde.deserialize(r.topic(), r.partition(), r.offset(), r.value());
        if (!d.isOk()) {
            undecodable++;
            LOG.warn("undecodable record on {}: {}", r.topic(), d.deadLetterOrNull());
            return null;
        }
        return d.valueOrNull();
    }

    /** Stops polling (bounded wait) and closes the clients. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            if (thread.isAlive() && !stopped.await(10, TimeUnit.SECONDS)) {
                LOG.warn("demo watcher did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive() && stopped.getCount() > 0) {
            consumer.close(Duration.ofSeconds(5));
        }
        if (approvals != null) {
            approvals.close(Duration.ofSeconds(5));
        }
    }
}
