package org.ralf.connectors.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ralf.connectors.ConnectorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP listener for push receivers (remote_write, Loki), on the JDK's {@code
 * com.sun.net.httpserver} (module {@code jdk.httpserver}, a supported, exported JDK API): the
 * receivers need one POST route each, so a full server library would add dependencies and
 * convergence work for nothing. What a server library would add is done here: a bounded worker pool
 * whose queue refuses (503) instead of growing, and request bodies read with a hard size limit.
 */
public final class HttpReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpReceiver.class);

    private final HttpServer server;
    private final ThreadPoolExecutor workers;

    /**
     * Binds and starts the listener.
     *
     * @param name thread name prefix
     * @param bind address to bind (port 0 = any free port)
     * @param path the one route
     * @param handler handles requests on the route
     * @param threads worker threads (requests handled at once)
     * @throws ConnectorException if the port cannot be bound
     */
    public HttpReceiver(
            String name, InetSocketAddress bind, String path, HttpHandler handler, int threads)
            throws ConnectorException {
        try {
            this.server = HttpServer.create(bind, 128);
        } catch (IOException e) {
            throw new ConnectorException("cannot listen on " + bind + ": " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        this.workers =
                new ThreadPoolExecutor(
                        threads,
                        threads,
                        60,
                        TimeUnit.SECONDS,
                        new ArrayBlockingQueue<>(threads * 4),
                        r -> {
                            Thread t = new Thread(r, name + "-http-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        },
                        // the queue is full: the server's dispatcher thread answers itself, which
                        // slows accepting further requests (backpressure on the socket)
                        new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(workers);
        server.createContext(
                path,
                exchange -> {
                    try (exchange) {
                        handler.handle(exchange);
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("{}: request failed: {}", name, e.toString());
                        trySend(exchange, 500, "internal error: " + e);
                    }
                });
        server.start();
    }

    /** The bound address (with the actual port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Reads the request body, refusing more than {@code limit} bytes: a declared Content-Length
     * over the limit is refused before reading, a chunked body is cut off as soon as it passes it.
     *
     * @return the body, or null if it exceeds the limit (the caller answers 413)
     */
    public static byte[] readBody(HttpExchange exchange, int limit) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        InputStream in = exchange.getRequestBody();
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared == null ? 8192 : 1024);
        byte[] buf = new byte[16384];
        int total = 0;
        int r;
        while ((r = in.read(buf)) != -1) {
            total += r;
            if (total > limit) {
                return null;
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    /** Sends a status with a short text body (none for 204). */
    public static void send(HttpExchange exchange, int status, String text) throws IOException {
        if (status == 204) {
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    private static void trySend(HttpExchange exchange, int status, String text) {
        try {
            send(exchange, status, text);
        } catch (IOException | RuntimeException ignored) {
            // the response was already started or the client is gone: nothing left to tell it
        }
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}
