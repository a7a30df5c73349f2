package org.ralf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;
import org.ralf.simulator.score.FaultOutcome;
import org.ralf.simulator.score.Report;
import org.ralf.simulator.score.Totals;

class DemoReportTest {

    private static final Instant T0 = Instant.parse("2026-01-05T16:00:00Z");

    private static FaultOutcome outcome(String id, Double delay) {
        return new FaultOutcome(
                id, "crash-loop", "e", T0, delay != null, null, delay, List.of(), false);
    }

    private static Report report(FaultOutcome... faults) {
        return new Report("demo", 1, List.of(faults), new Totals(0, 0, 0, 0, 1, 1, 0, 0));
    }

    private static Anomaly anomaly(String id, String entity, String metric) {
        return new Anomaly(
                Anomaly.SCHEMA_VERSION,
                id,
                entity,
                metric == null ? null : metric + "{}",
                null,
                AnomalyKind.METRIC_OUTLIER,
                "series-detector",
                0.9,
                1.0,
                null,
                null,
                Map.of(),
                T0,
                T0,
                T0,
                "x",
                metric == null ? Map.of() : Map.of("metric", metric));
    }

    @Test
    void shouldTakeTheMedianDelayOfTheDetectedFaultsOnly() {
        assertThat(DemoCommand.medianDelay(report(outcome("a", 30.0), outcome("b", null))))
                .isEqualTo(30.0);
        assertThat(
                        DemoCommand.medianDelay(
                                report(outcome("a", 30.0), outcome("b", 90.0), outcome("c", 0.0))))
                .isEqualTo(30.0);
        assertThat(DemoCommand.medianDelay(report(outcome("a", 30.0), outcome("b", 90.0))))
                .isEqualTo(60.0);
        assertThat(DemoCommand.medianDelay(report(outcome("a", null)))).isNull();
    }

    @Test
    void shouldGroupUnmatchedAnomaliesBySourceMostFrequentFirst() {
        List<Anomaly> anomalies =
                List.of(
                        anomaly("1", "pve3", "node_cpu_seconds_total"),
                        anomaly("2", "pve3", "node_cpu_seconds_total"),
                        anomaly("3", "db", "node_load1"),
                        anomaly("4", "media", null));
        Map<String, Boolean> matched = Map.of("1", false, "2", false, "3", false, "4", true);

        var sources = DemoCommand.falseAlarmSources(anomalies, matched);

        assertThat(sources).hasSize(2);
        assertThat(sources.get(0).getKey())
                .isEqualTo("pve3 | METRIC_OUTLIER | series-detector (node_cpu_seconds_total)");
        assertThat(sources.get(0).getValue()).isEqualTo(2L);
        assertThat(sources.get(1).getKey()).startsWith("db |");
    }
}
