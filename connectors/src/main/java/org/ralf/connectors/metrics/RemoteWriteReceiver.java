package org.ralf.connectors.metrics;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.annotation.Nullable;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ralf.connectors.ConnectorException;
import org.ralf.connectors.ConnectorHealth;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.HealthState;
import org.ralf.connectors.http.BadBody;
import org.ralf.connectors.http.HttpReceiver;
import org.ralf.connectors.http.PushReceiver;
import org.ralf.connectors.kafka.IngestTopics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.connectors.metrics.prompb.RemoteWrite.Label;
import org.ralf.connectors.metrics.prompb.RemoteWrite.Sample;
import org.ralf.connectors.metrics.prompb.RemoteWrite.TimeSeries;
import org.ralf.connectors.metrics.prompb.RemoteWrite.WriteRequest;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.EventSerde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus remote_write receiver (Remote-Write 1.0): {@code POST /api/v1/write} with a
 * snappy-block-compressed protobuf {@code prometheus.WriteRequest}. Every sample becomes a {@link
 * MetricSample} keyed by its series id.
 *
 * <p>Answers follow the specification so that Prometheus neither loses nor endlessly retries data:
 * 204 only after Kafka acknowledged every record of the request (samples and dead letters); 400 for
 * a body that cannot be decoded (dead-lettered first; Prometheus does not retry a 4xx); 413 for a
 * body over the size limit; 503 while Kafka cannot take the batch, which Prometheus retries with
 * backoff. A series without {@code __name__} or a non-finite sample is dead-lettered and the rest
 * of the request is still stored. Staleness markers (a special NaN) are not samples and are
 * skipped, as the metric record has no way to express them.
 */
public final class RemoteWriteReceiver extends PushReceiver {

    /** The route of the Remote-Write specification. */
    public static final String PATH = "/api/v1/write";

    private static final Logger LOG = LoggerFactory.getLogger(RemoteWriteReceiver.class);
    private static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    private final RemoteWriteSettings settings;
    private final ConnectorMetrics metrics;
    private final IngestTopics topics;
    private final Clock clock;
    private final HealthState health;
    private final EventSerde<MetricSample> serde = EventSerde.of(MetricSample.class);
    private final MetricSampleJson json;

    /**
     * @param settings listener and limits
     * @param publisher Kafka publisher (owned by this connector: closed with it)
     * @param metrics the counters {@code publisher} also updates
     * @param topics where samples and dead letters go
     * @param clock receive time, for lag
     */
    public RemoteWriteReceiver(
            RemoteWriteSettings settings,
            RecordPublisher publisher,
            ConnectorMetrics metrics,
            IngestTopics topics,
            Clock clock) {
        super(settings, PATH, publisher, metrics, clock);
        this.settings = settings;
        this.metrics = metrics;
        this.topics = topics;
        this.clock = clock;
        this.health = healthState();
        this.json = new MetricSampleJson(settings.name());
    }

    @Override
    public void start() throws ConnectorException {
        super.start();
        LOG.info("remote_write receiver {} listening on {}{}", name(), address(), PATH);
    }

    @Override
    protected void handle(HttpExchange exchange, @Nullable byte[] body) throws IOException {
        if (body == null) {
            Outcome o =
                    deadLetterOnly(
                            new byte[0],
                            DeadLetterCause.TOO_LARGE,
                            "remote_write body larger than " + settings.maxBodyBytes() + " bytes");
            HttpReceiver.send(exchange, o == Outcome.STORED ? 413 : 503, o.text("body too large"));
            return;
        }
        WriteRequest request;
        try {
            request = WriteRequest.parseFrom(unsnappy(body));
        } catch (BadBody | InvalidProtocolBufferException e) {
            String reason = "undecodable remote_write body: " + e.getMessage();
            Outcome o = deadLetterOnly(body, DeadLetterCause.UNPARSEABLE_INPUT, reason);
            HttpReceiver.send(exchange, o == Outcome.STORED ? 400 : 503, o.text(reason));
            return;
        }
        HttpReceiver.send(exchange, store(request), "");
    }

