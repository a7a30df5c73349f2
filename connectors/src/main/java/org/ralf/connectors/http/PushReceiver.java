package org.ralf.connectors.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
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
import org.ralf.connectors.kafka.RecordPublisher;
import org.xerial.snappy.Snappy;

/**
 * Base of the HTTP push receivers (remote_write, Loki): one POST route on an {@link HttpReceiver}.
 * It owns what every push route does the same way, so that the receivers only decode and store: the
 * lifecycle (bind on start, the bound address, health, close with the publisher), the method check
 * (405), the body limit (a null body for the subclass to answer 413), the bytes-in counter, the
 * bounded snappy and gzip decompression, and the one deadline for Kafka's acknowledgements.
 */
public abstract class PushReceiver implements Connector {

    private final PushSettings settings;
    private final String path;
    private final RecordPublisher publisher;
    private final ConnectorMetrics metrics;
    private final HealthState health;
    private @Nullable HttpReceiver http;

    /**
     * @param settings listener and limits
     * @param path the one route
     * @param publisher Kafka publisher (owned by the receiver: closed with it)
     * @param metrics the counters {@code publisher} also updates
     * @param clock time of health changes
     */
    protected PushReceiver(
            PushSettings settings,
            String path,
            RecordPublisher publisher,
            ConnectorMetrics metrics,
            Clock clock) {
        this.settings = settings;
        this.path = path;
        this.publisher = publisher;
        this.metrics = metrics;
        this.health = new HealthState(clock);
    }

    @Override
    public final String name() {
        return settings.name();
    }

    @Override
    public void start() throws ConnectorException {
        http =
                new HttpReceiver(
                        settings.name(),
                        new InetSocketAddress(settings.bindHost(), settings.port()),
                        path,
                        this::dispatch,
                        settings.threads());
        health.set(ConnectorHealth.State.HEALTHY, listening());
    }

    /** The bound address; valid after {@link #start()}. */
    public final InetSocketAddress address() {
        if (http == null) {
            throw new IllegalStateException("not started");
        }
        return http.address();
    }

    @Override
    public final ConnectorHealth health() {
        return health.get();
    }

    @Override
    public final ConnectorMetrics metrics() {
        return metrics;
    }

    /** The health the subclass updates while storing. */
    protected final HealthState healthState() {
        return health;
    }

    /** The publisher records and dead letters go through. */
    protected final RecordPublisher publisher() {
        return publisher;
    }

    /** The health detail of a listening receiver. */
    protected final String listening() {
        return "listening on " + (http == null ? "?" : http.address()) + path;
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            HttpReceiver.send(exchange, 405, "only POST");
            return;
        }
        byte[] body = HttpReceiver.readBody(exchange, settings.maxBodyBytes());
        if (body != null) {
            metrics.bytesIn(body.length);
        }
        handle(exchange, body);
    }

    /**
     * Answers one POST.
     *
     * @param body the request body, or null if it exceeded the body limit (to be answered 413)
     */
    protected abstract void handle(HttpExchange exchange, @Nullable byte[] body) throws IOException;

    /** A request header, lower case and trimmed; empty if absent. */
    protected static String header(HttpExchange exchange, String name) {
        String v = exchange.getRequestHeaders().getFirst(name);
        return v == null ? "" : v.toLowerCase(Locale.ROOT).trim();
    }

    /** Decompresses a snappy block, refusing one that would exceed the decompressed limit. */
    protected final byte[] unsnappy(byte[] body) throws BadBody {
        try {
            int length = Snappy.uncompressedLength(body);
            if (length < 0 || length > settings.maxDecompressedBytes()) {
                throw new BadBody(
                        "decompressed size "
                                + length
                                + " exceeds "
                                + settings.maxDecompressedBytes()
                                + " bytes");
            }
            if (!Snappy.isValidCompressedBuffer(body)) {
                throw new BadBody("not a valid snappy block");
            }
            return Snappy.uncompress(body);
        } catch (IOException e) {
            throw new BadBody("not a valid snappy block (" + e.getMessage() + ")");
        }
    }

    /**
     * Decompresses a gzip body, reading at most one byte over the decompressed limit so that a
     * small bomb cannot fill the heap.
     */
    protected final byte[] gunzip(byte[] body) throws BadBody {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] plain = in.readNBytes(settings.maxDecompressedBytes() + 1);
            if (plain.length > settings.maxDecompressedBytes()) {
                throw new BadBody(
                        "decompressed body exceeds " + settings.maxDecompressedBytes() + " bytes");
            }
            return plain;
        } catch (IOException e) {
            throw new BadBody("not valid gzip: " + e.getMessage());
        }
    }

    /**
     * Waits for Kafka's acknowledgement of everything a request sent, all under one deadline of
     * {@link PushSettings#ackTimeout()}: the client's own timeout applies to the whole request.
     */
    protected final void awaitAcks(List<CompletableFuture<Void>> pending)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + settings.ackTimeout().toNanos();
        for (CompletableFuture<Void> f : pending) {
            f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        publisher.close();
        health.set(ConnectorHealth.State.STOPPED, "stopped");
    }
}
