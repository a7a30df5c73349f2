package org.ralf.executor.runner.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import javax.annotation.Nullable;
import org.ralf.executor.config.ExecutorSettings;
import org.ralf.executor.config.ProxmoxTarget;
import org.ralf.executor.config.Secret;
import org.ralf.executor.security.PinnedCertificateTrustManager;

/**
 * A minimal Proxmox VE API client: {@code /api2/json} over HTTPS with API-token authentication
 * ({@code Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET}), form-encoded POST parameters, the
 * {@code {"data": ...}} envelope unwrapped, and an optional certificate fingerprint pin.
 */
public final class ProxmoxClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final HttpClient http;
    private final Duration requestTimeout;

    /**
     * @param base server URL such as {@code https://pve1:8006}
     * @param tokenId {@code USER@REALM!TOKENID}
     * @param tokenSecret the token's secret
     * @param fingerprint SHA-256 certificate fingerprint to pin, or null for CA validation
     * @param requestTimeout timeout of each HTTP request
     */
    public ProxmoxClient(
            URI base,
            String tokenId,
            Secret tokenSecret,
            @Nullable String fingerprint,
            Duration requestTimeout)
            throws GeneralSecurityException {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/api2/json");
        this.authorization = "PVEAPIToken=" + tokenId + "=" + tokenSecret.reveal();
        this.requestTimeout = requestTimeout;
        HttpClient.Builder b =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(requestTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER);
        if (fingerprint != null && !fingerprint.isBlank()) {
            b.sslContext(PinnedCertificateTrustManager.sslContext(fingerprint));
        }
        this.http = b.build();
    }

    /** Creates a client from the executor's Proxmox settings. */
    public static ProxmoxClient of(ExecutorSettings.Proxmox px) throws GeneralSecurityException {
        if (px.url() == null) {
            throw new IllegalStateException("Proxmox is not configured");
        }
        return new ProxmoxClient(
                px.url(), px.tokenId(), px.tokenSecret(), px.fingerprint(), Duration.ofSeconds(30));
    }

    /** GET a path below {@code /api2/json} and return its {@code data}. */
    public JsonNode get(String path) throws ProxmoxException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), path);
    }

    /** POST form parameters to a path below {@code /api2/json} and return its {@code data}. */
    public JsonNode post(String path, Map<String, String> form)
            throws ProxmoxException, InterruptedException {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(enc(k) + "=" + enc(v)));
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
                path);
    }

    /** DELETE a path below {@code /api2/json} (stops a task). */
    public JsonNode delete(String path) throws ProxmoxException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), path);
    }

    /** {@code GET /nodes/{node}/{type}/{vmid}/status/current}. */
    public JsonNode currentStatus(ProxmoxTarget t) throws ProxmoxException, InterruptedException {
        return get(guestPath(t) + "/status/current");
    }

    /** The status of a task. */
    public TaskStatus taskStatus(String upid) throws ProxmoxException, InterruptedException {
        JsonNode d =
                get("/nodes/" + enc(TaskStatus.nodeOf(upid)) + "/tasks/" + enc(upid) + "/status");
        boolean running = "running".equals(d.path("status").asText());
        return new TaskStatus(
                upid, running, running ? null : d.path("exitstatus").asText("unknown"));
    }

    /**
     * Polls a task until it stops or the deadline passes (then the last, still running, status is
     * returned).
     */
    public TaskStatus awaitTask(String upid, Instant deadline, Duration pollInterval)
            throws ProxmoxException, InterruptedException {
        while (true) {
            TaskStatus s = taskStatus(upid);
            if (!s.running()) {
                return s;
            }
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                return s;
            }
            Thread.sleep(Math.min(left, pollInterval.toMillis()));
        }
    }

    /** Stops a running task ({@code DELETE /nodes/{node}/tasks/{upid}}). */
    public void stopTask(String upid) throws ProxmoxException, InterruptedException {
        delete("/nodes/" + enc(TaskStatus.nodeOf(upid)) + "/tasks/" + enc(upid));
    }

    /** The API path of a guest. */
    public static String guestPath(ProxmoxTarget t) {
        return "/nodes/" + enc(t.node()) + "/" + t.type() + "/" + t.vmid();
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private JsonNode send(HttpRequest.Builder b, String path)
            throws ProxmoxException, InterruptedException {
        HttpRequest req =
                b.header("Authorization", authorization)
                        .header("Accept", "application/json")
                        .timeout(requestTimeout)
                        .build();
        HttpResponse<String> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The message of a TLS failure names the pin mismatch; it never contains the token.
            throw new ProxmoxException("Proxmox request " + path + " failed: " + e.getMessage(), e);
        }
        if (res.statusCode() / 100 != 2) {
            String why = res.headers().firstValue("X-Reason").orElse("");
            throw new ProxmoxException(
                    "Proxmox "
                            + path
                            + " returned HTTP "
                            + res.statusCode()
                            + (why.isEmpty() ? "" : " " + why)
                            + ": "
                            + shorten(res.body()),
                    res.statusCode());
        }
        try {
            JsonNode root = MAPPER.readTree(res.body());
            if (root == null || !root.has("data")) {
                throw new ProxmoxException(
                        "Proxmox " + path + " returned no data envelope", res.statusCode());
            }
            return root.get("data");
        } catch (IOException e) {
            throw new ProxmoxException("Proxmox " + path + " returned invalid JSON", e);
        }
    }

    private static String shorten(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
