package org.ralf.pipelines.cep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ralf.pipelines.cep.Events.MINUTE;
import static org.ralf.pipelines.cep.Events.T0;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.ralf.pipelines.entity.EntityEvent;
import org.ralf.pipelines.entity.EntityEvents;
import org.ralf.pipelines.entity.EntityKind;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;

/** Host silence and first sightings: positive and negative cases, and their state cleanup. */
class KeyedPatternFunctionsTest {

    private static final PatternSettings O = PatternSettings.defaults(); // silent after 5 min

    private static KeyedOneInputStreamOperatorTestHarness<String, EntityEvent, Anomaly> silence()
            throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new HostSilenceFunction(O)),
                        EntityEvent::host,
                        Types.STRING);
        h.open();
        return h;
    }

    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, EntityEvent, Anomaly> h, EntityEvent e)
            throws Exception {
        h.processElement(new StreamRecord<>(e, e.timestamp));
    }

    @Test
    void shouldReportAHostSilentForTheSpanAndForgetIt() throws Exception {
        try (var h = silence()) {
            // Arrange: web01 speaks until +2 min, web02 keeps speaking
            feed(h, EntityEvents.activity("web01", T0, "metrics"));
            feed(h, EntityEvents.activity("web01", T0 + 2 * MINUTE, "logs"));
            for (int m = 0; m <= 8; m++) {
                feed(h, EntityEvents.activity("web02", T0 + m * MINUTE, "metrics"));
            }

            // Act
            h.processWatermark(T0 + 8 * MINUTE);

            // Assert
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.entity()).isEqualTo("web01");
                                assertThat(a.kind()).isEqualTo(AnomalyKind.ABSENCE);
                                assertThat(a.windowStart().toEpochMilli())
                                        .isEqualTo(T0 + 2 * MINUTE);
                                assertThat(a.explanation())
                                        .contains("host-silent on web01")
                                        .contains("ACTIVITY logs");
                            });
            assertThat(h.numKeyedStateEntries()).isEqualTo(1); // only web02 is still tracked
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
        }
    }

    @Test
    void shouldNotReportAHostThatKeepsSpeaking() throws Exception {
        try (var h = silence()) {
            for (int m = 0; m <= 20; m++) {
                feed(h, EntityEvents.activity("web01", T0 + m * MINUTE, "metrics"));
            }
            h.processWatermark(T0 + 20 * MINUTE);

            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numEventTimeTimers()).isEqualTo(1); // one timer per host, not per event
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, EntityEvent, Anomaly> firstSeen()
            throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new FirstSeenFunction(O)),
                        e -> e.entity,
                        Types.STRING);
        h.open();
        return h;
    }

    private static EntityEvent seen(long t, String host, String source, String type) {
        return EntityEvent.of(host, EntityKind.HOST_SEEN, t, source, Double.NaN, type, "host.lan");
    }

    @Test
    void shouldReportANewHostOnceAndABackupServerAsSuch() throws Exception {
        try (var h = firstSeen()) {
            feed(h, seen(T0, "mac:aa:bb", "DHCP", ""));
            feed(h, seen(T0 + MINUTE, "mac:aa:bb", "DHCP", ""));
            feed(h, seen(T0 + MINUTE, "fqdn:pbs1.lan", "PBS", "datastore"));

            assertThat(h.extractOutputValues())
                    .extracting(Anomaly::detector, Anomaly::entity)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    FirstSeenFunction.NEW_HOST, "mac:aa:bb"),
                            org.assertj.core.groups.Tuple.tuple(
                                    FirstSeenFunction.PBS_APPEARED, "fqdn:pbs1.lan"));
            assertThat(h.extractOutputValues().get(1).explanation())
                    .contains("backup server (PBS)")
                    .contains("HOST_SEEN PBS");
        }
    }

    @Test
    void shouldNotReportAHostTheInventoryKnows() throws Exception {
        try (var h = firstSeen()) {
            feed(
                    h,
                    EntityEvent.of(
                            "vmid:101", EntityKind.INVENTORY, T0, "guests", Double.NaN, "", ""));
            feed(h, seen(T0 + MINUTE, "vmid:101", "PROXMOX", "qemu"));

            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void shouldForgetAHostUnseenForTheMemorySpan() throws Exception {
        try (var h = firstSeen()) {
            feed(h, seen(T0, "mac:aa:bb", "DHCP", ""));
            h.processWatermark(T0 + O.hostMemory().toMillis() + 1);

            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
