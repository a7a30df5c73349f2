package org.ralf.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reproduces NAB's published Windowed Gaussian scores on the shared subset. */
class NabScorerValidationTest {

    @Test
    void shouldReproduceWindowedGaussianScoresOnSharedSubset() throws Exception {
        // Arrange
        Path nab = BenchData.nab();
        assumeTrue(nab != null, "shared/bench/nab not found beside the checkout");
        Path results = nab.resolve("results/windowedGaussian");
        PrintStream out =
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        // Act
        NabResult result = NabScorer.score(nab, results, out);

        // Assert: published on this subset with the threshold optimised on it.
        assertThat(result.standard()).isCloseTo(37.70, within(0.01));
        assertThat(result.rewardLowFpRate()).isCloseTo(32.72, within(0.01));
        assertThat(result.rewardLowFnRate()).isCloseTo(40.86, within(0.01));
    }
}
