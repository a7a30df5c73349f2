package org.ralf.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ralf.simulator.emit.CollectingSink;
import org.ralf.simulator.scenario.FaultKind;
import org.ralf.simulator.scenario.FaultSpec;
import org.ralf.simulator.scenario.Scenario;
import org.ralf.simulator.scenario.ScenarioLoader;

/** The registry gives every fault kind a behaviour class of its own. */
class FaultBehavioursTest {

    @Test
    void shouldCreateABehaviourClassOfItsOwnForEveryKind() throws Exception {
        Scenario s = ScenarioLoader.load("smoke");
        Model model = new Model(s, 1, s.start());
        Emitter out = new Emitter(new CollectingSink(false), "test", s.step());
        FaultContext ctx =
                new FaultContext(
                        model,
                        out,
                        new InventoryEmitter(model, out),
                        new HostLifecycle(out),
                        s.step().toMillis() / 1000.0);

        List<String> classes =
                Arrays.stream(FaultKind.values())
                        .map(
                                k ->
                                        FaultBehaviours.create(
                                                        new FaultSpec(
                                                                "f",
                                                                k,
                                                                "nowhere",
                                                                Duration.ZERO,
                                                                Duration.ofMinutes(1),
                                                                Map.of()),
                                                        new SplittableRandom(1),
                                                        ctx)
                                                .getClass()
                                                .getSimpleName())
                        .toList();

        assertThat(classes).doesNotHaveDuplicates().hasSize(FaultKind.values().length);
        assertThat(classes)
                .containsExactly(
                        "CrashLoopFault",
                        "MemoryLeakFault",
                        "DiskFillFault",
                        "CpuSaturationFault",
                        "NetworkFlappingFault",
                        "HostDownFault",
                        "NewHostFault",
                        "PbsAppearsFault",
                        "LoadImbalanceFault",
                        "FailedDeploymentFault");
    }
}
