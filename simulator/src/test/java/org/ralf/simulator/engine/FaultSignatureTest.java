package org.ralf.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.discovery.DiscoveryKind;
import org.ralf.schemas.discovery.DiscoverySource;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.simulator.emit.CollectingSink;
import org.ralf.simulator.scenario.Scenario;
import org.ralf.simulator.scenario.ScenarioLoader;
import org.ralf.simulator.truth.GroundTruthFault;

/**
 * Each fault kind leaves its signature in the emitted metrics, logs, discovery events or inventory
 * rows: the fault runs from minute 20 to minute 40 of a one-hour scenario, and the signature is
 * compared between before (0-20), during (25-40) and after (45-60).
 */
class FaultSignatureTest {

    private static final String HOMELAB =
            """
            duration: 60m
            step: 15s
            start: 2026-01-05T10:00:00Z
            homelab:
              nodes:
                - {name: pve1, cpus: 4, memoryGiB: 16, diskGiB: 128}
                - {name: pve2, cpus: 8, memoryGiB: 32, diskGiB: 256}
              guests:
                - {vmid: 101, name: media, type: lxc, node: pve1, cores: 2, memoryGiB: 4, diskGiB: 32, services: [jellyfin, nginx]}
                - {vmid: 102, name: git, type: lxc, node: pve1, cores: 2, memoryGiB: 2, diskGiB: 16, services: [gitea]}
                - {vmid: 103, name: vault, type: lxc, node: pve2, cores: 1, memoryGiB: 1, diskGiB: 8, services: [vaultwarden]}
                - {vmid: 120, name: pbs, type: qemu, node: pve2, cores: 2, memoryGiB: 4, diskGiB: 200, services: [proxmox-backup], present: false}
                - {vmid: 121, name: wiki, type: lxc, node: pve2, cores: 1, memoryGiB: 1, diskGiB: 8, services: [nginx], present: false}
            faults:
              - {id: f, kind: %s, entity: %s, start: 20m, end: 40m%s}
            """;

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private static CollectingSink run(String kind, String entity, String params) throws Exception {
        Scenario s =
                ScenarioLoader.parse(
                        kind,
                        HOMELAB.formatted(
                                kind, entity, params.isEmpty() ? "" : ", params: " + params));
        CollectingSink sink = new CollectingSink();
        Engine e = new Engine(s, 3, s.start(), sink);
        e.runToEnd();
        List<GroundTruthFault> truth = e.groundTruth();
        assertThat(truth)
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.start()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
                            assertThat(f.end()).isEqualTo(T0.plus(Duration.ofMinutes(40)));
                            assertThat(f.endedBy()).isEqualTo("schedule");
                        });
        return sink;
    }

    private static boolean in(Instant t, int fromMin, int toMin) {
        return !t.isBefore(T0.plus(Duration.ofMinutes(fromMin)))
                && t.isBefore(T0.plus(Duration.ofMinutes(toMin)));
    }

    private static List<MetricSample> series(
            CollectingSink s, String name, Map<String, String> labels) {
        return s.metrics().stream()
                .filter(m -> m.name().equals(name))
                .filter(m -> m.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
    }

    private static List<Double> values(List<MetricSample> ms, int fromMin, int toMin) {
        return ms.stream()
                .filter(m -> in(m.timestamp(), fromMin, toMin))
                .map(MetricSample::value)
                .toList();
    }

    private static long logs(
            CollectingSink s, String host, Predicate<LogRecord> p, int fromMin, int toMin) {
        return s.logs().stream()
                .filter(l -> l.host().equals(host) && in(l.timestamp(), fromMin, toMin))
                .filter(p)
                .count();
    }

    /** CPU busy share of a host over a window, from node_cpu_seconds_total idle counters. */
    private static double busy(CollectingSink s, String host, int fromMin, int toMin) {
        List<MetricSample> idle =
                series(s, "node_cpu_seconds_total", Map.of("host", host, "mode", "idle")).stream()
                        .filter(m -> in(m.timestamp(), fromMin, toMin))
                        .toList();
        Instant first = idle.get(0).timestamp();
        Instant last = idle.get(idle.size() - 1).timestamp();
        double idleFirst =
                idle.stream()
                        .filter(m -> m.timestamp().equals(first))
                        .mapToDouble(MetricSample::value)
                        .sum();
        double idleLast =
                idle.stream()
                        .filter(m -> m.timestamp().equals(last))
                        .mapToDouble(MetricSample::value)
                        .sum();
        long cpus = idle.stream().filter(m -> m.timestamp().equals(first)).count();
        double seconds = Duration.between(first, last).toSeconds();
        return 1 - (idleLast - idleFirst) / (seconds * cpus);
    }

    @Test
    void shouldCrashLoopAServiceWithFailingProbesRestartsAndSystemdErrors() throws Exception {
        CollectingSink s = run("crash-loop", "media/jellyfin", "");

        List<MetricSample> probe = series(s, "probe_success", Map.of("service", "media/jellyfin"));
        assertThat(values(probe, 0, 20)).containsOnly(1.0);
        assertThat(values(probe, 25, 40)).contains(0.0, 1.0);
        assertThat(values(probe, 45, 60)).containsOnly(1.0);
        List<Double> startTimes =
                values(
                        series(
                                s,
                                "container_start_time_seconds",
                                Map.of("service", "media/jellyfin")),
                        20,
                        40);
        assertThat(startTimes.stream().distinct().count()).isGreaterThanOrEqualTo(5);
        assertThat(
                        logs(
                                s,
                                "media",
                                l -> l.message().contains("Main process exited, code=exited"),
                                20,
                                40))
                .isGreaterThanOrEqualTo(5);
        assertThat(logs(s, "media", l -> l.message().contains("Main process exited"), 0, 20))
                .isZero();
        assertThat(values(series(s, "probe_success", Map.of("service", "media/nginx")), 0, 60))
                .containsOnly(1.0);
    }

    @Test
    void shouldLeakMemoryUntilTheOomKillerStrikes() throws Exception {
        CollectingSink s = run("memory-leak", "git/gitea", "{rateMiBPerMinute: 120}");

        List<MetricSample> mem =
                series(s, "container_memory_working_set_bytes", Map.of("service", "git/gitea"));
        double before = values(mem, 0, 20).stream().mapToDouble(d -> d).max().orElseThrow();
        double peak = values(mem, 20, 40).stream().mapToDouble(d -> d).max().orElseThrow();
        assertThat(peak).isGreaterThan(before + 800.0 * (1 << 20));
        List<Double> avail =
                values(series(s, "node_memory_MemAvailable_bytes", Map.of("host", "git")), 20, 40);
        assertThat(avail.stream().mapToDouble(d -> d).min().orElseThrow())
                .isLessThan(0.1 * 2 * (1L << 30));
        assertThat(
                        logs(
                                s,
                                "git",
                                l -> l.message().startsWith("Out of memory: Killed process"),
                                20,
                                40))
                .isGreaterThanOrEqualTo(1);
        assertThat(logs(s, "git", l -> l.message().startsWith("Out of memory"), 0, 20)).isZero();
        double after = values(mem, 45, 60).stream().mapToDouble(d -> d).max().orElseThrow();
        assertThat(after).isLessThan(before * 1.5);
    }

    @Test
    void shouldFillTheRootFilesystemAndLogNoSpaceLeft() throws Exception {
        CollectingSink s = run("disk-fill", "media", "");

        List<MetricSample> avail =
                series(
                        s,
                        "node_filesystem_avail_bytes",
                        Map.of("host", "media", "mountpoint", "/"));
        double size = 32.0 * (1L << 30);
        assertThat(values(avail, 0, 20)).allMatch(v -> v > 0.2 * size);
        assertThat(values(avail, 30, 40).stream().mapToDouble(d -> d).min().orElseThrow())
                .isLessThan(0.02 * size);
        assertThat(logs(s, "media", l -> l.message().contains("no space left on device"), 20, 40))
                .isPositive();
        assertThat(values(avail, 45, 60)).allMatch(v -> v > 0.2 * size);
    }

    @Test
    void shouldSaturateTheCpuOfAGuest() throws Exception {
        CollectingSink s = run("cpu-saturation", "media", "");

        assertThat(busy(s, "media", 0, 20)).isLessThan(0.5);
        assertThat(busy(s, "media", 25, 40)).isGreaterThan(0.9);
        assertThat(busy(s, "media", 45, 60)).isLessThan(0.5);
        List<Double> latency =
                values(
                        series(s, "probe_duration_seconds", Map.of("service", "media/jellyfin")),
                        25,
                        40);
        assertThat(latency.stream().mapToDouble(d -> d).average().orElseThrow()).isGreaterThan(0.2);
    }

    @Test
    void shouldFlapTheNetworkLinkWithCarrierChangesAndKernelLogs() throws Exception {
        CollectingSink s = run("network-flapping", "media", "{upSeconds: 60, downSeconds: 30}");

        List<MetricSample> up = series(s, "up", Map.of("host", "media", "job", "node"));
        assertThat(values(up, 0, 20)).containsOnly(1.0);
        assertThat(values(up, 20, 40)).contains(0.0, 1.0);
        List<Double> changes =
                values(
                        series(s, "node_network_carrier_changes_total", Map.of("host", "media")),
                        0,
                        60);
        assertThat(changes.get(changes.size() - 1) - changes.get(0)).isGreaterThanOrEqualTo(4);
        assertThat(logs(s, "media", l -> l.message().contains("link is not ready"), 20, 40))
                .isGreaterThanOrEqualTo(2);
        assertThat(values(series(s, "probe_success", Map.of("service", "media/jellyfin")), 20, 40))
                .contains(0.0);
        assertThat(values(up, 45, 60)).containsOnly(1.0);
    }

    @Test
    void shouldTakeANodeAndItsGuestsDown() throws Exception {
        CollectingSink s = run("host-down", "pve1", "");

        assertThat(values(series(s, "up", Map.of("host", "pve1")), 20, 40)).containsOnly(0.0);
        assertThat(values(series(s, "up", Map.of("host", "media", "job", "node")), 20, 40))
                .containsOnly(0.0);
        assertThat(values(series(s, "node_load1", Map.of("host", "pve1")), 20, 40)).isEmpty();
        assertThat(values(series(s, "probe_success", Map.of("service", "git/gitea")), 20, 40))
                .containsOnly(0.0);
        assertThat(values(series(s, "up", Map.of("host", "vault", "job", "node")), 0, 60))
                .containsOnly(1.0);
        assertThat(logs(s, "pve2", l -> l.message().contains("link: 0 is down"), 20, 21))
                .isPositive();
        assertThat(s.of(SimEvent.Discovery.class))
                .anyMatch(
                        d ->
                                d.event().kind() == DiscoveryKind.CHANGED
                                        && "offline".equals(d.event().attributes().get("status")));
        assertThat(s.of(SimEvent.Inventory.class))
                .anyMatch(
                        i -> i.table().equals("nodes") && "offline".equals(i.row().get("status")));
        assertThat(values(series(s, "up", Map.of("host", "pve1")), 45, 60)).containsOnly(1.0);
    }

    @Test
    void shouldLetANewHostJoinWithDiscoveryInventoryAndMetrics() throws Exception {
        CollectingSink s = run("new-host", "wiki", "");

        assertThat(values(series(s, "up", Map.of("host", "wiki")), 0, 20)).isEmpty();
        assertThat(values(series(s, "up", Map.of("host", "wiki")), 20, 60))
                .isNotEmpty()
                .containsOnly(1.0);
        assertThat(s.of(SimEvent.Discovery.class))
                .filteredOn(d -> "wiki".equals(d.event().attributes().get("name")))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.event().kind()).isEqualTo(DiscoveryKind.SEEN);
                            assertThat(d.event().vmid()).isEqualTo(121);
                            assertThat(in(d.event().observedAt(), 20, 21)).isTrue();
                        });
        assertThat(s.of(SimEvent.Inventory.class))
                .anyMatch(
                        i ->
                                i.table().equals("guests")
                                        && Integer.valueOf(121).equals(i.row().get("vmid")));
    }

    @Test
    void shouldMakeABackupServerAppearWithAStorage() throws Exception {
        CollectingSink s = run("pbs-appears", "pbs", "");

        assertThat(s.of(SimEvent.Discovery.class))
                .anyMatch(
                        d ->
                                d.event().source() == DiscoverySource.PBS
                                        && in(d.event().observedAt(), 20, 21));
        assertThat(s.of(SimEvent.Inventory.class))
                .anyMatch(i -> i.table().equals("storages") && "pbs".equals(i.row().get("type")));
        assertThat(logs(s, "pbs", l -> "proxmox-backup-proxy".equals(l.service()), 20, 60))
                .isPositive();
    }

    @Test
    void shouldOverloadOneNodeInALoadImbalance() throws Exception {
        CollectingSink s = run("load-imbalance", "pve1", "{guestBusy: 0.95}");

        assertThat(busy(s, "pve1", 0, 20)).isLessThan(0.5);
        assertThat(busy(s, "pve1", 25, 40)).isGreaterThan(0.85);
        assertThat(busy(s, "pve2", 25, 40)).isLessThan(0.5);
        assertThat(busy(s, "pve1", 45, 60)).isLessThan(0.5);
    }

    @Test
    void shouldFailADeploymentAndRollItBack() throws Exception {
        CollectingSink s = run("failed-deployment", "media/jellyfin", "");

        List<String> states =
                s.of(SimEvent.Inventory.class).stream()
                        .filter(
                                i ->
                                        i.table().equals("deployments")
                                                && "media/jellyfin"
                                                        .equals(i.row().get("service_id")))
                        .map(i -> i.row().get("version") + ":" + i.row().get("state"))
                        .toList();
        assertThat(states)
                .containsSubsequence(
                        "1.0.0:deployed",
                        "1.1.0:deploying",
                        "1.1.0:failed",
                        "1.1.0:rolled_back",
                        "1.0.0:deployed");
        List<MetricSample> probe = series(s, "probe_success", Map.of("service", "media/jellyfin"));
        assertThat(values(probe, 25, 40)).containsOnly(0.0);
        assertThat(values(probe, 45, 60)).containsOnly(1.0);
        assertThat(logs(s, "media", l -> l.message().contains("refuses to start"), 20, 40))
                .isPositive();
    }
}
