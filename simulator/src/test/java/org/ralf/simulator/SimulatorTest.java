package org.ralf.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.config.RalfConfig;
import org.ralf.simulator.emit.CollectingSink;
import org.ralf.simulator.engine.Engine;
import org.ralf.simulator.scenario.Scenario;
import org.ralf.simulator.scenario.ScenarioLoader;
import org.ralf.simulator.truth.GroundTruthFault;

class SimulatorTest {

    @Test
    void shouldRunPacedOnItsThreadWithTheSameEventsAsAnUnpacedRun() throws Exception {
        Scenario smoke = ScenarioLoader.load("smoke");
        CollectingSink unpaced = new CollectingSink(false);
        new Engine(smoke, 3, smoke.start(), unpaced).runToEnd();
        List<GroundTruthFault> seen = new CopyOnWriteArrayList<>();
        List<Progress> finished = new CopyOnWriteArrayList<>();
        // 20 simulated minutes at 6000x: 0.2 s of wall time
        SimulatorSettings settings =
                SimulatorSettings.collect("smoke", 3).withSpeed(6000).withStart(smoke.start());

        try (Simulator sim = Simulator.create(settings)) {
            sim.addListener(
                    new SimulatorListener() {
                        @Override
                        public void faultChanged(GroundTruthFault fault) {
                            seen.add(fault);
                        }

                        @Override
                        public void finished(Progress progress) {
                            finished.add(progress);
                        }
                    });
            sim.start();

            assertThat(sim.awaitCompletion(Duration.ofSeconds(60))).isTrue();
            Progress p = sim.progress();
            assertThat(p.done()).isTrue();
            assertThat(p.failure()).isNull();
            assertThat(p.ticks()).isEqualTo(80);
            assertThat(p.simTime()).isEqualTo(smoke.start().plus(Duration.ofMinutes(20)));
            assertThat(p.faultsStarted()).isEqualTo(1);
            assertThat(p.faultsEnded()).isEqualTo(1);
            assertThat(sim.eventHash()).isEqualTo(unpaced.hash());
        }
        assertThat(seen)
                .extracting(GroundTruthFault::end)
                .containsExactly(null, Instant.parse("2026-01-05T12:15:00Z"));
        assertThat(finished).hasSize(1);
    }

    @Test
    void shouldStopPromptlyWhenClosedDuringAPacedRun() throws Exception {
        // real time: the run would take 20 minutes
        try (Simulator sim = Simulator.create(SimulatorSettings.collect("smoke", 3).withSpeed(1))) {
            sim.start();
            sim.close();

            assertThat(sim.awaitCompletion(Duration.ofSeconds(10))).isTrue();
            assertThat(sim.progress().ticks()).isLessThan(80);
        }
    }

    @Test
    void shouldReadSettingsFromConfiguration() throws Exception {
        RalfConfig config =
                RalfConfig.parse(
                        new java.io.StringReader(
                                "simulator:\n  scenario: capacity\n  speed: 120\n  mode: front-doors\n  seed: 9\n"),
                        java.util.Map.of("RALF_SIMULATOR_SYSLOG_HOST", "127.0.0.1"));

        SimulatorSettings s = SimulatorSettings.fromConfig(config);

        assertThat(s.scenario()).isEqualTo("capacity");
        assertThat(s.speed()).isEqualTo(120.0);
        assertThat(s.mode()).isEqualTo(SimulatorSettings.Mode.FRONT_DOORS);
        assertThat(s.seed()).isEqualTo(9L);
        assertThat(s.syslogHost()).isEqualTo("127.0.0.1");
        assertThat(s.jdbcUrl()).isNull();
    }
}
