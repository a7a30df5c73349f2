package org.ralf.sinks.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void shouldDoubleTheWaitUpToTheCap() {
        // Arrange
        RetryPolicy p = RetryPolicy.doubling(6, Duration.ofMillis(200));

        // Act + Assert: 0.2, 0.4, 0.8, 1.6, 3.2 s, then the 5 s cap
        assertThat(p.backoff(0)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.backoff(4)).isEqualTo(Duration.ofMillis(3_200));
        assertThat(p.backoff(5)).isEqualTo(RetryPolicy.MAX_BACKOFF);
        assertThat(p.backoff(40)).isEqualTo(RetryPolicy.MAX_BACKOFF);
    }

    @Test
    void shouldSpendAboutSevenSecondsOnTheDefaultRetries() {
        // Act
        Duration total = Duration.ZERO;
        for (int i = 0; i < RetryPolicy.DEFAULT.retries(); i++) {
            total = total.plus(RetryPolicy.DEFAULT.backoff(i));
        }

        // Assert
        assertThat(total).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void shouldRejectNegativeRetries() {
        assertThatThrownBy(() -> RetryPolicy.doubling(-1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
