package org.ralf.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.simulator.emit.CollectingSink;
import org.ralf.simulator.scenario.Scenario;
import org.ralf.simulator.scenario.ScenarioLoader;
import org.ralf.simulator.truth.GroundTruthFault;

/** Actions reported by the Proxmox side change the model: restarts heal, migrations move load. */
class ClosedLoopEngineTest {

    private static final String YAML =
            """
            duration: 60m
            homelab:
              nodes:
                - {name: pve1, cpus: 4}
                - {name: pve2, cpus: 8}
              guests:
                - {vmid: 101, name: media, node: pve1, cores: 2, memoryGiB: 4, services: [jellyfin]}
                - {vmid: 102, name: git, node: pve1, cores: 2, memoryGiB: 2, services: [gitea]}
            faults:
              - {id: crash, kind: crash-loop, entity: media/jellyfin, start: 5m, end: 50m}
              - {id: disk, kind: disk-fill, entity: media, start: 5m, end: 50m}
              - {id: imbalance, kind: load-imbalance, entity: pve1, start: 20m, end: 50m, params: {guestBusy: 0.95}}
            """;

    private static void ticks(Engine e, int n) {
        for (int i = 0; i < n; i++) {
            e.tick();
        }
    }

    private static GroundTruthFault fault(Engine e, String id) {
        return e.groundTruth().stream()
                .filter(f -> f.faultId().endsWith(":" + id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldEndACrashLoopWhenTheGuestIsRebootedButNotADiskFill() throws Exception {
        Scenario s = ScenarioLoader.parse("loop", YAML);
        Engine e = new Engine(s, 1, s.start(), new CollectingSink(false));
        ticks(e, 22); // 5:15 simulated: the crash loop has begun and jellyfin is down
        assertThat(e.serviceRunning("media/jellyfin")).isFalse();

        e.submit(new ProxmoxAction("reboot", 101, "pve1", "OK"));
        ticks(e, 1);

        GroundTruthFault crash = fault(e, "crash");
        assertThat(crash.endedBy()).isEqualTo("action:reboot");
        assertThat(crash.end()).isEqualTo(s.start().plusSeconds(22 * 15));
        assertThat(fault(e, "disk").end()).isNull();
        for (int i = 0; i < 40; i++) {
            e.tick();
            assertThat(e.serviceRunning("media/jellyfin")).isTrue();
        }
        assertThat(e.actions())
                .singleElement()
                .satisfies(a -> assertThat(a.describe()).isEqualTo("reboot media (OK)"));
    }

    @Test
    void shouldIgnoreAFailedTask() throws Exception {
        Scenario s = ScenarioLoader.parse("loop", YAML);
        Engine e = new Engine(s, 1, s.start(), new CollectingSink(false));
        ticks(e, 24);

        e.submit(new ProxmoxAction("reboot", 101, "pve1", "CT 101 not running"));
        ticks(e, 1);

        assertThat(fault(e, "crash").end()).isNull();
        assertThat(e.actions()).hasSize(1);
    }

    @Test
    void shouldMoveLoadWithAMigrationAndEndTheImbalance() throws Exception {
        Scenario s = ScenarioLoader.parse("loop", YAML);
        CollectingSink sink = new CollectingSink();
        Engine e = new Engine(s, 1, s.start(), sink);
        ticks(e, 100); // 25 minutes: pve1 is overloaded
        double pve1Before = lastLoad(sink, "pve1");
        double pve2Before = lastLoad(sink, "pve2");
        assertThat(pve1Before).isGreaterThan(3.5);

        e.submit(new ProxmoxAction("migrate", 101, "pve2", "OK"));
        ticks(e, 8);

        assertThat(e.nodeOf("media")).isEqualTo("pve2");
        assertThat(fault(e, "imbalance").endedBy()).isEqualTo("action:migrate");
        assertThat(lastLoad(sink, "pve1")).isLessThan(pve1Before - 1.2);
        assertThat(lastLoad(sink, "pve2")).isGreaterThan(pve2Before + 1.2);
    }

    private static double lastLoad(CollectingSink sink, String node) {
        List<MetricSample> load =
                sink.metrics().stream()
                        .filter(
                                m ->
                                        m.name().equals("node_load1")
                                                && m.labels().get("host").equals(node))
                        .toList();
        // average of the last four samples: node_load1 carries 10 % noise
        return load.subList(load.size() - 4, load.size()).stream()
                .mapToDouble(MetricSample::value)
                .average()
                .orElseThrow();
    }
}