    /** Converts and stores a decoded request; returns the HTTP status to answer. */
    private int store(WriteRequest request) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<DeadSeries> dead = new ArrayList<>();
        long newest = Long.MIN_VALUE;
        for (TimeSeries ts : request.getTimeseriesList()) {
            Map<String, String> labels = new HashMap<>(ts.getLabelsCount() * 2);
            String name = null;
            String invalid = null;
            for (Label l : ts.getLabelsList()) {
                if (l.getName().isEmpty()) {
                    invalid = "empty label name";
                } else if (l.getName().equals("__name__")) {
                    name = l.getValue();
                } else if (labels.put(l.getName(), l.getValue()) != null) {
                    invalid = "duplicate label " + l.getName();
                }
            }
            if (invalid == null && (name == null || name.isBlank())) {
                invalid = "series without __name__";
            }
            if (invalid != null) {
                dead.add(new DeadSeries(ts.toByteArray(), invalid));
                continue;
            }
            // validate and encode the series once; each sample then only adds value and time
            MetricSample series;
            try {
                series = MetricSample.of(name, labels, 0.0, Instant.EPOCH, settings.name());
            } catch (IllegalArgumentException e) {
                dead.add(new DeadSeries(ts.toByteArray(), e.getMessage()));
                continue;
            }
            String seriesId = series.seriesId();
            byte[] key = seriesId.getBytes(StandardCharsets.UTF_8);
            byte[] prefix =
                    MetricSampleJson.writable(seriesId) ? MetricSampleJson.prefix(series) : null;
            for (Sample s : ts.getSamplesList()) {
                double v = s.getValue();
                if (Double.doubleToRawLongBits(v) == STALE_NAN_BITS) {
                    continue;
                }
                if (!Double.isFinite(v)) {
                    dead.add(
                            new DeadSeries(
                                    TimeSeries.newBuilder()
                                            .addAllLabels(ts.getLabelsList())
                                            .addSamples(s)
                                            .build()
                                            .toByteArray(),
                                    "non-finite sample value " + v + " of " + seriesId));
                    continue;
                }
                byte[] value =
                        prefix != null
                                ? json.sample(prefix, v, s.getTimestamp())
                                : serde.serialize(
                                        new MetricSample(
                                                MetricSample.SCHEMA_VERSION,
                                                seriesId,
                                                name,
                                                series.labels(),
                                                v,
                                                Instant.ofEpochMilli(s.getTimestamp()),
                                                settings.name()));
                newest = Math.max(newest, s.getTimestamp());
                records.add(new ProducerRecord<>(topics.metrics(), key, value));
            }
        }
        metrics.recordsIn(records.size());
        if (!publish(records, dead)) {
            return 503;
        }
        if (newest != Long.MIN_VALUE) {
            metrics.lagMillis(Math.max(0, clock.millis() - newest));
        }
        health.recovered(listening());
        return 204;
    }

    /** Publishes the records and dead letters; whether Kafka took all of them in time. */
    private boolean publish(List<ProducerRecord<byte[], byte[]>> records, List<DeadSeries> dead) {
        try {
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            pending.add(publisher().publishAll(records));
            for (DeadSeries d : dead) {
                pending.add(
                        publisher()
                                .deadLetter(
                                        settings.name(),
                                        d.bytes,
                                        DeadLetterCause.INVALID_VALUE,
                                        d.reason,
                                        "MetricSample"));
            }
            awaitAcks(pending);
        } catch (ConnectorException | ExecutionException | TimeoutException e) {
            String why = e instanceof ExecutionException ? e.getCause().toString() : e.toString();
            health.set(ConnectorHealth.State.DEGRADED, "Kafka did not take a batch: " + why);
            LOG.warn("{}: answering 503, Kafka did not take the batch: {}", name(), why);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /** Dead-letters a whole request; whether the dead letter is safely stored. */
    private Outcome deadLetterOnly(byte[] raw, DeadLetterCause cause, String reason) {
        try {
            awaitAcks(
                    List.of(
                            publisher()
                                    .deadLetter(
                                            settings.name(), raw, cause, reason, "MetricSample")));
            return Outcome.STORED;
        } catch (ConnectorException | ExecutionException | TimeoutException e) {
            health.set(ConnectorHealth.State.DEGRADED, "dead letter not stored: " + e);
            return Outcome.NOT_STORED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.NOT_STORED;
        }
    }

    private enum Outcome {
        STORED,
        NOT_STORED;

        String text(String reason) {
            return this == STORED ? reason : "Kafka unavailable, retry: " + reason;
        }
    }

    private record DeadSeries(byte[] bytes, String reason) {}
}
