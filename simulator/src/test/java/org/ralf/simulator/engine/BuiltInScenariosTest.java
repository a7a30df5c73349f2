package org.ralf.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ralf.simulator.scenario.Scenario;
import org.ralf.simulator.scenario.ScenarioLoader;
import org.ralf.simulator.truth.GroundTruthFault;

/** Every shipped scenario runs to its end with every fault started and ended on schedule. */
class BuiltInScenariosTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "infrastructure", "capacity", "deployments", "smoke"})
    void shouldRunTheScenarioToItsEndWithEveryFaultScheduled(String name) throws Exception {
        Scenario s = ScenarioLoader.load(name);
        Engine e = new Engine(s, s.seed(), s.start(), event -> {});

        e.runToEnd();

        List<GroundTruthFault> truth = e.groundTruth();
        assertThat(truth).hasSize(s.faults().size());
        assertThat(truth)
                .allSatisfy(
                        f -> {
                            assertThat(f.end()).isEqualTo(f.scheduledEnd());
                            assertThat(f.endedBy()).isEqualTo("schedule");
                        });
        assertThat(e.ticks()).isEqualTo(s.duration().dividedBy(s.step()));
    }
}
