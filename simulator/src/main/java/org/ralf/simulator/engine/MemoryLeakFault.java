package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.SplittableRandom;
import org.ralf.schemas.log.Severity;
import org.ralf.simulator.scenario.FaultSpec;

/**
 * {@code memory-leak}: the service's memory grows by {@code rateMiBPerMinute} until its guest runs
 * out and the OOM killer restarts it, which starts the leak over.
 */
final class MemoryLeakFault extends AbstractFault {

    MemoryLeakFault(FaultSpec spec, SplittableRandom rnd, FaultContext ctx) {
        super(spec, rnd, ctx);
    }

    @Override
    public void start(Instant t, Instant scheduledEnd) {
        service.leakBytes = 0;
    }

    @Override
    public void during(Instant t, long sinceStartSeconds) {
        ServiceState s = service;
        if (!s.running || !s.guest.running) {
            return;
        }
        s.leakBytes += spec.param("rateMiBPerMinute", 40) * (1 << 20) * ctx.stepSeconds() / 60.0;
        GuestState g = s.guest;
        if (ctx.model().guestMemoryUsed(g) > g.memoryBytes * 0.97) {
            oomKill(s, t);
        }
    }

    private void oomKill(ServiceState s, Instant t) {
        GuestState g = s.guest;
        long rssKb = (long) ((s.type.memoryBytes() + s.leakBytes) / 1024);
        log(
                g.name,
                "kernel",
                Severity.ERROR,
                "kern",
                "Out of memory: Killed process "
                        + s.pid
                        + " ("
                        + s.type.process()
                        + ") total-vm:"
                        + (rssKb * 2)
                        + "kB, anon-rss:"
                        + rssKb
                        + "kB, file-rss:0kB, shmem-rss:0kB, UID:999 pgtables:"
                        + (rssKb / 500)
                        + "kB oom_score_adj:0",
                t);
        log(
                g.name,
                "systemd",
                Severity.ERROR,
                "daemon",
                "systemd[1]: "
                        + s.type.process()
                        + ".service: A process of this unit has been killed by the OOM killer.",
                t);
        s.leakBytes = 0;
        s.restarts++;
        s.startTime = t;
        s.pid = 300 + s.rnd.nextInt(20_000);
    }

    @Override
    public void stop(Instant t, String by) {
        service.leakBytes = 0;
    }
}
