package org.ralf.simulator.engine;

import java.util.SplittableRandom;
import org.ralf.simulator.scenario.FaultSpec;

/**
 * The registry of fault kinds: the behaviour class of each {@link
 * org.ralf.simulator.scenario.FaultKind}. The switch is exhaustive, so a new kind does not compile
 * until it has its behaviour here.
 */
final class FaultBehaviours {
    private FaultBehaviours() {}

    /** A new behaviour, with its own state, for one fault of a scenario. */
    static FaultBehaviour create(FaultSpec spec, SplittableRandom rnd, FaultContext ctx) {
        return switch (spec.kind()) {
            case CRASH_LOOP -> new CrashLoopFault(spec, rnd, ctx);
            case MEMORY_LEAK -> new MemoryLeakFault(spec, rnd, ctx);
            case DISK_FILL -> new DiskFillFault(spec, rnd, ctx);
            case CPU_SATURATION -> new CpuSaturationFault(spec, rnd, ctx);
            case NETWORK_FLAPPING -> new NetworkFlappingFault(spec, rnd, ctx);
            case HOST_DOWN -> new HostDownFault(spec, rnd, ctx);
            case NEW_HOST -> new NewHostFault(spec, rnd, ctx);
            case PBS_APPEARS -> new PbsAppearsFault(spec, rnd, ctx);
            case LOAD_IMBALANCE -> new LoadImbalanceFault(spec, rnd, ctx);
            case FAILED_DEPLOYMENT -> new FailedDeploymentFault(spec, rnd, ctx);
        };
    }
}
