package org.ralf.testing.foreman;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * A stateful in-process fake of the Foreman API v2 endpoints discovery uses, over plain HTTP on the
 * loopback interface with HTTP Basic authentication:
 *
 * <ul>
 *   <li>{@code GET /api/v2/hosts?page=&per_page=} — the paginated index envelope ({@code total},
 *       {@code subtotal}, {@code page}, {@code per_page}, {@code search}, {@code sort}, {@code
 *       results}) with host objects as Foreman renders them (id, name, ip, ip6, mac, domain,
 *       operating system, host group, enabled, managed, build, global status, timestamps), sorted
 *       by name; {@code search} is not interpreted;
 *   <li>{@code GET /api/v2/hosts/{id or name}/facts} — {@code results} is a map from the host name
 *       to its flat fact map.
 * </ul>
 *
 * Hosts are added, changed and removed while it runs. For bad-input tests, {@link #respondNext}
 * replaces the next response to a path with arbitrary bytes. Errors use Foreman's {@code {"error":
 * {"message": ...}}} shape.
 *
 * <pre>{@code
 * try (FakeForeman foreman = new FakeForeman("ralf", "secret").start()) {
 *     foreman.putHost(new FakeForeman.Host(1, "web1.lab.example", "192.168.10.21", "bc:24:11:00:00:01",
 *             "Debian 12", "web", true));
 *     ... foreman.baseUri() ...
 * }
 * }</pre>
 */
public final class FakeForeman implements AutoCloseable {

    /** Foreman's default {@code per_page} (setting {@code entries_per_page}). */
    public static final int DEFAULT_PER_PAGE = 20;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern FACTS = Pattern.compile("/api/v2/hosts/([^/]+)/facts");

    /**
     * A host as Foreman knows it.
     *
     * @param id numeric id
     * @param name FQDN
     * @param ip IPv4 address, if any
     * @param mac primary MAC, if any
     * @param operatingSystem operating system title, if any
     * @param hostgroup host group title, if any
     * @param enabled whether the host is enabled
     */
    public record Host(
            int id,
            String name,
            @Nullable String ip,
            @Nullable String mac,
            @Nullable String operatingSystem,
            @Nullable String hostgroup,
            boolean enabled) {}

    /** A request the fake received. */
    public record RecordedRequest(String method, String path, Map<String, String> params) {}

    private record Canned(int status, byte[] body) {}

    private final String user;
    private final String password;
    private final Map<Integer, Host> hosts = new LinkedHashMap<>();
    private final Map<Integer, Map<String, String>> facts = new LinkedHashMap<>();
    private final Map<String, Deque<Canned>> canned = new LinkedHashMap<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    @Nullable private HttpServer server;
    @Nullable private ExecutorService pool;

    /**
     * @param user Basic-auth user
     * @param password its password (or personal access token)
     */
    public FakeForeman(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** Listens on an ephemeral loopback port. */
    public synchronized FakeForeman start() throws IOException {
        HttpServer s =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService p = Executors.newFixedThreadPool(2);
        s.setExecutor(p);
        s.createContext("/", this::handle);
        s.start();
        server = s;
        pool = p;
        return this;
    }

    /** {@code http://127.0.0.1:<port>}, the base the client appends {@code /api/v2/...} to. */
    public synchronized URI baseUri() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return URI.create(
                "http://"
                        + server.getAddress().getAddress().getHostAddress()
                        + ":"
                        + server.getAddress().getPort());
    }

    /** Adds or replaces the host with this id. */
    public synchronized FakeForeman putHost(Host host) {
        hosts.put(host.id(), host);
        return this;
    }

    /** Removes a host and its facts. */
    public synchronized FakeForeman removeHost(int id) {
        hosts.remove(id);
        facts.remove(id);
        return this;
    }

    /** Sets the facts of a host. */
    public synchronized FakeForeman setFacts(int id, Map<String, String> hostFacts) {
        facts.put(id, new TreeMap<>(hostFacts));
        return this;
    }

    /**
     * Makes the next request to {@code path} (without query) answer with these bytes as {@code
     * application/json}, whatever the state; queued per path.
     */
    public synchronized FakeForeman respondNext(String path, int status, byte[] body) {
        canned.computeIfAbsent(path, k -> new ArrayDeque<>()).add(new Canned(status, body.clone()));
        return this;
    }

