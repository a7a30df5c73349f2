package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.SplittableRandom;
import org.ralf.schemas.log.Severity;
import org.ralf.simulator.scenario.FaultSpec;

/**
 * {@code cpu-saturation}: a service's process (or a whole host) uses every CPU, with slow-request
 * warnings from the service or the kernel's throttling notice.
 */
final class CpuSaturationFault extends AbstractFault {

    CpuSaturationFault(FaultSpec spec, SplittableRandom rnd, FaultContext ctx) {
        super(spec, rnd, ctx);
    }

    @Override
    public void start(Instant t, Instant scheduledEnd) {
        saturate(true);
    }

    @Override
    public void during(Instant t, long sinceStartSeconds) {
        if (rnd.nextDouble() >= 0.3) {
            return;
        }
        ServiceState victim = service;
        if (victim == null && host instanceof GuestState g && !g.services.isEmpty()) {
            victim = g.services.get(rnd.nextInt(g.services.size()));
        }
        if (victim != null) {
            log(
                    victim.guest.name,
                    victim.type.process(),
                    Severity.WARNING,
                    "daemon",
                    "slow request: handler took " + (2000 + rnd.nextInt(8000)) + "ms",
                    t);
        } else {
            log(host.name, "kernel", Severity.WARNING, "kern", "sched: RT throttling activated", t);
        }
    }

    @Override
    public void stop(Instant t, String by) {
        saturate(false);
    }

    private void saturate(boolean on) {
        if (service != null) {
            service.saturated = on;
        } else {
            host.cpuSaturated = on;
        }
    }
}
