package org.ralf.simulator.emit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.simulator.engine.EventSink;
import org.ralf.simulator.engine.SimEvent;

/**
 * Front-door mode for metrics: a Prometheus text exposition (format 0.0.4) endpoint per simulated
 * host at {@code http://127.0.0.1:<port>/metrics/<host>}, serving the latest sample of each of the
 * host's series with its simulated timestamp. A host whose last {@code up} was 0 (down, link down)
 * answers 503, as a scrape of an unreachable exporter fails; {@code up} itself is not exposed (the
 * scraper derives it).
 */
public final class ExpositionServer implements EventSink, AutoCloseable {
    private final Map<String, Map<String, MetricSample>> latest = new ConcurrentHashMap<>();
    private final Map<String, Boolean> reachable = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService pool;

    /** Starts the server on an ephemeral port of 127.0.0.1. */
    public ExpositionServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot start the exposition server", e);
        }
        pool =
                Executors.newFixedThreadPool(
                        2,
                        r -> {
                            Thread t = new Thread(r, "sim-exposition");
                            t.setDaemon(true);
                            return t;
                        });
        server.setExecutor(pool);
        server.createContext("/metrics/", this::handle);
        server.start();
    }

    @Override
    public void accept(SimEvent event) {
        if (!(event instanceof SimEvent.Metric m)) {
            return;
        }
        if (m.scrapeDerived()) {
            // up{instance=host:9100} decides whether the host's exporter answers at all
            if (m.sample().labels().getOrDefault("instance", "").endsWith(":9100")) {
                reachable.put(m.host(), m.sample().value() > 0);
            }
            return;
        }
        latest.computeIfAbsent(m.host(), h -> new ConcurrentHashMap<>())
                .put(m.sample().seriesId(), m.sample());
    }

    /** Scrape URL of every host seen so far. */
    public Map<String, URI> targets() {
        Map<String, URI> out = new LinkedHashMap<>();
        for (String h : new TreeMap<>(reachable).keySet()) {
            out.put(h, uriOf(h));
        }
        return out;
    }

    /** The scrape URL of one host. */
    public URI uriOf(String host) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics/" + host);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String host = ex.getRequestURI().getPath().substring("/metrics/".length());
            Map<String, MetricSample> series = latest.get(host);
            if (series == null || !reachable.getOrDefault(host, false)) {
                ex.sendResponseHeaders(series == null ? 404 : 503, -1);
                return;
            }
            byte[] body = render(series).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The exposition text of some samples, grouped by metric name with a TYPE line each. */
    static String render(Map<String, MetricSample> series) {
        Map<String, Map<String, MetricSample>> byName = new TreeMap<>();
        for (MetricSample s : series.values()) {
            byName.computeIfAbsent(s.name(), n -> new TreeMap<>()).put(s.seriesId(), s);
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Map<String, MetricSample>> e : byName.entrySet()) {
            String type = e.getKey().endsWith("_total") ? "counter" : "gauge";
            b.append("# TYPE ").append(e.getKey()).append(' ').append(type).append('\n');
            for (MetricSample s : e.getValue().values()) {
                // the series id is already the exposition form name{labels}
                b.append(s.seriesId())
                        .append(' ')
                        .append(formatValue(s.value()))
                        .append(' ')
                        .append(s.timestamp().toEpochMilli())
                        .append('\n');
            }
        }
        return b.toString();
    }

    private static String formatValue(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? String.valueOf((long) v)
                : String.valueOf(v);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
