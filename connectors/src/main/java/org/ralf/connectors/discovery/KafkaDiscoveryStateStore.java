package org.ralf.connectors.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.annotation.Nullable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ralf.connectors.ConnectorException;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.serde.Json;

/**
 * Discovery state in a compacted Kafka topic (default {@code ralf.discovery-state}): one record per
 * (poller, host) keyed {@code <poller>/<hostId>} whose value is the last observation as JSON; a
 * host that is gone gets a tombstone, so compaction keeps exactly the current set. {@link #load}
 * reads the topic from the beginning to its end offsets. The topic is created (compacted, one
 * partition) if absent.
 */
public final class KafkaDiscoveryStateStore implements DiscoveryStateStore {

    /** Default topic name. */
    public static final String DEFAULT_TOPIC = "ralf.discovery-state";

    private static final ObjectMapper JSON = Json.mapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrap;
    private final String topic;
    private final Producer<byte[], byte[]> producer;

    /**
     * @param bootstrap Kafka brokers
     * @param topic the compacted state topic
     */
    public KafkaDiscoveryStateStore(String bootstrap, String topic) throws ConnectorException {
        this.bootstrap = bootstrap;
        this.topic = topic;
        ensureTopic();
        this.producer =
                new KafkaProducer<>(
                        RecordPublisher.producerProperties(
                                bootstrap, "discovery-state", 4L * 1024 * 1024, TIMEOUT));
    }

    private void ensureTopic() throws ConnectorException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            NewTopic t =
                    new NewTopic(topic, 1, (short) -1)
                            .configs(
                                    Map.of(
                                            TopicConfig.CLEANUP_POLICY_CONFIG,
                                            TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(t)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ConnectorException(
                        "cannot create discovery state topic " + topic + ": " + e.getCause(),
                        e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted creating " + topic, e);
        } catch (TimeoutException e) {
            throw new ConnectorException("creating " + topic + " took more than " + TIMEOUT, e);
        }
    }

    @Override
    public Map<String, HostObservation> load(String poller) throws ConnectorException {
        String prefix = poller + "/";
        Map<String, HostObservation> state = new LinkedHashMap<>();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "discovery-state-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, TIMEOUT).stream()
                            .map(i -> new TopicPartition(i.topic(), i.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new ConnectorException(
                            "reading discovery state from " + topic + " took more than " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String key = new String(r.key(), StandardCharsets.UTF_8);
                    if (!key.startsWith(prefix)) {
                        continue;
                    }
                    String hostId = key.substring(prefix.length());
                    if (r.value() == null) {
                        state.remove(hostId);
                    } else {
                        state.put(hostId, JSON.readValue(r.value(), HostObservation.class));
                    }
                }
            }
        } catch (IOException e) {
            throw new ConnectorException("unreadable discovery state in " + topic + ": " + e, e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new ConnectorException("cannot read discovery state from " + topic + ": " + e, e);
        }
        return state;
    }

    private static boolean reachedEnd(
            KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void save(
            String poller, Map<String, HostObservation> previous, Map<String, HostObservation> next)
            throws ConnectorException {
        List<Future<?>> sent = new ArrayList<>();
        try {
            for (Map.Entry<String, HostObservation> e : next.entrySet()) {
                if (!e.getValue().equals(previous.get(e.getKey()))) {
                    sent.add(send(poller, e.getKey(), JSON.writeValueAsBytes(e.getValue())));
                }
            }
            for (String id : previous.keySet()) {
                if (!next.containsKey(id)) {
                    sent.add(send(poller, id, null));
                }
            }
            for (Future<?> f : sent) {
                f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new ConnectorException("discovery state not saved to " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted saving discovery state", e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new ConnectorException("discovery state not saved to " + topic + ": " + e, e);
        }
    }

    private Future<?> send(String poller, String hostId, @Nullable byte[] value) {
        return producer.send(
                new ProducerRecord<>(
                        topic, (poller + "/" + hostId).getBytes(StandardCharsets.UTF_8), value));
    }

    @Override
    public void close() {
        producer.close(TIMEOUT);
    }
}
