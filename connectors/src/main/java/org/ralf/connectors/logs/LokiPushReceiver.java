package org.ralf.connectors.logs;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import javax.annotation.Nullable;
import org.ralf.connectors.Connector;
import org.ralf.connectors.ConnectorException;
import org.ralf.connectors.ConnectorHealth;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.HealthState;
import org.ralf.connectors.http.HttpReceiver;
import org.ralf.connectors.kafka.IngestTopics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xerial.snappy.Snappy;

/**
 * Loki push API receiver: {@code POST /loki/api/v1/push} with a JSON body (optionally gzip {@code
 * Content-Encoding}) or a snappy-compressed protobuf body ({@code Content-Type:
 * application/x-protobuf}), parsed by {@link LokiPushParser}. Answers 204 once Kafka acknowledged
 * every record and dead letter of the push, 400 for an undecodable body (dead-lettered), 413 over
 * the size limit, 503 while Kafka cannot take the records (the client retries).
 */
public final class LokiPushReceiver implements Connector {

    /** The route of Loki's push API. */
    public static final String PATH = "/loki/api/v1/push";

    private static final Logger LOG = LoggerFactory.getLogger(LokiPushReceiver.class);

    private final LokiSettings settings;
    private final RecordPublisher publisher;
    private final ConnectorMetrics metrics;
    private final HealthState health;
    private final LokiPushParser parser;
    private final LogOutput out;
    private volatile boolean running;
    private @Nullable HttpReceiver http;

    /**
     * @param settings listener and limits
     * @param publisher Kafka publisher (owned: closed with the connector)
     * @param metrics the counters {@code publisher} also updates
     * @param topics where records and dead letters go
     * @param clock receive time
     */
    public LokiPushReceiver(
            LokiSettings settings,
            RecordPublisher publisher,
            ConnectorMetrics metrics,
            IngestTopics topics,
            Clock clock) {
        this.settings = settings;
        this.publisher = publisher;
        this.metrics = metrics;
        this.health = new HealthState(clock);
        this.parser = new LokiPushParser(settings.name());
        // a push request must not hold its thread forever: no retry loop here, 503 instead
        this.out =
                new LogOutput(
                        settings.name(), publisher, metrics, topics, health, clock, () -> false);
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public void start() throws ConnectorException {
        running = true;
        http =
                new HttpReceiver(
                        settings.name(),
                        new InetSocketAddress(settings.bindHost(), settings.port()),
                        PATH,
                        this::handle,
                        settings.threads());
        health.set(ConnectorHealth.State.HEALTHY, "listening on " + http.address() + PATH);
    }

    /** The bound address; valid after {@link #start()}. */
    public InetSocketAddress address() {
        if (http == null) {
            throw new IllegalStateException("not started");
        }
        return http.address();
    }

    @Override
    public ConnectorHealth health() {
        return health.get();
    }

    @Override
    public ConnectorMetrics metrics() {
        return metrics;
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            HttpReceiver.send(exchange, 405, "only POST");
            return;
        }
        byte[] body = HttpReceiver.readBody(exchange, settings.maxBodyBytes());
        String peer = exchange.getRemoteAddress().getAddress().getHostAddress();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        int status;
        String text = "";
        try {
            if (body == null) {
                pending.add(
                        out.deadLetter(
                                new byte[0],
                                DeadLetterCause.TOO_LARGE,
                                "Loki push body larger than "
                                        + settings.maxBodyBytes()
                                        + " bytes"));
                status = 413;
                text = "body too large";
            } else {
                metrics.bytesIn(body.length);
                String type = header(exchange, "Content-Type");
                List<LokiPushParser.Entry> entries;
                try {
                    entries =
                            type.startsWith("application/x-protobuf")
                                    ? parser.parseProtobuf(snappy(body), peer)
                                    : parser.parseJson(
                                            gunzipIfNeeded(
                                                    body, header(exchange, "Content-Encoding")),
                                            peer);
                    status = 204;
                } catch (LokiPushParser.BadPush e) {
                    entries = List.of();
                    pending.add(
                            out.deadLetter(
                                    body, DeadLetterCause.UNPARSEABLE_INPUT, e.getMessage()));
                    status = 400;
                    text = e.getMessage();
                }
                for (LokiPushParser.Entry e : entries) {
                    if (e instanceof LokiPushParser.Entry.Ok ok) {
                        pending.add(out.publish(ok.record()));
                    } else if (e instanceof LokiPushParser.Entry.Bad bad) {
                        pending.add(
                                out.deadLetter(
                                        bad.raw(),
                                        DeadLetterCause.UNPARSEABLE_INPUT,
                                        bad.reason()));
                    }
                }
            }
            long deadline = System.nanoTime() + settings.ackTimeout().toNanos();
            for (CompletableFuture<Void> f : pending) {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ConnectorException | ExecutionException | TimeoutException e) {
            LOG.warn("{}: answering 503, Kafka did not take the push: {}", name(), e.toString());
            HttpReceiver.send(exchange, 503, "Kafka unavailable, retry");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            HttpReceiver.send(exchange, 503, "shutting down");
            return;
        }
        HttpReceiver.send(exchange, status, text);
    }

    private static String header(HttpExchange exchange, String name) {
        String v = exchange.getRequestHeaders().getFirst(name);
        return v == null ? "" : v.toLowerCase(Locale.ROOT).trim();
    }

    private byte[] snappy(byte[] body) throws LokiPushParser.BadPush {
        try {
            int length = Snappy.uncompressedLength(body);
            if (length < 0 || length > settings.maxDecompressedBytes()) {
                throw new LokiPushParser.BadPush(
                        "decompressed size "
                                + length
                                + " exceeds "
                                + settings.maxDecompressedBytes());
            }
            if (!Snappy.isValidCompressedBuffer(body)) {
                throw new LokiPushParser.BadPush("not a valid snappy block");
            }
            return Snappy.uncompress(body);
        } catch (IOException e) {
            throw new LokiPushParser.BadPush("not a valid snappy block (" + e.getMessage() + ")");
        }
    }

    private byte[] gunzipIfNeeded(byte[] body, String encoding) throws LokiPushParser.BadPush {
        if (!encoding.equals("gzip")) {
            return body;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] plain = in.readNBytes(settings.maxDecompressedBytes() + 1);
            if (plain.length > settings.maxDecompressedBytes()) {
                throw new LokiPushParser.BadPush(
                        "decompressed body exceeds " + settings.maxDecompressedBytes() + " bytes");
            }
            return plain;
        } catch (IOException e) {
            throw new LokiPushParser.BadPush("not valid gzip: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        if (http != null) {
            http.close();
        }
        publisher.close();
        health.set(ConnectorHealth.State.STOPPED, "stopped");
    }

    /** Whether the receiver was started and not closed. */
    boolean running() {
        return running;
    }
}
