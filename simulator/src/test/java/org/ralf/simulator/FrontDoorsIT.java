package org.ralf.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Front-door mode: each simulated host has a Prometheus exposition endpoint with simulated
 * timestamps, log lines arrive as RFC 5424 syslog over UDP, and the Proxmox API knows the homelab.
 */
class FrontDoorsIT {

    @Test
    void shouldExposeMetricsPerHostAndSendSyslog() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(10_000);
            SimulatorSettings settings =
                    new SimulatorSettings(
                            "smoke",
                            2L,
                            null,
                            0,
                            SimulatorSettings.Mode.FRONT_DOORS,
                            null,
                            null,
                            null,
                            null,
                            null,
                            "127.0.0.1",
                            receiver.getLocalPort());
            try (Simulator sim = Simulator.create(settings)) {
                for (int i = 0; i < 8; i++) {
                    sim.tick();
                }

                assertThat(sim.scrapeTargets()).containsOnlyKeys("pve1", "pve2", "media", "git");
                HttpResponse<String> r =
                        HttpClient.newHttpClient()
                                .send(
                                        HttpRequest.newBuilder(sim.scrapeTargets().get("media"))
                                                .timeout(Duration.ofSeconds(10))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(
                                v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
                long lastTick = sim.simulatedStart().plusSeconds(7 * 15).toEpochMilli();
                assertThat(r.body())
                        .contains("# TYPE node_cpu_seconds_total counter\n")
                        .contains("# TYPE node_memory_MemAvailable_bytes gauge\n")
                        .containsPattern(
                                "(?m)^node_filesystem_avail_bytes\\{device=\"rpool/data/subvol-101-disk-0\",fstype=\"zfs\",host=\"media\",instance=\"media:9100\",job=\"node\",mountpoint=\"/\"} \\d+ "
                                        + lastTick
                                        + "$")
                        .contains("container_memory_working_set_bytes{host=\"media\"")
                        .doesNotContain("host=\"git\"")
                        .doesNotContain("\nup{");
                assertThat(sim.proxmox().guest(102).node()).isEqualTo("pve2");

                byte[] buf = new byte[4096];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                receiver.receive(p);
                String line = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                assertThat(line)
                        .matches(
                                "<\\d{1,3}>1 2026-01-05T12:0\\d:\\d{2}(\\.\\d+)?Z (pve1|pve2|media|git) \\S+ - - - .+");
            }
        }
    }
}
