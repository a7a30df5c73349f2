package org.ralf.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.serde.Json;
import org.ralf.simulator.proxmox.FakeProxmox;
import org.ralf.simulator.truth.GroundTruthFault;

/**
 * The closed loop through the real Proxmox API: a reboot requested over HTTPS from the FakeProxmox
 * that the simulator keeps in step ends the crash loop in the model.
 */
class ClosedLoopIT {

    @Test
    void shouldEndTheCrashLoopWhenTheGuestIsRebootedThroughTheApi() throws Exception {
        try (FakeProxmox pve =
                        new FakeProxmox(Duration.ofMillis(100))
                                .addToken("ralf@pve!t", "secret")
                                .start();
                Simulator sim = Simulator.create(SimulatorSettings.collect("smoke", 1), pve)) {
            for (int i = 0; i < 12; i++) {
                sim.tick(); // 3 simulated minutes: the crash loop (from minute 2) is on
            }
            assertThat(sim.groundTruth())
                    .singleElement()
                    .satisfies(f -> assertThat(f.end()).isNull());
            assertThat(pve.guest(101).node()).isEqualTo("pve1");
            HttpClient http = client(pve);

            String upid = post(http, pve, "/nodes/pve1/lxc/101/status/reboot").get("data").asText();
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    "OK"
                                            .equals(
                                                    get(
                                                                    http,
                                                                    pve,
                                                                    "/nodes/pve1/tasks/"
                                                                            + upid
                                                                            + "/status")
                                                            .get("data")
                                                            .path("exitstatus")
                                                            .asText()));
            sim.tick();

            GroundTruthFault f = sim.groundTruth().get(0);
            assertThat(f.endedBy()).isEqualTo("action:reboot");
            assertThat(sim.actions())
                    .singleElement()
                    .satisfies(a -> assertThat(a.describe()).isEqualTo("reboot media (OK)"));
            for (int i = 0; i < 20; i++) {
                sim.tick();
                assertThat(sim.serviceRunning("media/jellyfin")).isTrue();
            }
            assertThat(sim.report(java.util.List.of()).faults().get(0).recovered()).isTrue();
        }
    }

    @Test
    void shouldMoveTheGuestWhenItIsMigratedThroughTheApi() throws Exception {
        try (FakeProxmox pve =
                        new FakeProxmox(Duration.ofMillis(100))
                                .addToken("ralf@pve!t", "secret")
                                .start();
                Simulator sim = Simulator.create(SimulatorSettings.collect("smoke", 1), pve)) {
            sim.tick();
            HttpClient http = client(pve);

            String upid =
                    post(http, pve, "/nodes/pve1/lxc/101/migrate?target=pve2&restart=1")
                            .get("data")
                            .asText();
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    "OK"
                                            .equals(
                                                    get(
                                                                    http,
                                                                    pve,
                                                                    "/nodes/pve1/tasks/"
                                                                            + upid
                                                                            + "/status")
                                                            .get("data")
                                                            .path("exitstatus")
                                                            .asText()));
            sim.tick();

            assertThat(sim.nodeOf("media")).isEqualTo("pve2");
            assertThat(pve.guest(101).node()).isEqualTo("pve2");
        }
    }

    private static HttpClient client(FakeProxmox pve) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("pve", pve.certificate());
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(ctx)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static JsonNode post(HttpClient http, FakeProxmox pve, String path) throws Exception {
        return send(
                http,
                HttpRequest.newBuilder(uri(pve, path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static JsonNode get(HttpClient http, FakeProxmox pve, String path) throws Exception {
        return send(http, HttpRequest.newBuilder(uri(pve, path)).GET());
    }

    private static URI uri(FakeProxmox pve, String path) {
        return URI.create(pve.baseUri() + "/api2/json" + path);
    }

    private static JsonNode send(HttpClient http, HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r =
                http.send(
                        b.header("Authorization", "PVEAPIToken=ralf@pve!t=secret")
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }
}
