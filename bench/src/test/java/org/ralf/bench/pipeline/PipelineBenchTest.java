package org.ralf.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PipelineBenchTest {

    @Test
    void shouldRateEachJobByTheMedianOfItsRuns() {
        // Arrange: a slow outlier among three runs, and an even count
        double[] odd = {190_000, 106_000, 175_000};
        double[] even = {120_000, 140_000};

        // Act + Assert: the outlier does not move an odd median; an even one is the middle mean
        assertThat(PipelineBench.median(odd)).isEqualTo(175_000);
        assertThat(PipelineBench.median(even)).isEqualTo(130_000);
        assertThat(odd).containsExactly(190_000, 106_000, 175_000);
    }

    @Test
    void shouldRefuseZeroMeasuredRunsButAllowNoWarmUp() {
        PipelineBench.Settings s = PipelineBench.Settings.defaults("127.0.0.1:9092");

        assertThat(s.repetitions()).isEqualTo(3);
        assertThat(s.warmups()).isEqualTo(2);
        assertThat(s.withRepetitions(0, 1).warmups()).isZero();
        assertThatThrownBy(() -> s.withRepetitions(1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repetitions");
    }
}
