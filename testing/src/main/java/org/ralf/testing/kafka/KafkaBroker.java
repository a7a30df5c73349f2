package org.ralf.testing.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.serde.Decoded;
import org.ralf.schemas.serde.EventSerde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) running in the test JVM,
 * started on first use and stopped when the JVM exits. Ports are chosen by the broker, so parallel
 * test JVMs never collide.
 *
 * <p>Every helper here waits for a bounded time and fails with a message instead of hanging.
 */
public final class KafkaBroker {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static KafkaBroker instance;

    private final KafkaClusterTestKit cluster;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** The broker of this JVM, started on first call. */
    public static synchronized KafkaBroker get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(KafkaBroker::stop, "kafka-test-broker-stop"));
        }
        return instance;
    }

    private static KafkaBroker start() {
        long started = System.nanoTime();
        try {
            KafkaClusterTestKit cluster =
                    new KafkaClusterTestKit.Builder(
                                    new TestKitNodes.Builder()
                                            .setCombined(true)
                                            .setNumBrokerNodes(1)
                                            .setNumControllerNodes(1)
                                            .build())
                            .setConfigProp("offsets.topic.replication.factor", "1")
                            .setConfigProp("transaction.state.log.replication.factor", "1")
                            .setConfigProp("transaction.state.log.min.isr", "1")
                            .setConfigProp("group.initial.rebalance.delay.ms", "0")
                            .setConfigProp("auto.create.topics.enable", "false")
                            .setConfigProp("transaction.max.timeout.ms", "900000")
                            .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            LOG.info(
                    "test Kafka broker ready at {} in {} ms",
                    cluster.bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new KafkaBroker(cluster);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("could not start the test Kafka broker", e);
        }
    }

    /** {@code host:port} list for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates the topics (ignoring ones that exist) and waits until they are known. */
    public void createTopics(int partitions, String... topics) {
        try (Admin admin = admin()) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (String t : topics) {
                newTopics.add(new NewTopic(t, partitions, (short) 1));
            }
            try {
                admin.createTopics(newTopics).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topics", e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topics took more than 30 s", e);
        }
    }

    /** A unique topic name with the given prefix, so that test classes never share topics. */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Admin client on this broker; the caller closes it. */
    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(p);
    }

    /** Properties of an idempotent byte-array producer. */
    public Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** Properties of a read_committed byte-array consumer reading from the earliest offset. */
    public Properties consumerProperties(String groupId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return p;
    }

    /** Sends the records (key, value) synchronously. */
    public void produce(String topic, Collection<Map.Entry<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            for (Map.Entry<byte[], byte[]> r : records) {
                producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue()));
            }
            producer.flush();
        }
    }

    /**
     * Reads committed records of the topic from the beginning until {@code expected} have arrived
     * or {@code timeout} passed; returns what arrived (possibly more or fewer than expected, so the
     * caller's assertion shows the difference).
     */
    public List<ConsumerRecord<byte[], byte[]>> consume(
            String topic, int expected, Duration timeout) {
        return read(topic, timeout, r -> r, out -> out.size() >= expected, true);
    }

    /**
     * Reads committed records of the topic from the beginning and decodes them until {@code
     * expected} values have arrived, then polls once more so that extra (duplicate) records show. A
     * record the deserializer maps to null is skipped (not counted): that is how a test keeps only
     * its own records of a shared topic.
     *
     * @throws AssertionError if a record does not decode, or fewer than {@code expected} values
     *     arrived within {@code timeout} (the message lists those that did)
     */
    public <T> List<T> consume(
            String topic, int expected, Duration timeout, Deserializer<T> deserializer) {
        List<T> got =
                read(topic, timeout, decoder(deserializer), out -> out.size() >= expected, true);
        if (got.size() < expected) {
            throw new AssertionError(
                    topic
                            + ": "
                            + got.size()
                            + " of "
                            + expected
                            + " expected records arrived within "
                            + timeout
                            + ": "
                            + got);
        }
        return got;
    }

    /**
     * Same as {@link #consume(String, int, Duration, Deserializer)} for the project's events:
     * decodes with {@code serde}, and a record that does not decode fails with its dead letter's
     * reason.
     */
    public <T extends Versioned> List<T> consume(
            String topic, int expected, Duration timeout, EventSerde<T> serde) {
        return consume(topic, expected, timeout, events(serde));
    }

    /**
     * Reads committed records of the topic from the beginning and decodes them until {@code done}
     * holds for the values so far or {@code timeout} passed; returns what arrived, so that the
     * caller's assertion shows the difference. Null values are skipped as in {@link
     * #consume(String, int, Duration, Deserializer)}.
     *
     * @throws AssertionError if a record does not decode
     */
    public <T> List<T> consumeUntil(
            String topic, Duration timeout, Deserializer<T> deserializer, Predicate<List<T>> done) {
        return read(topic, timeout, decoder(deserializer), done, false);
    }

    /** Decodes the project's events, failing with the dead letter's reason. */
    private static <T extends Versioned> Deserializer<T> events(EventSerde<T> serde) {
        return (topic, data) -> {
            Decoded<T> d = serde.deserialize(topic, null, null, data);
            if (d.valueOrNull() == null) {
                throw new IllegalArgumentException(
                        "not a "
                                + serde.type().type().getSimpleName()
                                + ": "
                                + d.deadLetterOrNull().reason());
            }
            return d.valueOrNull();
        };
    }

    private static <T> Function<ConsumerRecord<byte[], byte[]>, T> decoder(
            Deserializer<T> deserializer) {
        return r -> {
            try {
                return deserializer.deserialize(r.topic(), r.headers(), r.value());
            } catch (RuntimeException e) {
                throw new AssertionError(
                        r.topic()
                                + "-"
                                + r.partition()
                                + " offset "
                                + r.offset()
                                + ": record does not decode: "
                                + e.getMessage(),
                        e);
            }
        };
    }

    /** The one poll loop of the consume helpers: bounded by {@code timeout}, never hanging. */
    private <T> List<T> read(
            String topic,
            Duration timeout,
            Function<ConsumerRecord<byte[], byte[]>, T> decode,
            Predicate<List<T>> done,
            boolean oneMorePoll) {
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerProperties("test-" + UUID.randomUUID()))) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(out) && System.nanoTime() < deadline) {
                addDecoded(consumer.poll(Duration.ofMillis(200)), decode, out);
            }
            if (oneMorePoll) {
                // one more short poll so that extra (duplicate) records become visible
                addDecoded(consumer.poll(Duration.ofMillis(300)), decode, out);
            }
        }
        return out;
    }

    private static <T> void addDecoded(
            ConsumerRecords<byte[], byte[]> records,
            Function<ConsumerRecord<byte[], byte[]>, T> decode,
            List<T> out) {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            T value = decode.apply(r);
            if (value != null) {
                out.add(value);
            }
        }
    }

    /** Same as {@link #consume(String, int, Duration)} with a 60 s bound. */
    public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int expected) {
        return consume(topic, expected, DEFAULT_TIMEOUT);
    }

    /**
     * Stops the broker of this JVM if it runs. The JUnit extension calls this when the test engine
     * finishes, so the broker is gone before the test JVM exits; the shutdown hook is only the
     * fallback for direct users of {@link #get()}.
     */
    static synchronized void stop() {
        if (instance != null) {
            instance.closeQuietly();
            instance = null;
        }
    }

    private void closeQuietly() {
        try {
            cluster.close();
        } catch (Exception e) {
            LOG.warn("closing the test Kafka broker failed: {}", e.toString());
        }
    }
}
