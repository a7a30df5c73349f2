package org.ralf.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;
import org.ralf.simulator.score.Report;
import org.ralf.simulator.score.Scorer;
import org.ralf.simulator.truth.GroundTruthFault;

class DemoTimelineTest {

    private static final Instant T0 = Instant.parse("2026-01-05T16:00:00Z");

    private static final GroundTruthFault FAULT =
            new GroundTruthFault(
                    "f1",
                    "demo",
                    "crash-loop",
                    "media/jellyfin",
                    List.of("media/jellyfin", "media"),
                    T0.plusSeconds(60),
                    T0.plusSeconds(600),
                    null,
                    null,
                    Map.of());

    private static Anomaly anomaly(String id, String entity, Instant at) {
        return new Anomaly(
                Anomaly.SCHEMA_VERSION,
                id,
                entity,
                null,
                null,
                AnomalyKind.PATTERN,
                "crash-loop",
                1.0,
                null,
                null,
                null,
                Map.of(),
                at,
                at,
                at,
                "test",
                Map.of());
    }

    @Test
    void shouldAnnounceAFaultOnceWhenItsFirstMatchingAnomalyArrives() {
        // Arrange: the real scorer against one fault
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        DemoTimeline t =
                new DemoTimeline(
                        out,
                        Instant.now(),
                        as ->
                                Scorer.defaults()
                                        .score(
                                                "demo",
                                                1,
                                                List.of(FAULT),
                                                as,
                                                List.of(),
                                                T0.plusSeconds(900)),
                        Duration.ofHours(1));
        t.faultChanged(FAULT);

        // Act: an unrelated anomaly, then two matching ones (one delivered twice)
        t.anomaly(anomaly("a0", "pve2", T0.plusSeconds(120)));
        t.tick(Instant.now());
        t.anomaly(anomaly("a1", "media/jellyfin", T0.plusSeconds(150)));
        t.anomaly(anomaly("a1", "media/jellyfin", T0.plusSeconds(150)));
        t.tick(Instant.now());
        t.anomaly(anomaly("a2", "media", T0.plusSeconds(200)));
        t.tick(Instant.now());

        // Assert
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("FAULT     f1: crash-loop injected on media/jellyfin");
        assertThat(printed.split("DETECTED", -1)).hasSize(2);
        assertThat(printed).contains("DETECTED  f1 by crash-loop 1 min 30 s after injection");
        assertThat(t.anomalies()).extracting(Anomaly::anomalyId).containsExactly("a0", "a1", "a2");
    }

    @Test
    void shouldFormatWallClocksAndSimulatedDurations() {
        assertThat(DemoTimeline.clock(Duration.ofSeconds(75))).isEqualTo("01:15");
        assertThat(DemoTimeline.clock(Duration.ofSeconds(3 * 3600 + 5))).isEqualTo("3:00:05");
        assertThat(DemoTimeline.simDuration(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(DemoTimeline.simDuration(Duration.ofSeconds(195))).isEqualTo("3 min 15 s");
        assertThat(DemoTimeline.simDuration(Duration.ofMinutes(185))).isEqualTo("3 h 05 min");
    }

    @Test
    void shouldScoreOnlyWhatTheScorerReports() {
        // a scorer that never detects: no DETECTED line however many anomalies arrive
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoTimeline t =
                new DemoTimeline(
                        new PrintStream(bytes, true, StandardCharsets.UTF_8),
                        Instant.now(),
                        as -> new Report("demo", 1, List.of(), emptyTotals(as.size())),
                        Duration.ofHours(1));

        t.anomaly(anomaly("a1", "media", T0));
        t.tick(Instant.now());

        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("DETECTED");
    }

    private static org.ralf.simulator.score.Totals emptyTotals(int anomalies) {
        return new org.ralf.simulator.score.Totals(0, 0, anomalies, 0, 1.0, 0.0, anomalies, 0.0);
    }
}
