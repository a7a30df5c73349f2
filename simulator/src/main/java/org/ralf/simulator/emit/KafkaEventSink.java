package org.ralf.simulator.emit;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.schemas.topic.Topics;
import org.ralf.simulator.engine.EventSink;
import org.ralf.simulator.engine.SimEvent;

/**
 * Direct-to-Kafka mode: metrics, logs and discovery events go straight to {@code ralf.metrics},
 * {@code ralf.logs} and {@code ralf.discovery} with the registry's keys, through an idempotent
 * {@code acks=all} producer. The first send failure is kept and rethrown by {@link #close()} (and
 * the next {@link #accept}), so a run never loses data silently.
 */
public final class KafkaEventSink implements EventSink, AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final EventSerde<MetricSample> metrics = EventSerde.of(MetricSample.class);
    private final EventSerde<LogRecord> logs = EventSerde.of(LogRecord.class);
    private final EventSerde<DiscoveryEvent> discovery = EventSerde.of(DiscoveryEvent.class);
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** A sink producing to the cluster at {@code bootstrapServers}. */
    public KafkaEventSink(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "ralf-simulator");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(p);
    }

    @Override
    public void accept(SimEvent event) {
        Exception f = failure.get();
        if (f != null) {
            throw new IllegalStateException("a Kafka send failed: " + f, f);
        }
        if (event instanceof SimEvent.Metric m) {
            send(Topics.METRICS.name(), m.sample().seriesId(), metrics.serialize(m.sample()));
        } else if (event instanceof SimEvent.Log l) {
            send(Topics.LOGS.name(), l.record().host(), logs.serialize(l.record()));
        } else if (event instanceof SimEvent.Discovery d) {
            send(Topics.DISCOVERY.name(), d.event().hostId(), discovery.serialize(d.event()));
        }
        // inventory, faults and actions go to PostgreSQL and the labels file
    }

    private void send(String topic, String key, byte[] value) {
        producer.send(
                new ProducerRecord<>(
                        topic, key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value),
                (md, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    /** Sends what is buffered and waits for the acknowledgements. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
        Exception f = failure.get();
        if (f != null) {
            throw new IllegalStateException("a Kafka send failed: " + f, f);
        }
    }
}
