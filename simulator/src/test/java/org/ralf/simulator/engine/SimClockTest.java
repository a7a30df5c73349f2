package org.ralf.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimClockTest {
    private static final Instant SIM = Instant.parse("2026-01-05T16:00:00Z");
    private static final Instant WALL = Instant.parse("2026-11-25T20:00:00Z");

    @Test
    void shouldMapSimulatedToWallTimeBySpeed() {
        SimClock c = new SimClock(SIM, WALL, 60);

        assertThat(c.wallAt(SIM.plus(Duration.ofHours(4))))
                .isEqualTo(WALL.plus(Duration.ofMinutes(4)));
        assertThat(c.simAt(WALL.plusSeconds(30))).isEqualTo(SIM.plus(Duration.ofMinutes(30)));
        assertThat(c.paced()).isTrue();
    }

    @Test
    void shouldNotPaceAtSpeedZeroAndRejectNegativeSpeeds() {
        SimClock c = new SimClock(SIM, WALL, SimClock.UNPACED);

        assertThat(c.paced()).isFalse();
        assertThat(c.wallAt(SIM.plus(Duration.ofHours(4)))).isEqualTo(WALL);
        assertThatThrownBy(() -> new SimClock(SIM, WALL, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
