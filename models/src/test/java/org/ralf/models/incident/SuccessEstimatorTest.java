package org.ralf.models.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuccessEstimatorTest {

    private final SuccessEstimator estimator = new SuccessEstimator(0.5);

    private static SimilarIncident exp(String action, double sim, ActionOutcome outcome) {
        return new SimilarIncident("i-" + sim + action, sim, action, outcome, null);
    }

    @Test
    void shouldBeNeutralWithoutEvidence() {
        ActionEstimate e = estimator.estimate("A", List.of());
        assertThat(e.mean()).isEqualTo(0.5);
        assertThat(e.samples()).isZero();
    }

    @Test
    void shouldMoveOnlyModeratelyOnASingleSample() {
        ActionEstimate success =
                estimator.estimate("A", List.of(exp("A", 1.0, ActionOutcome.SUCCESS)));
        ActionEstimate failure =
                estimator.estimate("A", List.of(exp("A", 1.0, ActionOutcome.FAILURE)));
        assertThat(success.mean()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(failure.mean()).isCloseTo(1.0 / 3, within(1e-9));
    }

    @Test
    void shouldRankSuccessOverUntriedOverFailure() {
        List<SimilarIncident> history =
                List.of(exp("A", 0.9, ActionOutcome.FAILURE), exp("B", 0.9, ActionOutcome.SUCCESS));
        assertThat(estimator.estimate("B", history).mean())
                .isGreaterThan(estimator.estimate("C", history).mean());
        assertThat(estimator.estimate("C", history).mean())
                .isGreaterThan(estimator.estimate("A", history).mean());
    }

    @Test
    void shouldIgnoreExperiencesBelowTheSimilarityFloorAndWeightTheRest() {
        List<SimilarIncident> history =
                List.of(
                        exp("A", 0.4, ActionOutcome.SUCCESS),
                        exp("A", 0.75, ActionOutcome.SUCCESS));
        ActionEstimate e = estimator.estimate("A", history);
        assertThat(e.samples()).isEqualTo(1);
        assertThat(e.successes()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void shouldConvergeToTheSuccessRateWithManySamples() {
        List<SimilarIncident> history = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            history.add(exp("A", 1.0, i % 4 == 0 ? ActionOutcome.FAILURE : ActionOutcome.SUCCESS));
        }
        assertThat(estimator.estimate("A", history).mean()).isCloseTo(0.75, within(0.01));
    }
}
