package org.ralf.simulator.proxmox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * A stateful in-process fake of the Proxmox VE HTTP API ({@code /api2/json/...}, {@code {"data":
 * ...}} envelope, API-token authentication) over HTTPS with a self-signed certificate generated at
 * start, so clients exercise certificate pinning.
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
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern GUEST = Pattern.compile("/nodes/([^/]+)/(qemu|lxc)/(\\d+)(/.*)?");
    private static final Pattern TASK = Pattern.compile("/nodes/([^/]+)/tasks/([^/]+)(/status)?");
    private static final Pattern NODE_LIST = Pattern.compile("/nodes/([^/]+)/(qemu|lxc)");
    private static final Pattern VZDUMP = Pattern.compile("/nodes/([^/]+)/vzdump");

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

    private final Duration taskDuration;
    private final Clock clock;
    private final SelfSignedTls tls = SelfSignedTls.generate();
    private final Map<String, NodeView> nodes = new LinkedHashMap<>();
    private final Map<Integer, Guest> guests = new LinkedHashMap<>();
    private final Map<String, Storage> storages = new LinkedHashMap<>();
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, java.util.Deque<Canned>> canned = new LinkedHashMap<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<TaskListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    @Nullable private String failNextTask;
    private int pidCounter = 0x1000;
    @Nullable private HttpsServer server;
    @Nullable private ExecutorService pool;

    private static final class Guest {
        final int vmid;
        final String type;
        String node;
        final String name;
        String status;
        final List<String> snapshots = new ArrayList<>();
        final int cpus;
        final long maxmem;
        final long maxdisk;
        Instant startedAt;

        Guest(int vmid, String type, String node, String name, boolean running, Instant now) {
            this.vmid = vmid;
            this.type = type;
            this.node = node;
            this.name = name;
            this.status = running ? "running" : "stopped";
            this.cpus = 2;
            this.maxmem = 2L << 30;
            this.maxdisk = 32L << 30;
            this.startedAt = now;
        }

        GuestView view() {
            return new GuestView(vmid, type, node, name, status, List.copyOf(snapshots));
        }
    }

    private record Storage(
            String id,
            String type,
            String content,
            List<String> volumes,
            Map<String, String> extra) {}

    private record Canned(int status, byte[] body) {}

    private static final class Task {
        final String upid;
        final String node;
        final String type;
        final String id;
        final String user;
        final Instant start;
        final Instant end;
        @Nullable final String forcedError;
        final Runnable effect;
        final java.util.function.Supplier<String> precondition;
        String status = "running";
        @Nullable String exitStatus;

        Task(
                String upid,
                String node,
                String type,
                String id,
                String user,
                Instant start,
                Instant end,
                @Nullable String forcedError,
                java.util.function.Supplier<String> precondition,
                Runnable effect) {
            this.upid = upid;
            this.node = node;
            this.type = type;
            this.id = id;
            this.user = user;
            this.start = start;
            this.end = end;
            this.forcedError = forcedError;
            this.precondition = precondition;
            this.effect = effect;
        }
    }

    /** A fake whose tasks run for {@code taskDuration} of wall-clock time. */
    public FakeProxmox(Duration taskDuration) {
        this(taskDuration, Clock.systemUTC());
    }

    /** A fake whose tasks run for {@code taskDuration} as measured by {@code clock}. */
    public FakeProxmox(Duration taskDuration, Clock clock) {
        this.taskDuration = taskDuration;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- model set-up

    /** Adds an online node. */
    public synchronized FakeProxmox addNode(String name) {
        nodes.put(name, new NodeView(name, true, 8, 32L << 30));
        return this;
    }

    /**
     * Adds a storage available on every node ({@code type}: dir, pbs, ...; content: backup, images,
     * ...).
     */
    public synchronized FakeProxmox addStorage(String id, String type, String content) {
        storages.put(id, new Storage(id, type, content, new ArrayList<>(), Map.of()));
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
        storages.put(id, new Storage(id, "pbs", "backup", new ArrayList<>(), Map.copyOf(extra)));
        return this;
    }

    /**
     * Sets a node on- or offline. An offline node is listed with {@code status offline}, and its
     * own endpoints answer 595 (no route to host) as PVE's proxy does.
     */
    public synchronized FakeProxmox setNodeOnline(String name, boolean online) {
        NodeView n = nodes.get(name);
        if (n == null) {
            throw new IllegalArgumentException("unknown node " + name);
        }
        nodes.put(name, new NodeView(name, online, n.maxcpu(), n.maxmem()));
        return this;
    }

    /** Removes a guest (as if destroyed). */
    public synchronized FakeProxmox removeGuest(int vmid) {
        if (guests.remove(vmid) == null) {
            throw new IllegalArgumentException("unknown guest " + vmid);
        }
        return this;
    }

    /** Removes a storage definition. */
    public synchronized FakeProxmox removeStorage(String id) {
        storages.remove(id);
        return this;
    }

    /**
     * Makes the next authorised request to {@code apiPath} (below {@code /api2/json}, e.g. {@code
     * /cluster/resources}, query ignored) answer with exactly these bytes, for bad-input tests.
     * Queued per path.
     */
    public synchronized FakeProxmox respondNext(String apiPath, int status, byte[] body) {
        canned.computeIfAbsent(apiPath, k -> new java.util.ArrayDeque<>())
                .add(new Canned(status, body.clone()));
        return this;
    }

    /** Adds a guest ({@code type}: qemu or lxc) on a node. */
    public synchronized FakeProxmox addGuest(
            String node, String type, int vmid, String name, boolean running) {
        if (!nodes.containsKey(node)) {
            throw new IllegalArgumentException("unknown node " + node);
        }
        if (!type.equals("qemu") && !type.equals("lxc")) {
            throw new IllegalArgumentException("type must be qemu or lxc");
        }
        guests.put(vmid, new Guest(vmid, type, node, name, running, clock.instant()));
        return this;
    }

    /** Accepts an API token ({@code USER@REALM!TOKENID}) with its secret. */
    public synchronized FakeProxmox addToken(String tokenId, String secret) {
        tokens.put(tokenId, secret);
        return this;
    }

    /** Registers a listener told of every task that finishes (see {@link TaskListener}). */
    public FakeProxmox addTaskListener(TaskListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** The next task created stops with this exit status instead of OK, without its effect. */
    public synchronized FakeProxmox failNextTask(String exitStatus) {
        this.failNextTask = exitStatus;
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
    public java.security.cert.X509Certificate certificate() {
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
        advance();
        Guest g = guests.get(vmid);
        if (g == null) {
            throw new IllegalArgumentException("unknown guest " + vmid);
        }
        return g.view();
    }

    /** All tasks created so far, oldest first. */
    public synchronized List<TaskView> tasks() {
        advance();
        List<TaskView> out = new ArrayList<>();
        for (Task t : tasks.values()) {
            out.add(new TaskView(t.upid, t.node, t.type, t.id, t.status, t.exitStatus));
        }
        return out;
    }

    /** Backup volumes written to a storage. */
    public synchronized List<String> backups(String storage) {
        advance();
        return List.copyOf(storages.get(storage).volumes());
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
                respond(ex, 401, "authentication failure", JSON.nullNode());
                return;
            }
            if (!full.startsWith("/api2/json/")) {
                respond(ex, 501, "Not Implemented", JSON.nullNode());
                return;
            }
            String path = full.substring("/api2/json".length());
            Canned raw;
            synchronized (this) {
                java.util.Deque<Canned> queued = canned.get(path);
                raw = queued == null ? null : queued.poll();
            }
            if (raw != null) {
                ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
                ex.sendResponseHeaders(
                        raw.status(), raw.body().length == 0 ? -1 : raw.body().length);
                if (raw.body().length > 0) {
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(raw.body());
                    }
                }
                return;
            }
            Reply r;
            synchronized (this) {
                advance();
                r = route(method, path, params, user);
            }
            respond(ex, r.status, r.reason, r.data);
        }
    }

    private record Reply(int status, String reason, Object data) {
        static Reply ok(Object data) {
            return new Reply(200, "OK", data);
        }

        static Reply error(int status, String reason) {
            return new Reply(status, reason, JSON.nullNode());
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
        return secret.equals(tokens.get(id)) ? id : null;
    }

    private Reply route(String method, String path, Map<String, String> p, String user) {
        Matcher m;
        if ("GET".equals(method)) {
            if (path.equals("/version")) {
                ObjectNode v =
                        JSON.objectNode()
                                .put("version", "8.2.4")
                                .put("release", "8.2")
                                .put("repoid", "faa83925");
                return Reply.ok(v);
            }
            if (path.equals("/cluster/resources")) {
                return Reply.ok(resources(p.get("type")));
            }
            if (path.equals("/nodes")) {
                ArrayNode a = JSON.arrayNode();
                nodes.values().forEach(n -> a.add(nodeJson(n)));
                return Reply.ok(a);
            }
            if (path.equals("/storage")) {
                ArrayNode a = JSON.arrayNode();
                for (Storage s : storages.values()) {
                    ObjectNode o =
                            JSON.objectNode()
                                    .put("storage", s.id())
                                    .put("type", s.type())
                                    .put("content", s.content())
                                    .put("shared", 1)
                                    .put("digest", Integer.toHexString(s.id().hashCode()));
                    s.extra().forEach(o::put);
                    a.add(o);
                }
                return Reply.ok(a);
            }
            if ((m = NODE_LIST.matcher(path)).matches()) {
                if (!nodes.containsKey(m.group(1))) {
                    return Reply.error(500, "hostname lookup '" + m.group(1) + "' failed");
                }
                if (!nodes.get(m.group(1)).online()) {
                    return Reply.error(595, "no route to host");
                }
                ArrayNode a = JSON.arrayNode();
                for (Guest g : guests.values()) {
                    if (g.node.equals(m.group(1)) && g.type.equals(m.group(2))) {
                        a.add(guestListJson(g));
                    }
                }
                return Reply.ok(a);
            }
            if ((m = TASK.matcher(path)).matches() && m.group(3) != null) {
                Task t = tasks.get(m.group(2));
                if (t == null || !t.node.equals(m.group(1))) {
                    return Reply.error(500, "no such task");
                }
                return Reply.ok(taskJson(t));
            }
        }
        if ("DELETE".equals(method) && (m = TASK.matcher(path)).matches() && m.group(3) == null) {
            Task t = tasks.get(m.group(2));
            if (t == null) {
                return Reply.error(500, "no such task");
            }
            if ("running".equals(t.status)) {
                t.status = "stopped";
                t.exitStatus = "interrupted by signal";
            }
            return Reply.ok(JSON.nullNode());
        }
        if ("POST".equals(method) && (m = VZDUMP.matcher(path)).matches()) {
            return vzdump(m.group(1), p, user);
        }
        if ((m = GUEST.matcher(path)).matches()) {
            Guest g = guests.get(Integer.parseInt(m.group(3)));
            if (g == null || !g.type.equals(m.group(2))) {
                return Reply.error(
                        500,
                        "Configuration file 'nodes/"
                                + m.group(1)
                                + "/"
                                + (m.group(2).equals("qemu") ? "qemu-server" : "lxc")
                                + "/"
                                + m.group(3)
                                + ".conf' does not exist");
            }
            if (!g.node.equals(m.group(1))) {
                return Reply.error(500, "guest " + g.vmid + " is on node " + g.node);
            }
            String rest = m.group(4) == null ? "" : m.group(4);
            return guestAction(method, g, rest, p, user);
        }
        return Reply.error(501, "Method '" + method + " " + path + "' not implemented");
    }

    private Reply guestAction(
            String method, Guest g, String rest, Map<String, String> p, String user) {
        String label = (g.type.equals("qemu") ? "VM " : "CT ") + g.vmid;
        String prefix = g.type.equals("qemu") ? "qm" : "vz";
        if ("GET".equals(method) && rest.equals("/status/current")) {
            ObjectNode o = guestListJson(g);
            if (g.type.equals("qemu")) {
                o.put("qmpstatus", g.status);
            }
            return Reply.ok(o);
        }
        if ("GET".equals(method) && rest.equals("/snapshot")) {
            ArrayNode a = JSON.arrayNode();
            g.snapshots.forEach(
                    s -> a.add(JSON.objectNode().put("name", s).put("description", "")));
            a.add(
                    JSON.objectNode()
                            .put("name", "current")
                            .put("description", "You are here!")
                            .put("running", "running".equals(g.status) ? 1 : 0));
            return Reply.ok(a);
        }
        if (!"POST".equals(method)) {
            return Reply.error(501, "not implemented");
        }
        switch (rest) {
            case "/status/start" -> {
                return Reply.ok(
                        task(
                                g.node,
                                prefix + "start",
                                g.vmid,
                                user,
                                () ->
                                        "running".equals(g.status)
                                                ? label + " already running"
                                                : null,
                                () -> {
                                    g.status = "running";
                                    g.startedAt = clock.instant();
                                }));
            }
            case "/status/stop" -> {
                return Reply.ok(
                        task(
                                g.node,
                                prefix + "stop",
                                g.vmid,
                                user,
                                () -> null,
                                () -> g.status = "stopped"));
            }
            case "/status/shutdown" -> {
                return Reply.ok(
                        task(
                                g.node,
                                prefix + "shutdown",
                                g.vmid,
                                user,
                                () -> "running".equals(g.status) ? null : label + " not running",
                                () -> g.status = "stopped"));
            }
            case "/status/reboot" -> {
                return Reply.ok(
                        task(
                                g.node,
                                prefix + "reboot",
                                g.vmid,
                                user,
                                () -> "running".equals(g.status) ? null : label + " not running",
                                () -> g.startedAt = clock.instant()));
            }
            case "/migrate" -> {
                String target = p.get("target");
                if (target == null) {
                    return Reply.error(400, "Parameter verification failed.");
                }
                if (!nodes.containsKey(target)) {
                    return Reply.error(500, "no such cluster node '" + target + "'");
                }
                if (target.equals(g.node)) {
                    return Reply.error(500, "target is local node.");
                }
                boolean online = "1".equals(p.get("online")) || "1".equals(p.get("restart"));
                return Reply.ok(
                        task(
                                g.node,
                                prefix + "migrate",
                                g.vmid,
                                user,
                                () ->
                                        "running".equals(g.status) && !online
                                                ? "can't migrate running "
                                                        + label
                                                        + " without --online"
                                                : null,
                                () -> g.node = target));
            }
            case "/snapshot" -> {
                String name = p.get("snapname");
                if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_-]{1,39}")) {
                    return Reply.error(400, "Parameter verification failed.");
                }
                return Reply.ok(
                        task(
                                g.node,
                                prefix + "snapshot",
                                g.vmid,
                                user,
                                () ->
                                        g.snapshots.contains(name)
                                                ? "snapshot name '" + name + "' already used"
                                                : null,
                                () -> g.snapshots.add(name)));
            }
            default -> {
                return Reply.error(501, "Method 'POST " + rest + "' not implemented");
            }
        }
    }

    private Reply vzdump(String node, Map<String, String> p, String user) {
        String storageId = p.get("storage");
        String vmid = p.get("vmid");
        if (storageId == null || vmid == null || !vmid.matches("\\d+")) {
            return Reply.error(400, "Parameter verification failed.");
        }
        Storage s = storages.get(storageId);
        if (s == null) {
            return Reply.error(500, "storage '" + storageId + "' does not exist");
        }
        Guest g = guests.get(Integer.parseInt(vmid));
        return Reply.ok(
                task(
                        node,
                        "vzdump",
                        Integer.parseInt(vmid),
                        user,
                        () ->
                                g == null
                                        ? "guest " + vmid + " does not exist"
                                        : (!g.node.equals(node)
                                                ? "guest " + vmid + " is not on node " + node
                                                : null),
                        () ->
                                s.volumes()
                                        .add(
                                                storageId
                                                        + ":backup/vzdump-"
                                                        + g.type
                                                        + "-"
                                                        + vmid
                                                        + "-"
                                                        + clock.instant().getEpochSecond())));
    }

    private String task(
            String node,
            String type,
            int vmid,
            String user,
            java.util.function.Supplier<String> precondition,
            Runnable effect) {
        Instant now = clock.instant();
        int pid = ++pidCounter;
        String upid =
                String.format(
                        Locale.ROOT,
                        "UPID:%s:%08X:%08X:%08X:%s:%d:%s:",
                        node,
                        pid,
                        pid * 7,
                        now.getEpochSecond(),
                        type,
                        vmid,
                        user);
        Task t =
                new Task(
                        upid,
                        node,
                        type,
                        String.valueOf(vmid),
                        user,
                        now,
                        now.plus(taskDuration),
                        failNextTask,
                        precondition,
                        effect);
        failNextTask = null;
        tasks.put(upid, t);
        return upid;
    }

    /** Completes every task whose time has come, applying its effect. */
    private void advance() {
        Instant now = clock.instant();
        for (Task t : tasks.values()) {
            if ("running".equals(t.status) && !t.end.isAfter(now)) {
                t.status = "stopped";
                if (t.forcedError != null) {
                    t.exitStatus = t.forcedError;
                    notifyFinished(t);
                    continue;
                }
                String problem = t.precondition.get();
                if (problem != null) {
                    t.exitStatus = problem;
                } else {
                    t.effect.run();
                    t.exitStatus = "OK";
                }
                notifyFinished(t);
            }
        }
    }

    private void notifyFinished(Task t) {
        if (listeners.isEmpty()) {
            return;
        }
        TaskView view = new TaskView(t.upid, t.node, t.type, t.id, t.status, t.exitStatus);
        Guest g = t.id.matches("\\d+") ? guests.get(Integer.parseInt(t.id)) : null;
        GuestView guest = g == null ? null : g.view();
        listeners.forEach(l -> l.taskFinished(view, guest));
    }

    // ---------------------------------------------------------------- JSON shapes

    private ObjectNode taskJson(Task t) {
        ObjectNode o =
                JSON.objectNode()
                        .put("upid", t.upid)
                        .put("node", t.node)
                        .put("pid", Integer.parseInt(t.upid.split(":")[2], 16))
                        .put("pstart", Integer.parseInt(t.upid.split(":")[3], 16))
                        .put("starttime", t.start.getEpochSecond())
                        .put("type", t.type)
                        .put("id", t.id)
                        .put("user", t.user)
                        .put("status", t.status);
        if (t.exitStatus != null) {
            o.put("exitstatus", t.exitStatus);
        }
        return o;
    }

    private ObjectNode nodeJson(NodeView n) {
        return JSON.objectNode()
                .put("node", n.name())
                .put("id", "node/" + n.name())
                .put("type", "node")
                .put("status", n.online() ? "online" : "offline")
                .put("maxcpu", n.maxcpu())
                .put("cpu", 0.05)
                .put("maxmem", n.maxmem())
                .put("mem", n.maxmem() / 4)
                .put("uptime", 86400)
                .put("level", "");
    }

    private ObjectNode guestListJson(Guest g) {
        boolean running = "running".equals(g.status);
        return JSON.objectNode()
                .put("vmid", g.vmid)
                .put("name", g.name)
                .put("status", g.status)
                .put("type", g.type)
                .put("cpus", g.cpus)
                .put("maxmem", g.maxmem)
                .put("mem", running ? g.maxmem / 3 : 0)
                .put("maxdisk", g.maxdisk)
                .put("disk", 0)
                .put("cpu", running ? 0.02 : 0)
                .put(
                        "uptime",
                        running
                                ? Math.max(
                                        0,
                                        Duration.between(g.startedAt, clock.instant()).toSeconds())
                                : 0);
    }

    private ArrayNode resources(@Nullable String type) {
        ArrayNode a = JSON.arrayNode();
        if (type == null || type.equals("node")) {
            nodes.values().forEach(n -> a.add(nodeJson(n)));
        }
        if (type == null || type.equals("vm")) {
            for (Guest g : guests.values()) {
                ObjectNode o = guestListJson(g);
                o.remove("cpus");
                o.put("id", g.type + "/" + g.vmid)
                        .put("node", g.node)
                        .put("maxcpu", g.cpus)
                        .put("template", 0);
                a.add(o);
            }
        }
        if (type == null || type.equals("storage")) {
            for (NodeView n : nodes.values()) {
                for (Storage s : storages.values()) {
                    a.add(
                            JSON.objectNode()
                                    .put("id", "storage/" + n.name() + "/" + s.id())
                                    .put("type", "storage")
                                    .put("node", n.name())
                                    .put("storage", s.id())
                                    .put("plugintype", s.type())
                                    .put("content", s.content())
                                    .put("status", "available")
                                    .put("shared", 1)
                                    .put("maxdisk", 1L << 40)
                                    .put("disk", (long) s.volumes().size() << 30));
                }
            }
        }
        return a;
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

    private static void respond(HttpExchange ex, int status, String reason, Object data)
            throws IOException {
        ObjectNode body = JSON.objectNode();
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
