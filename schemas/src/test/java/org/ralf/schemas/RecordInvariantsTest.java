package org.ralf.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.cdc.CdcOp;
import org.ralf.schemas.cdc.CdcSource;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.incident.Incident;
import org.ralf.schemas.incident.IncidentState;
import org.ralf.schemas.log.Severity;
import org.ralf.schemas.metric.MetricSample;

class RecordInvariantsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T22:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-25T22:05:00Z");

    @Test
    void shouldDeriveSeriesIdFromNameAndSortedEscapedLabels() {
        Map<String, String> labels = new HashMap<>();
        labels.put("path", "C:\\x");
        labels.put("instance", "a\"b\nc");

        MetricSample sample = MetricSample.of("disk_free", labels, 1.0, T0, "test");

        assertThat(sample.seriesId())
                .isEqualTo("disk_free{instance=\"a\\\"b\\nc\",path=\"C:\\\\x\"}");
        assertThat(sample.labels().keySet()).containsExactly("instance", "path");
        assertThat(MetricSample.seriesIdOf("up", Map.of())).isEqualTo("up");
    }

    @Test
    void shouldRejectInconsistentOrNonFiniteMetric() {
        assertThatThrownBy(
                        () ->
                                new MetricSample(
                                        1, "up{a=\"2\"}", "up", Map.of("a", "1"), 1.0, T0, "s"))
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> MetricSample.of("up", Map.of(), Double.NaN, T0, "s"))
                .hasMessage("value must be finite, was NaN");
        assertThatThrownBy(() -> MetricSample.of(" ", Map.of(), 1.0, T0, "s"))
                .hasMessage("name must not be blank");
    }

    @Test
    void shouldCopyLabelsDefensively() {
        Map<String, String> labels = new HashMap<>(Map.of("a", "1"));
        MetricSample sample = MetricSample.of("up", labels, 1.0, T0, "s");

        labels.put("b", "2");

        assertThat(sample.labels()).containsOnlyKeys("a");
        assertThatThrownBy(() -> sample.labels().put("c", "3"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static Anomaly anomaly(
            double score, Instant start, Instant end, Double low, Double high) {
        return new Anomaly(
                1,
                "a1",
                "pve1",
                "up",
                null,
                AnomalyKind.METRIC_OUTLIER,
                "robust-z",
                score,
                5.0,
                low,
                high,
                Map.of("x", 1.0),
                start,
                end,
                end,
                "why",
                Map.of());
    }

    @Test
    void shouldBoundAnomalyScoreWindowAndRange() {
        assertThat(anomaly(1.0, T0, T1, 1.0, 2.0).score()).isEqualTo(1.0);
        assertThatThrownBy(() -> anomaly(-0.1, T0, T1, null, null))
                .hasMessage("score must be in [0,1], was -0.1");
        assertThatThrownBy(() -> anomaly(0.5, T1, T0, null, null))
                .hasMessageContaining("windowEnd");
        assertThatThrownBy(() -> anomaly(0.5, T0, T1, 3.0, 2.0))
                .hasMessageContaining("expectedLow (3.0) > expectedHigh (2.0)");
    }

    @Test
    void shouldRequireResolvedAtForResolvedIncident() {
        assertThatThrownBy(
                        () ->
                                new Incident(
                                        1,
                                        "i1",
                                        "web01",
                                        List.of("web01"),
                                        IncidentState.RESOLVED,
                                        List.of(),
                                        T0,
                                        T1,
                                        null,
                                        "s"))
                .hasMessage("resolvedAt is required when state is RESOLVED");
        assertThatThrownBy(
                        () ->
                                new Incident(
                                        1,
                                        "i1",
                                        "web01",
                                        List.of(""),
                                        IncidentState.OPEN,
                                        List.of(),
                                        T0,
                                        T1,
                                        null,
                                        "s"))
                .hasMessage("affectedEntities[0] must not be blank");
    }

    @Test
    void shouldPreferMacThenVmidThenFqdnForHostIdentity() {
        assertThat(DiscoveryEvent.hostIdOf("BC-24-11-5E-0A-01", 101, "Web01.lab"))
                .isEqualTo("mac:bc:24:11:5e:0a:01");
        assertThat(DiscoveryEvent.hostIdOf(null, 101, "web01.lab")).isEqualTo("vmid:101");
        assertThat(DiscoveryEvent.hostIdOf(" ", null, "Web01.Lab")).isEqualTo("fqdn:web01.lab");
        assertThatThrownBy(() -> DiscoveryEvent.hostIdOf(null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRequireRowImageMatchingOp() {
        CdcSource source = new CdcSource(null, null, null, "ralf", "nodes", 1L, null, null, null);
        Map<String, Object> row = new HashMap<>();
        row.put("node", "pve1");
        row.put("address", null);

        assertThatThrownBy(() -> new CdcEnvelope(1, CdcOp.CREATE, row, null, source, 2L))
                .hasMessage("after (op c) is required");
        assertThatThrownBy(() -> new CdcEnvelope(1, CdcOp.DELETE, null, row, source, 2L))
                .hasMessage("before (op d) is required");
        CdcEnvelope delete = new CdcEnvelope(1, CdcOp.DELETE, row, null, source, 2L);
        assertThat(delete.row()).containsEntry("address", null);
        assertThat(delete.table()).isEqualTo("nodes");
        assertThatThrownBy(() -> CdcOp.ofCode("x")).hasMessageContaining("unknown Debezium op");
    }

    @Test
    void shouldCompareDeadLetterPayloadByContentAndCopyIt() {
        byte[] payload = {1, 2, 3};
        DeadLetter a = new DeadLetter(1, "t", 0, 1L, payload, DeadLetterCause.EMPTY, "r", null, T0);
        DeadLetter b =
                new DeadLetter(
                        1, "t", 0, 1L, new byte[] {1, 2, 3}, DeadLetterCause.EMPTY, "r", null, T0);

        payload[0] = 9;
        a.payload()[1] = 9;

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.payload()).containsExactly(1, 2, 3);
        assertThatThrownBy(
                        () ->
                                new DeadLetter(
                                        1,
                                        "t",
                                        -1,
                                        null,
                                        payload,
                                        DeadLetterCause.EMPTY,
                                        "r",
                                        null,
                                        T0))
                .hasMessage("partition must be >= 0, was -1");
    }

    @Test
    void shouldMakeNameBasedIdsDeterministicAndUnambiguous() {
        assertThat(Ids.nameBased("a", "bc")).isEqualTo(Ids.nameBased("a", "bc"));
        assertThat(Ids.nameBased("a", "bc")).isNotEqualTo(Ids.nameBased("ab", "c"));
        assertThat(Ids.nameBased("x"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void shouldMapSyslogCodesToSeverities() {
        assertThat(Severity.ofCode(0)).isEqualTo(Severity.EMERGENCY);
        assertThat(Severity.ofCode(7)).isEqualTo(Severity.DEBUG);
        assertThat(Severity.WARNING.code()).isEqualTo(4);
        assertThatThrownBy(() -> Severity.ofCode(8)).isInstanceOf(IllegalArgumentException.class);
    }
}
