package org.ralf.simulator.proxmox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.ralf.simulator.proxmox.ProxmoxRoutes.Reply;
import org.ralf.simulator.proxmox.ProxmoxState.Guest;
import org.ralf.simulator.proxmox.ProxmoxState.Storage;
import org.ralf.simulator.proxmox.ProxmoxState.Task;

/**
 * The simulator's Proxmox-VE-compatible endpoint: a stateful in-process implementation of the
 * Proxmox VE HTTP API ({@code /api2/json/...}, {@code {"data": ...}} envelope, API-token
 * authentication) over HTTPS with a self-signed certificate generated at start, so clients exercise
 * certificate pinning.
 *
 * <p>It models a cluster of nodes, qemu/lxc guests and storages. Guest actions (start, shutdown,
 * stop, reboot, migrate, snapshot, vzdump) return a task UPID; the task stays {@code running} for a
 * configurable duration and then stops with {@code OK} (its effect applied at that moment) or with
 * an error such as PVE reports (for example "VM 100 already running"). Time is evaluated lazily on
 * every request, so no background thread changes state.
 *
 * <p>Discovery tests change the model while it runs ({@link #setNodeOnline}, {@link #removeGuest},
 * {@link #addPbsStorage}, {@link #removeStorage}) and inject bad responses with {@link
 * #respondNext}.
 *
 * <p>Implemented endpoints: {@code GET /version}, {@code
 * /cluster/resources[?type=vm|node|storage]}, {@code /nodes}, {@code /nodes/{node}/qemu}, {@code
 * /nodes/{node}/lxc}, {@code /storage}, {@code /nodes/{node}/{qemu|lxc}/{vmid}/status/current},
 * {@code /nodes/{node}/{qemu|lxc}/{vmid}/snapshot}, {@code /nodes/{node}/tasks/{upid}/status};
 * {@code POST /nodes/{node}/{qemu|lxc}/{vmid}/status/{start|shutdown|stop|reboot}}, {@code
 * .../migrate}, {@code .../snapshot}, {@code /nodes/{node}/vzdump}; {@code DELETE
 * /nodes/{node}/tasks/{upid}}.
 *
 * <pre>{@code
 * try (FakeProxmox pve = new FakeProxmox(Duration.ofMillis(200))) {
 *     pve.addNode("pve1").addStorage("pbs", "pbs", "backup").addGuest("pve1", "qemu", 100, "web1", true);
 *     pve.addToken("ralf@pve!executor", "s3cret");
 *     pve.start();
 *     ... pve.baseUri(), pve.sha256Fingerprint() ...
 * }
 * }</pre>
 */