    /** Requests received so far. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            URI uri = ex.getRequestURI();
            String path = uri.getPath();
            Map<String, String> params = query(uri.getRawQuery());
            Canned reply;
            synchronized (this) {
                requests.add(new RecordedRequest(ex.getRequestMethod(), path, params));
                reply = route(ex, path, params);
            }
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            ex.getResponseHeaders().set("Foreman_api_version", "2");
            ex.sendResponseHeaders(
                    reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        }
    }

    private Canned route(HttpExchange ex, String path, Map<String, String> params)
            throws IOException {
        if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
            return error(401, "Unable to authenticate user " + user);
        }
        Deque<Canned> queued = canned.get(path);
        if (queued != null && !queued.isEmpty()) {
            return queued.poll();
        }
        if (!"GET".equals(ex.getRequestMethod())) {
            return error(
                    404,
                    "Route not implemented by FakeForeman: " + ex.getRequestMethod() + " " + path);
        }
        if (path.equals("/api/v2/hosts")) {
            return index(params);
        }
        Matcher m = FACTS.matcher(path);
        if (m.matches()) {
            return facts(m.group(1), params);
        }
        return error(404, "Route not implemented by FakeForeman: GET " + path);
    }

    private Canned index(Map<String, String> params) throws IOException {
        int page;
        int perPage;
        try {
            page = Integer.parseInt(params.getOrDefault("page", "1"));
            perPage =
                    Integer.parseInt(
                            params.getOrDefault("per_page", String.valueOf(DEFAULT_PER_PAGE)));
        } catch (NumberFormatException e) {
            return error(422, "page and per_page must be integers");
        }
        if (page < 1 || perPage < 1) {
            return error(422, "page and per_page must be positive");
        }
        List<Host> sorted = new ArrayList<>(hosts.values());
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        ArrayNode results = JSON.arrayNode();
        int from = (page - 1) * perPage;
        for (int i = from; i < Math.min(sorted.size(), from + perPage); i++) {
            results.add(render(sorted.get(i)));
        }
        ObjectNode body = envelope(sorted.size(), page, perPage, params.get("search"));
        body.set("results", results);
        return new Canned(200, MAPPER.writeValueAsBytes(body));
    }

    private Canned facts(String idOrName, Map<String, String> params) throws IOException {
        Host host = null;
        for (Host h : hosts.values()) {
            if (String.valueOf(h.id()).equals(idOrName) || h.name().equals(idOrName)) {
                host = h;
            }
        }
        if (host == null) {
            return error(404, "Resource host not found by id '" + idOrName + "'");
        }
        Map<String, String> f = facts.getOrDefault(host.id(), Map.of());
        ObjectNode body = envelope(f.size(), 1, Math.max(f.size(), 1), params.get("search"));
        ObjectNode byHost = JSON.objectNode();
        ObjectNode values = byHost.putObject(host.name());
        f.forEach(values::put);
        body.set("results", byHost);
        return new Canned(200, MAPPER.writeValueAsBytes(body));
    }

    private static ObjectNode envelope(int total, int page, int perPage, @Nullable String search) {
        ObjectNode body = JSON.objectNode();
        body.put("total", total);
        body.put("subtotal", total);
        body.put("page", page);
        body.put("per_page", perPage);
        if (search == null) {
            body.putNull("search");
        } else {
            body.put("search", search);
        }
        ObjectNode sort = body.putObject("sort");
        sort.putNull("by");
        sort.putNull("order");
        return body;
    }

    private static ObjectNode render(Host h) {
        ObjectNode n = JSON.objectNode();
        n.put("ip", h.ip());
        n.putNull("ip6");
        n.put("environment_name", "production");
        n.put("last_report", "2026-11-25 10:00:00 UTC");
        n.put("mac", h.mac());
        n.putNull("realm_name");
        n.putNull("sp_mac");
        n.putNull("sp_ip");
        int dot = h.name().indexOf('.');
        n.put("domain_name", dot < 0 ? null : h.name().substring(dot + 1));
        n.put("architecture_name", "x86_64");
        n.put("operatingsystem_name", h.operatingSystem());
        n.put("hostgroup_name", h.hostgroup());
        n.put("hostgroup_title", h.hostgroup());
        n.putNull("compute_resource_name");
        n.put("build", false);
        n.put("enabled", h.enabled());
        n.put("managed", true);
        n.put("name", h.name());
        n.put("id", h.id());
        n.put("global_status", 0);
        n.put("global_status_label", "OK");
        n.put("created_at", "2026-01-01 00:00:00 UTC");
        n.put("updated_at", "2026-11-25 10:00:00 UTC");
        return n;
    }

    private boolean authorized(@Nullable String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String decoded;
        try {
            decoded =
                    new String(
                            Base64.getDecoder().decode(header.substring(6).trim()),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return decoded.equals(user + ":" + password);
    }

    private static Canned error(int status, String message) throws IOException {
        ObjectNode body = JSON.objectNode();
        body.putObject("error").put("message", message);
        return new Canned(status, MAPPER.writeValueAsBytes(body));
    }

    private static Map<String, String> query(@Nullable String raw) {
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

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pool = null;
        }
    }
}
