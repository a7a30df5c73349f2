package org.ralf.simulator.proxmox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's contract: envelope, token check, task lifecycle on a controlled clock, TLS identity.
 */
class FakeProxmoxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "ralf@pve!test";
    private static final String SECRET = "fake-secret-1";

    /** A clock the test moves by hand, so task completion needs no waiting. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2024-06-01T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private FakeProxmox pve;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        pve =
                new FakeProxmox(Duration.ofSeconds(30), clock)
                        .addNode("pve1")
                        .addGuest("pve1", "qemu", 100, "web1", false)
                        .addToken(TOKEN, SECRET)
                        .start();
        // Trust exactly the fake's certificate through the normal PKIX path (SAN 127.0.0.1).
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("fake", pve.certificate());
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        pve.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String secret)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(pve.baseUri() + "/api2/json" + path))
                        .header("Authorization", "PVEAPIToken=" + TOKEN + "=" + secret)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .method(
                                method,
                                body.isEmpty()
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode data(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).get("data");
    }

    @Test
    void shouldRunATaskUntilItsDurationPassesThenApplyItsEffect() throws Exception {
        String upid = data(call("POST", "/nodes/pve1/qemu/100/status/start", "", SECRET)).asText();
        String status =
                "/nodes/pve1/tasks/" + URLEncoder.encode(upid, StandardCharsets.UTF_8) + "/status";

        JsonNode running = data(call("GET", status, "", SECRET));
        clock.advance(Duration.ofSeconds(31));
        JsonNode stopped = data(call("GET", status, "", SECRET));

        assertThat(upid)
                .matches(
                        "UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmstart:100:ralf@pve!test:");
        assertThat(running.path("status").asText()).isEqualTo("running");
        assertThat(running.has("exitstatus")).isFalse();
        assertThat(stopped.path("status").asText()).isEqualTo("stopped");
        assertThat(stopped.path("exitstatus").asText()).isEqualTo("OK");
        assertThat(pve.guest(100).status()).isEqualTo("running");
    }

    @Test
    void shouldFailATaskWhosePreconditionNoLongerHolds() throws Exception {
        call("POST", "/nodes/pve1/qemu/100/status/start", "", SECRET);
        String second =
                data(call("POST", "/nodes/pve1/qemu/100/status/start", "", SECRET)).asText();
        clock.advance(Duration.ofSeconds(31));

        assertThat(pve.tasks())
                .filteredOn(t -> t.upid().equals(second))
                .singleElement()
                .satisfies(t -> assertThat(t.exitStatus()).isEqualTo("VM 100 already running"));
    }

    @Test
    void shouldRejectAWrongTokenAndUnknownGuests() throws Exception {
        HttpResponse<String> denied = call("GET", "/nodes", "", "wrong");
        HttpResponse<String> missing =
                call("GET", "/nodes/pve1/qemu/999/status/current", "", SECRET);

        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(denied.body()).get("data").isNull()).isTrue();
        assertThat(missing.statusCode()).isEqualTo(500);
        assertThat(pve.requests())
                .extracting(FakeProxmox.RecordedRequest::authorized)
                .containsExactly(false, true);
    }

    @Test
    void shouldPublishAFingerprintOfItsCertificate() {
        assertThat(pve.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }
}
