package org.ralf.simulator.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;
import org.ralf.schemas.serde.Json;
import org.ralf.simulator.truth.ActionRecord;
import org.ralf.simulator.truth.GroundTruthFault;

class ScorerTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final Scorer SCORER = new Scorer(Duration.ofSeconds(30), Duration.ofMinutes(5));

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static GroundTruthFault fault(
            String id,
            String kind,
            String entity,
            List<String> affected,
            int from,
            int to,
            String endedBy) {
        return new GroundTruthFault(
                id, "s", kind, entity, affected, at(from), at(to), at(to), endedBy, Map.of());
    }

    private static Anomaly anomaly(String id, String entity, String detector, Instant detectedAt) {
        return new Anomaly(
                Anomaly.SCHEMA_VERSION,
                id,
                entity,
                null,
                null,
                AnomalyKind.values()[0],
                detector,
                0.9,
                null,
                null,
                null,
                Map.of(),
                detectedAt,
                detectedAt,
                detectedAt,
                "test",
                Map.of());
    }

    @Test
    void shouldMatchByEntityAndWindowAndCountTheRestAsFalseAlarms() {
        GroundTruthFault crash =
                fault(
                        "crash",
                        "crash-loop",
                        "media/jellyfin",
                        List.of("media/jellyfin", "media"),
                        20,
                        40,
                        "action:reboot");
        GroundTruthFault disk =
                fault(
                        "disk",
                        "disk-fill",
                        "db",
                        List.of("db", "db/postgresql"),
                        50,
                        80,
                        "schedule");
        List<Anomaly> anomalies =
                List.of(
                        anomaly("a1", "media:9100", "restart-loop", at(22)),
                        anomaly("a2", "media/jellyfin", "robust-z", at(21)),
                        anomaly("a3", "media", "robust-z", at(44)),
                        anomaly("a4", "db", "robust-z", at(10)),
                        anomaly("a5", "git", "ewma", at(30)),
                        anomaly("a6", "media", "robust-z", at(46)));
        List<ActionRecord> actions =
                List.of(new ActionRecord(at(25), "reboot", 101, "media", "pve1", "OK"));

        Report r = SCORER.score("s", 1, List.of(crash, disk), anomalies, actions, at(120));

        FaultOutcome c = r.faults().get(0);
        assertThat(c.detected()).isTrue();
        assertThat(c.detectedBy()).isEqualTo("robust-z");
        assertThat(c.delaySeconds()).isEqualTo(60.0);
        assertThat(c.actions()).containsExactly("reboot media (OK)");
        assertThat(c.recovered()).isTrue();
        FaultOutcome d = r.faults().get(1);
        assertThat(d.detected()).isFalse();
        assertThat(d.detectedBy()).isNull();
        assertThat(d.delaySeconds()).isNull();
        // a1, a2, a3 (within grace) match; a4 (before), a5 (other entity), a6 (after grace) do not
        assertThat(r.totals().matchedAnomalies()).isEqualTo(3);
        assertThat(r.totals().falseAlarms()).isEqualTo(3);
        assertThat(r.totals().precision()).isCloseTo(0.5, within(1e-9));
        assertThat(r.totals().recall()).isCloseTo(0.5, within(1e-9));
        assertThat(r.totals().recoveredShare()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void shouldCountAnAnomalyWithinTheSlackBeforeTheStartWithZeroDelay() {
        GroundTruthFault f =
                fault("f", "cpu-saturation", "home", List.of("home"), 20, 30, "schedule");

        Report r =
                SCORER.score(
                        "s",
                        1,
                        List.of(f),
                        List.of(anomaly("a", "home", "robust-z", at(20).minusSeconds(20))),
                        List.of(),
                        at(60));

        assertThat(r.faults().get(0).detected()).isTrue();
        assertThat(r.faults().get(0).delaySeconds()).isZero();
        assertThat(r.totals().recoveredShare()).isZero();
    }

    @Test
    void shouldUseTheRunEndForAFaultStillOpen() {
        GroundTruthFault open =
                new GroundTruthFault(
                        "o",
                        "s",
                        "memory-leak",
                        "git/gitea",
                        List.of("git/gitea", "git"),
                        at(10),
                        at(200),
                        null,
                        null,
                        Map.of());

        Report r =
                SCORER.score(
                        "s",
                        1,
                        List.of(open),
                        List.of(anomaly("a", "git", "oom-pattern", at(64))),
                        List.of(),
                        at(60));

        assertThat(r.faults().get(0).detected()).isTrue();
        assertThat(r.faults().get(0).recovered()).isFalse();
    }

    @Test
    void shouldReportPerfectScoresForAnEmptyRun() {
        Report r = SCORER.score("s", 1, List.of(), List.of(), List.of(), at(60));

        assertThat(r.totals().recall()).isEqualTo(1.0);
        assertThat(r.totals().precision()).isEqualTo(1.0);
        assertThat(r.totals().falseAlarms()).isZero();
    }

    @Test
    void shouldWriteTheDemoFieldsToJsonAndMarkdown() throws Exception {
        GroundTruthFault crash =
                fault(
                        "crash",
                        "crash-loop",
                        "media/jellyfin",
                        List.of("media/jellyfin", "media"),
                        20,
                        40,
                        "action:reboot");
        Report r =
                SCORER.score(
                        "s",
                        7,
                        List.of(crash),
                        List.of(anomaly("a", "media", "restart-loop", at(21))),
                        List.of(),
                        at(60));

        JsonNode json = Json.mapper().readTree(r.toJson());
        JsonNode f = json.get("faults").get(0);
        assertThat(f.fieldNames())
                .toIterable()
                .contains(
                        "id",
                        "kind",
                        "entity",
                        "injectedAt",
                        "detected",
                        "detectedBy",
                        "delaySeconds",
                        "actions",
                        "recovered");
        assertThat(f.get("injectedAt").asText()).isEqualTo("2026-01-05T10:20:00Z");
        assertThat(f.get("detectedBy").asText()).isEqualTo("restart-loop");
        assertThat(json.get("totals").fieldNames())
                .toIterable()
                .contains("recall", "precision", "falseAlarms", "recoveredShare");
        assertThat(r.toMarkdown())
                .contains("| crash | crash-loop | media/jellyfin |")
                .contains("recall 1.00 (1/1)");
    }

    @Test
    void shouldNormaliseInstancesAndProbeUrls() {
        assertThat(Scorer.normalise("media:9100")).isEqualTo("media");
        assertThat(Scorer.normalise("http://media.lab.home:8096/health")).isEqualTo("media");
        assertThat(Scorer.normalise("media/jellyfin")).isEqualTo("media/jellyfin");
    }
}