public final class FakeProxmox implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A cluster node. */
    public record NodeView(String name, boolean online, int maxcpu, long maxmem) {}

    /**
     * A guest as the fake sees it now.
     *
     * @param snapshots snapshot names, oldest first
     */
    public record GuestView(
            int vmid,
            String type,
            String node,
            String name,
            String status,
            List<String> snapshots) {}

    /**
     * A task as the fake sees it now.
     *
     * @param exitStatus {@code OK}, an error message, or null while running
     */
    public record TaskView(
            String upid,
            String node,
            String type,
            String id,
            String status,
            @Nullable String exitStatus) {}

    /**
     * Observes tasks as they finish. Called under the fake's lock right after the task stopped (and
     * its effect, if OK, was applied): implementations must be quick and must not call back into
     * the fake.
     */
    @FunctionalInterface
    public interface TaskListener {
        /**
         * A task stopped.
         *
         * @param task the task, with its exit status ({@code OK} when the effect was applied)
         * @param guest the guest the task was about, as it is now, or null if none
         */
        void taskFinished(TaskView task, @Nullable GuestView guest);
    }

    /** A request the fake received (for assertions on what a client sent). */
    public record RecordedRequest(
            String method, String path, Map<String, String> params, boolean authorized) {}

    private final SelfSignedTls tls = SelfSignedTls.generate();
    private final ProxmoxState state;
    private final ProxmoxRoutes routes;
    private final Map<String, Deque<Canned>> canned = new LinkedHashMap<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    @Nullable private HttpsServer server;
    @Nullable private ExecutorService pool;

    private record Canned(int status, byte[] body) {}

    /** A fake whose tasks run for {@code taskDuration} of wall-clock time. */
    public FakeProxmox(Duration taskDuration) {
        this(taskDuration, Clock.systemUTC());
    }

    /** A fake whose tasks run for {@code taskDuration} as measured by {@code clock}. */
    public FakeProxmox(Duration taskDuration, Clock clock) {
        this.state = new ProxmoxState(taskDuration, clock);
        this.routes = new ProxmoxRoutes(state, new ProxmoxJson(state));
    }

    // ---------------------------------------------------------------- model set-up

    /** Adds an online node. */
    public synchronized FakeProxmox addNode(String name) {
        state.nodes.put(name, new NodeView(name, true, 8, 32L << 30));
        return this;
    }

    /**
     * Adds a storage available on every node ({@code type}: dir, pbs, ...; content: backup, images,
     * ...).
     */
    public synchronized FakeProxmox addStorage(String id, String type, String content) {
        state.storages.put(id, new Storage(id, type, content, new ArrayList<>(), Map.of()));
        return this;
    }

    /**
     * Adds a Proxmox Backup Server storage ({@code type pbs}, content {@code backup}) with the
     * fields {@code /storage} shows for it: {@code server}, {@code datastore}, {@code username} and
     * the server's certificate {@code fingerprint} (if given).
     */
    public synchronized FakeProxmox addPbsStorage(
            String id, String server, String datastore, @Nullable String fingerprint) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("server", server);
        extra.put("datastore", datastore);
        extra.put("username", "backup@pbs");
        if (fingerprint != null) {
            extra.put("fingerprint", fingerprint);
        }
        state.storages.put(
                id, new Storage(id, "pbs", "backup", new ArrayList<>(), Map.copyOf(extra)));
        return this;
    }

    /**
     * Sets a node on- or offline. An offline node is listed with {@code status offline}, and its
     * own endpoints answer 595 (no route to host) as PVE's proxy does.
     */
    public synchronized FakeProxmox setNodeOnline(String name, boolean online) {
        NodeView n = state.nodes.get(name);
        if (n == null) {
            throw new IllegalArgumentException("unknown node " + name);
        }
        state.nodes.put(name, new NodeView(name, online, n.maxcpu(), n.maxmem()));
        return this;
    }

    /** Removes a guest (as if destroyed). */
    public synchronized FakeProxmox removeGuest(int vmid) {
        if (state.guests.remove(vmid) == null) {
            throw new IllegalArgumentException("unknown guest " + vmid);
        }
        return this;
    }

    /** Removes a storage definition. */
    public synchronized FakeProxmox removeStorage(String id) {
        state.storages.remove(id);
        return this;
    }

    /**
     * Makes the next authorised request to {@code apiPath} (below {@code /api2/json}, e.g. {@code
     * /cluster/resources}, query ignored) answer with exactly these bytes, for bad-input tests.
     * Queued per path.
     */
    public synchronized FakeProxmox respondNext(String apiPath, int status, byte[] body) {
        canned.computeIfAbsent(apiPath, k -> new ArrayDeque<>())
                .add(new Canned(status, body.clone()));
        return this;
    }

    /** Adds a guest ({@code type}: qemu or lxc) on a node. */
    public synchronized FakeProxmox addGuest(
            String node, String type, int vmid, String name, boolean running) {
        if (!state.nodes.containsKey(node)) {
            throw new IllegalArgumentException("unknown node " + node);
        }
        if (!type.equals("qemu") && !type.equals("lxc")) {
            throw new IllegalArgumentException("type must be qemu or lxc");
        }
        state.guests.put(vmid, new Guest(vmid, type, node, name, running, state.clock.instant()));
        return this;
    }

    /** Accepts an API token ({@code USER@REALM!TOKENID}) with its secret. */
    public synchronized FakeProxmox addToken(String tokenId, String secret) {
        state.tokens.put(tokenId, secret);
        return this;
    }

    /** Registers a listener told of every task that finishes (see {@link TaskListener}). */
    public FakeProxmox addTaskListener(TaskListener listener) {
        state.listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** The next task created stops with this exit status instead of OK, without its effect. */
    public synchronized FakeProxmox failNextTask(String exitStatus) {
        state.failNextTask = exitStatus;
        return this;
    }

    // ---------------------------------------------------------------- lifecycle

    /** Starts the HTTPS server on an ephemeral port of 127.0.0.1. */
    public synchronized FakeProxmox start() {
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
            pool =
                    Executors.newFixedThreadPool(
                            4,
                            r -> {
                                Thread t = new Thread(r, "fake-proxmox");
                                t.setDaemon(true);
                                return t;
                            });
            s.setExecutor(pool);
            s.createContext("/", this::handle);
            s.start();
            server = s;
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start FakeProxmox", e);
        }
    }

    /** Base URL, such as {@code https://127.0.0.1:43817} (clients append {@code /api2/json}). */
    public URI baseUri() {
        HttpsServer s = Objects.requireNonNull(server, "not started");
        return URI.create("https://127.0.0.1:" + s.getAddress().getPort());
    }

    /** SHA-256 fingerprint of the server certificate, as {@code pvenode cert info} prints it. */
    public String sha256Fingerprint() {
        return tls.sha256Fingerprint();
    }

    /** The server certificate. */
    public X509Certificate certificate() {
        return tls.certificate();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pool = null;
        }
    }

    // ---------------------------------------------------------------- inspection

    /** A guest's current state. */
    public synchronized GuestView guest(int vmid) {
        state.advance();
        Guest g = state.guests.get(vmid);
        if (g == null) {
            throw new IllegalArgumentException("unknown guest " + vmid);
        }
        return g.view();
    }

    /** All tasks created so far, oldest first. */
    public synchronized List<TaskView> tasks() {
        state.advance();
        List<TaskView> out = new ArrayList<>();
        for (Task t : state.tasks.values()) {
            out.add(t.view());
        }
        return out;
    }

    /** Backup volumes written to a storage. */
    public synchronized List<String> backups(String storage) {
        state.advance();
        return List.copyOf(state.storages.get(storage).volumes());
    }

    /** Every request received so far. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String full = ex.getRequestURI().getPath();
            Map<String, String> params = parseForm(ex.getRequestURI().getRawQuery());
            if ("POST".equals(method) || "PUT".equals(method)) {
                try (InputStream in = ex.getRequestBody()) {
                    params.putAll(parseForm(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            String user = authenticate(ex.getRequestHeaders().getFirst("Authorization"));
            synchronized (this) {
                requests.add(new RecordedRequest(method, full, Map.copyOf(params), user != null));
            }
            if (user == null) {
                respond(ex, 401, "authentication failure", JsonNodeFactory.instance.nullNode());
                return;
            }
            if (!full.startsWith("/api2/json/")) {
                respond(ex, 501, "Not Implemented", JsonNodeFactory.instance.nullNode());
                return;
            }
            String path = full.substring("/api2/json".length());
            Canned raw;
            synchronized (this) {
                Deque<Canned> queued = canned.get(path);
                raw = queued == null ? null : queued.poll();
            }
            if (raw != null) {
                respondRaw(ex, raw);
                return;
            }
            Reply r;
            synchronized (this) {
                state.advance();
                r = routes.route(method, path, params, user);
            }
            respond(ex, r.status(), r.reason(), r.data());
        }
    }

    @Nullable
    private synchronized String authenticate(@Nullable String header) {
        if (header == null || !header.startsWith("PVEAPIToken=")) {
            return null;
        }
        String v = header.substring("PVEAPIToken=".length());
        int eq = v.lastIndexOf('=');
        if (eq <= 0) {
            return null;
        }
        String id = v.substring(0, eq);
        String secret = v.substring(eq + 1);
        return secret.equals(state.tokens.get(id)) ? id : null;
    }

    private static Map<String, String> parseForm(@Nullable String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(
                    URLDecoder.decode(k, StandardCharsets.UTF_8),
                    URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void respondRaw(HttpExchange ex, Canned raw) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        ex.sendResponseHeaders(raw.status(), raw.body().length == 0 ? -1 : raw.body().length);
        if (raw.body().length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(raw.body());
            }
        }
    }

    private static void respond(HttpExchange ex, int status, String reason, Object data)
            throws IOException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("data", MAPPER.valueToTree(data));
        if (status / 100 != 2) {
            body.put("message", reason);
        }
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        if (status / 100 != 2) {
            // PVE puts the error text in the HTTP reason phrase; HttpServer cannot set it, so a
            // header carries it too.
            ex.getResponseHeaders().set("X-Reason", reason);
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
