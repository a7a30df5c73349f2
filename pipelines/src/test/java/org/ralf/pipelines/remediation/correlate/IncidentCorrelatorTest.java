package org.ralf.pipelines.remediation.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ralf.pipelines.remediation.Fixtures.anomaly;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ralf.pipelines.remediation.topology.LocatedAnomaly;
import org.ralf.pipelines.remediation.topology.TopoEntry;
import org.ralf.pipelines.remediation.topology.Topology;
import org.ralf.schemas.anomaly.AnomalyKind;

class IncidentCorrelatorTest {

    private static final long QUIET = Duration.ofMinutes(5).toMillis();

    // pve1 hosts web01 (vmid 101) running web01/nginx; pve2 hosts db01 (vmid 102)
    private static final Map<String, TopoEntry> TOPOLOGY =
            Map.of(
                    "node/pve1", new TopoEntry("node", "pve1", "pve1", "pve1", null, null),
                    "node/pve2", new TopoEntry("node", "pve2", "pve2", "pve2", null, null),
                    "guest/101", new TopoEntry("guest", "101", "web01", "pve1", "qemu", 101),
                    "guestname/web01", new TopoEntry("guest", "101", "web01", "pve1", "qemu", 101),
                    "guest/102", new TopoEntry("guest", "102", "db01", "pve2", "lxc", 102),
                    "guestname/db01", new TopoEntry("guest", "102", "db01", "pve2", "lxc", 102),
                    "service/web01/nginx",
                            new TopoEntry(
                                    "service", "web01/nginx", "web01/nginx", null, null, 101));
    private static final Function<String, TopoEntry> LOOKUP = TOPOLOGY::get;

    private KeyedOneInputStreamOperatorTestHarness<String, LocatedAnomaly, IncidentSignal> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new IncidentCorrelator(QUIET),
                        l -> l.location().correlationKey(),
                        Types.STRING);
        harness.setProcessingTime(0);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(String entity, String detector, int n) throws Exception {
        harness.processElement(
                new LocatedAnomaly(
                        anomaly(entity, AnomalyKind.PATTERN, detector, n),
                        Topology.locate(entity, LOOKUP)),
                0);
    }

    @Test
    void shouldJoinAnomaliesOfANodeItsGuestAndServiceIntoOneIncidentRootedAtTheNode()
            throws Exception {
        // Act: service first, then its guest, then the node, each within the window
        send("web01/nginx", "crash-loop", 1);
        harness.setProcessingTime(60_000);
        send("web01", "heartbeat", 2);
        harness.setProcessingTime(120_000);
        send("pve1", "node-absence", 3);

        // Assert
        List<IncidentSignal> out = harness.extractOutputValues();
        assertThat(out)
                .extracting(IncidentSignal::type)
                .containsExactly(SignalType.OPENED, SignalType.UPDATED, SignalType.UPDATED);
        assertThat(out)
                .extracting(IncidentSignal::incidentId)
                .containsOnly(out.get(0).incidentId());
        assertThat(out)
                .extracting(s -> s.root().entity())
                .containsExactly("web01/nginx", "web01", "pve1");
        assertThat(out.get(2).affectedEntities()).containsExactly("web01/nginx", "web01", "pve1");
        assertThat(out.get(2).anomalyIds()).hasSize(3);
        assertThat(out.get(0).root().proxmoxRef()).isEqualTo("pve1/qemu/101");
    }

    @Test
    void shouldKeepIncidentsOfDifferentNodesApart() throws Exception {
        // Act
        send("web01", "crash-loop", 1);
        send("db01", "crash-loop", 2);

        // Assert
        List<IncidentSignal> out = harness.extractOutputValues();
        assertThat(out).extracting(IncidentSignal::type).containsOnly(SignalType.OPENED);
        assertThat(out).extracting(IncidentSignal::correlationKey).containsExactly("pve1", "pve2");
    }

    @Test
    void shouldClearAfterTheQuietPeriodAndLeaveNoStateOrTimers() throws Exception {
        // Arrange
        send("web01", "crash-loop", 1);
        harness.setProcessingTime(QUIET - 1000);
        send("web01", "crash-loop", 2); // extends the window

        // Act
        harness.setProcessingTime(QUIET + 1000); // first deadline passed, but it was moved
        int beforeSecondDeadline = harness.extractOutputValues().size();
        harness.setProcessingTime(2 * QUIET);

        // Assert
        List<IncidentSignal> out = harness.extractOutputValues();
        assertThat(beforeSecondDeadline).isEqualTo(2);
        assertThat(out)
                .extracting(IncidentSignal::type)
                .containsExactly(SignalType.OPENED, SignalType.UPDATED, SignalType.CLEARED);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldOpenANewIncidentAfterTheOldOneCleared() throws Exception {
        // Arrange
        send("web01", "crash-loop", 1);
        harness.setProcessingTime(QUIET + 1);

        // Act
        send("web01", "crash-loop", 2);

        // Assert
        List<IncidentSignal> out = harness.extractOutputValues();
        assertThat(out)
                .extracting(IncidentSignal::type)
                .containsExactly(SignalType.OPENED, SignalType.CLEARED, SignalType.OPENED);
        assertThat(out.get(2).incidentId()).isNotEqualTo(out.get(0).incidentId());
    }

    @Test
    void shouldIgnoreADuplicatedAnomaly() throws Exception {
        // Act
        send("web01", "crash-loop", 1);
        send("web01", "crash-loop", 1);

        // Assert
        assertThat(harness.extractOutputValues()).hasSize(1);
    }
}
