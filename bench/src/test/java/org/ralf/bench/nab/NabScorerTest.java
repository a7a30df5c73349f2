package org.ralf.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** NAB scoring rules on hand-made series. */
class NabScorerTest {

    private static final long MIN = 60_000L;
    private static final List<NabProfile> STANDARD = List.of(NabProfile.defaults().get(0));

    private static long[] minutes(int n) {
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            ts[i] = i * MIN;
        }
        return ts;
    }

    private static NabScorer.ScoredFile file(double[] scores, long startRow, long endRow) {
        return new NabScorer.ScoredFile(
                "c/f.csv",
                minutes(scores.length),
                scores,
                List.of(new long[] {startRow * MIN, endRow * MIN}));
    }

    @Test
    void shouldGivePerfectScoreForDetectionAtWindowStart() {
        double[] s = new double[100];
        s[50] = 1.0;

        NabResult r = NabScorer.score(List.of(file(s, 50, 59)), STANDARD);

        assertThat(r.standard()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void shouldGiveZeroForNoDetection() {
        NabResult r = NabScorer.score(List.of(file(new double[100], 50, 59)), STANDARD);

        assertThat(r.standard()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void shouldRewardEarlierDetectionMoreAndCountOnlyTheFirstInAWindow() {
        double[] early = new double[100];
        early[51] = 1.0;
        early[58] = 1.0;
        double[] late = new double[100];
        late[58] = 1.0;

        double e = NabScorer.score(List.of(file(early, 50, 59)), STANDARD).standard();
        double l = NabScorer.score(List.of(file(late, 50, 59)), STANDARD).standard();

        // position -(59 - 51 + 1)/10 = -0.9 -> sigma(-0.9)/sigma(-1)
        double expected = NabScorer.scaledSigmoid(-0.9) / NabScorer.scaledSigmoid(-1.0);
        assertThat(e).isCloseTo(100.0 * (expected + 1) / 2, within(1e-9));
        assertThat(l).isLessThan(e);
    }

    @Test
    void shouldIgnoreDetectionsInProbationaryPeriod() {
        double[] s = new double[100];
        s[3] = 1.0; // probation is floor(0.15 * 100) = 15 rows
        s[50] = 0.9;

        NabResult r = NabScorer.score(List.of(file(s, 50, 59)), STANDARD);

        assertThat(r.profiles().get(0).falsePositives()).isZero();
        assertThat(r.standard()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void shouldPenaliseFalsePositiveBeforeFirstWindowByFullWeight() {
        double[] s = new double[100];
        s[30] = 1.0;
        s[50] = 1.0;

        NabResult.ProfileScore p =
                NabScorer.score(List.of(file(s, 50, 59)), STANDARD).profiles().get(0);

        assertThat(p.rawScore()).isCloseTo(1.0 - 0.11, within(1e-9));
    }
}
