package org.ralf.pipelines.cep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ralf.pipelines.cep.Events.MINUTE;
import static org.ralf.pipelines.cep.Events.SECOND;
import static org.ralf.pipelines.cep.Events.at;
import static org.ralf.pipelines.cep.Events.deployment;
import static org.ralf.pipelines.cep.Events.log;
import static org.ralf.pipelines.cep.Events.metric;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ralf.pipelines.entity.EntityEvent;
import org.ralf.pipelines.entity.EntityKind;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;

/** Positive and negative cases of every CEP pattern, on the operator harness. */
class PatternsTest {

    private static final PatternSettings O = PatternSettings.defaults();
    private static final String SVC = "web01/nginx";

    private static List<Anomaly> run(EntityPattern p, List<EntityEvent> events) throws Exception {
        try (PatternHarness h = new PatternHarness(p)) {
            return h.run(events);
        }
    }

    /** {@code n} down→up cycles, one every {@code period}, with repeated up samples between. */
    private static List<EntityEvent> cycles(
            int n, long period, EntityKind down, EntityKind up, String entity) {
        List<EntityEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = i * period;
            out.add(at(t, entity, down));
            out.add(at(t + 15 * SECOND, entity, up));
            out.add(at(t + 30 * SECOND, entity, up));
        }
        return out;
    }

    @Test
    void shouldMatchACrashLoopAndNameItsEvents() throws Exception {
        // Arrange: 3 restarts within 6 minutes (limit: 3 within 10 minutes)
        List<EntityEvent> events = cycles(3, 2 * MINUTE, EntityKind.DOWN, EntityKind.UP, SVC);

        // Act
        List<Anomaly> out = run(Patterns.crashLoop(O), events);

        // Assert
        assertThat(out)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.detector()).isEqualTo(Patterns.CRASH_LOOP);
                            assertThat(a.entity()).isEqualTo(SVC);
                            assertThat(a.kind()).isEqualTo(AnomalyKind.PATTERN);
                            assertThat(a.explanation())
                                    .contains("crash-loop on web01/nginx")
                                    .contains("DOWN")
                                    .contains("UP");
                            assertThat(a.labels()).containsEntry("events", "6");
                        });
    }

    @Test
    void shouldNotMatchRestartsSpreadBeyondTheSpan() throws Exception {
        // Arrange: 3 restarts but 6 minutes apart: 12 minutes > 10
        List<EntityEvent> events = cycles(3, 6 * MINUTE, EntityKind.DOWN, EntityKind.UP, SVC);

        // Act + Assert
        assertThat(run(Patterns.crashLoop(O), events)).isEmpty();
    }

    @Test
    void shouldNotMatchTooFewRestarts() throws Exception {
        assertThat(
                        run(
                                Patterns.crashLoop(O),
                                cycles(2, MINUTE, EntityKind.DOWN, EntityKind.UP, SVC)))
                .isEmpty();
    }

    @Test
    void shouldMatchFlappingHealth() throws Exception {
        List<EntityEvent> events =
                cycles(3, 3 * MINUTE, EntityKind.HEALTH_FAIL, EntityKind.HEALTH_OK, SVC);

        List<Anomaly> out = run(Patterns.flappingHealth(O), events);

        assertThat(out)
                .singleElement()
                .satisfies(
                        a ->
                                assertThat(a.explanation())
                                        .startsWith("flapping-health on web01/nginx")
                                        .contains("HEALTH_FAIL"));
    }

    @Test
    void shouldNotMatchAHealthCheckThatFailsOnceAndRecovers() throws Exception {
        List<EntityEvent> events =
                cycles(1, MINUTE, EntityKind.HEALTH_FAIL, EntityKind.HEALTH_OK, SVC);

        assertThat(run(Patterns.flappingHealth(O), events)).isEmpty();
    }

    @Test
    void shouldMatchAnErrorBurstFollowedByAFailedHealthCheck() throws Exception {
        // Arrange: 5 errors in 50 s, then the health check fails a minute later
        List<EntityEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(log(i * 10 * SECOND, SVC, "upstream timed out #" + i));
        }
        events.add(at(2 * MINUTE, SVC, EntityKind.HEALTH_FAIL));

        // Act
        List<Anomaly> out = run(Patterns.errorBurstThenHealthFail(O), events);

        // Assert
        assertThat(out)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.explanation())
                                    .contains("upstream timed out #0")
                                    .contains("HEALTH_FAIL");
                            assertThat(a.windowStart().toEpochMilli()).isEqualTo(Events.T0);
                            assertThat(a.windowEnd().toEpochMilli())
                                    .isEqualTo(Events.T0 + 2 * MINUTE);
                        });
    }

    @Test
    void shouldNotMatchAnErrorBurstWhoseHealthCheckFailsTooLate() throws Exception {
        List<EntityEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(log(i * 10 * SECOND, SVC, "upstream timed out"));
        }
        events.add(at(20 * MINUTE, SVC, EntityKind.HEALTH_FAIL));

        assertThat(run(Patterns.errorBurstThenHealthFail(O), events)).isEmpty();
    }

    @Test
    void shouldNotMatchAFailedHealthCheckOfAnotherEntity() throws Exception {
        List<EntityEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(log(i * 10 * SECOND, SVC, "upstream timed out"));
        }
        events.add(at(MINUTE, "web02/nginx", EntityKind.HEALTH_FAIL));

        assertThat(run(Patterns.errorBurstThenHealthFail(O), events)).isEmpty();
    }

    private static List<EntityEvent> cpu(long minutes, double... values) {
        List<EntityEvent> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(
                    metric(
                            i * minutes * MINUTE,
                            "web01",
                            EntityKind.SATURATION,
                            "node_cpu_utilization",
                            values[i]));
        }
        return out;
    }

    @Test
    void shouldMatchSaturationThatLastsTheWholeSpan() throws Exception {
        // Arrange: CPU at 95 % every minute for 12 minutes (limit 0.9 for 10 minutes)
        double[] v = new double[13];
        java.util.Arrays.fill(v, 0.95);

        // Act
        List<Anomaly> out = run(Patterns.sustainedSaturation(O), cpu(1, v));

        // Assert
        assertThat(out)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.detector()).isEqualTo(Patterns.SATURATION);
                            assertThat(
                                            a.windowEnd().toEpochMilli()
                                                    - a.windowStart().toEpochMilli())
                                    .isEqualTo(10 * MINUTE);
                            assertThat(a.explanation()).contains("node_cpu_utilization");
                        });
    }

    @Test
    void shouldNotMatchSaturationInterruptedByADip() throws Exception {
        // 0.95 for 6 minutes, one sample at 0.5, then 0.95 for 6 more: no 10-minute stretch
        double[] v = new double[13];
        java.util.Arrays.fill(v, 0.95);
        v[6] = 0.5;

        assertThat(run(Patterns.sustainedSaturation(O), cpu(1, v))).isEmpty();
    }

    private static List<EntityEvent> disk(double... values) {
        List<EntityEvent> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(
                    metric(
                            i * 10 * MINUTE,
                            "web01",
                            EntityKind.DISK_USAGE,
                            "disk{mount=\"/\"}",
                            values[i]));
        }
        return out;
    }

    @Test
    void shouldForecastADiskThatFillsWithinTheHorizon() throws Exception {
        // Arrange: +2 % per 10 minutes from 60 %: 95 % in under 3 hours (horizon 24 h)
        List<EntityEvent> events = disk(0.60, 0.62, 0.64, 0.66, 0.68);

        // Act
        List<Anomaly> out = run(Patterns.diskFillForecast(O), events);

        // Assert
        assertThat(out)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.kind()).isEqualTo(AnomalyKind.FORECAST_THRESHOLD);
                            // the first sample at least min-span (30 min) after the start: 0.66 at
                            // +30 min
                            assertThat(a.value()).isEqualTo(0.66);
                            assertThat(a.explanation()).contains("DISK_USAGE");
                        });
    }

    @Test
    void shouldNotForecastAFlatOrSlowlyGrowingDisk() throws Exception {
        // +0.01 % per 10 minutes: 95 % is weeks away
        assertThat(run(Patterns.diskFillForecast(O), disk(0.60, 0.6001, 0.6002, 0.6003, 0.6004)))
                .isEmpty();
        assertThat(run(Patterns.diskFillForecast(O), disk(0.6, 0.6, 0.6, 0.6))).isEmpty();
    }

    @Test
    void shouldMatchADeploymentFollowedByErrors() throws Exception {
        List<EntityEvent> events = new ArrayList<>();
        events.add(deployment(0, SVC, "deployed"));
        for (int i = 0; i < 3; i++) {
            events.add(log(MINUTE + i * SECOND, SVC, "config parse error line " + i));
        }

        List<Anomaly> out = run(Patterns.deploymentFailed(O), events);

        assertThat(out)
                .singleElement()
                .satisfies(
                        a ->
                                assertThat(a.explanation())
                                        .contains("deployment-failed on web01/nginx")
                                        .contains("DEPLOYMENT dep-42 'deployed'")
                                        .contains("config parse error line 2"));
    }

    @Test
    void shouldNotMatchAHealthyDeploymentOrErrorsWithoutOne() throws Exception {
        List<EntityEvent> healthy =
                List.of(deployment(0, SVC, "deployed"), log(MINUTE, SVC, "one error"));
        List<EntityEvent> noDeployment = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            noDeployment.add(log(i * SECOND, SVC, "error"));
        }
        List<EntityEvent> planned = new ArrayList<>();
        planned.add(deployment(0, SVC, "planned"));
        for (int i = 0; i < 5; i++) {
            planned.add(log(MINUTE + i * SECOND, SVC, "error"));
        }

        assertThat(run(Patterns.deploymentFailed(O), healthy)).isEmpty();
        assertThat(run(Patterns.deploymentFailed(O), noDeployment)).isEmpty();
        assertThat(run(Patterns.deploymentFailed(O), planned)).isEmpty();
    }

    @Test
    void shouldDropPartialMatchesOnceTheirSpanHasPassed() throws Exception {
        // Arrange: one restart only; its partial match waits in state
        try (PatternHarness h = new PatternHarness(Patterns.crashLoop(O))) {
            h.run(cycles(1, MINUTE, EntityKind.DOWN, EntityKind.UP, SVC));
            int pending = h.stateEntries();

            // Act: event time moves past the within-span
            h.watermark(Events.T0 + O.crashLoopWithin().toMillis() + MINUTE);

            // Assert: no match, and the NFA state of the entity shrank
            assertThat(h.stateEntries()).isLessThan(pending);
        }
    }
}
