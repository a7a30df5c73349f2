package org.ralf.pipelines.remediation.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ralf.pipelines.remediation.Fixtures.anomaly;
import static org.ralf.pipelines.remediation.Fixtures.guest;
import static org.ralf.pipelines.remediation.Fixtures.node;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;
import org.ralf.schemas.cdc.CdcEnvelope;

class TopologyResolverTest {

    private static final long HOLD = Duration.ofSeconds(30).toMillis();

    private KeyedBroadcastOperatorTestHarness<String, Anomaly, CdcEnvelope, LocatedAnomaly> harness;

    private void start(long holdMs) throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new TopologyResolver(holdMs),
                        Anomaly::entity,
                        Types.STRING,
                        TopologyResolver.TOPOLOGY);
        harness.setProcessingTime(0);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private int keyedStateEntries() {
        AbstractStreamOperator<?> op = (AbstractStreamOperator<?>) harness.getOperator();
        return ((HeapKeyedStateBackend<?>) op.getKeyedStateBackend()).numKeyValueStateEntries();
    }

    private void send(String entity, int n) throws Exception {
        harness.processElement(anomaly(entity, AnomalyKind.PATTERN, "crash-loop", n), 0);
    }

    @Test
    void shouldLocateAnAnomalyOnAKnownEntityImmediately() throws Exception {
        // Arrange
        start(HOLD);
        harness.processBroadcastElement(node("pve1"), 0);
        harness.processBroadcastElement(guest(101, "web01", "pve1"), 0);

        // Act
        send("web01", 1);

        // Assert
        assertThat(harness.extractOutputValues())
                .extracting(l -> l.location().role(), l -> l.location().correlationKey())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("guest", "pve1"));
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void shouldHoldAnomaliesThatArriveBeforeTheInventoryAndReleaseThemLocatedInOrder()
            throws Exception {
        // Arrange: the anomalies backlog is read before the inventory snapshot
        start(HOLD);
        send("web01", 1);
        send("web01", 2);
        send("db01", 3);
        assertThat(harness.extractOutputValues()).isEmpty();

        // Act: the inventory arrives within the hold
        harness.setProcessingTime(HOLD / 2);
        harness.processBroadcastElement(node("pve1"), 0);
        harness.processBroadcastElement(guest(101, "web01", "pve1"), 0);

        // Assert: web01's anomalies are released on its node, db01's are still held
        assertThat(harness.extractOutputValues())
                .extracting(l -> l.anomaly().anomalyId(), l -> l.location().correlationKey())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                anomaly("web01", AnomalyKind.PATTERN, "crash-loop", 1).anomalyId(),
                                "pve1"),
                        org.assertj.core.groups.Tuple.tuple(
                                anomaly("web01", AnomalyKind.PATTERN, "crash-loop", 2).anomalyId(),
                                "pve1"));
        assertThat(keyedStateEntries()).isEqualTo(1);
    }

    @Test
    void shouldReleaseAnomaliesOfAnEntityNeverInTheInventoryAsUnknownAfterTheHold()
            throws Exception {
        // Arrange
        start(HOLD);
        send("mystery", 1);
        harness.setProcessingTime(HOLD - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        // Act
        harness.setProcessingTime(HOLD);

        // Assert: correlated on its own, and nothing is left behind
        assertThat(harness.extractOutputValues())
                .extracting(l -> l.location().role(), l -> l.location().correlationKey())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("unknown", "mystery"));
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldLeaveNoStateAndAHarmlessTimerWhenTheInventoryReleasedTheHold() throws Exception {
        // Arrange
        start(HOLD);
        send("web01", 1);
        harness.processBroadcastElement(node("pve1"), 0);
        harness.processBroadcastElement(guest(101, "web01", "pve1"), 0);

        // Act: the hold's timer fires after the release
        harness.setProcessingTime(HOLD);

        // Assert: released once, no state, no timer
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldNotHoldWhenTheHoldIsZero() throws Exception {
        // Arrange
        start(0);

        // Act
        send("web01", 1);

        // Assert
        assertThat(harness.extractOutputValues())
                .extracting(l -> l.location().role())
                .containsExactly("unknown");
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldReleaseABurstAsUnknownOnceTheHoldBoundIsReached() throws Exception {
        // Arrange
        start(HOLD);
        for (int i = 0; i < TopologyResolver.MAX_HELD; i++) {
            send("mystery", i);
        }
        assertThat(harness.extractOutputValues()).isEmpty();

        // Act
        send("mystery", TopologyResolver.MAX_HELD);

        // Assert
        assertThat(harness.extractOutputValues()).hasSize(TopologyResolver.MAX_HELD + 1);
        assertThat(keyedStateEntries()).isZero();
    }
}
