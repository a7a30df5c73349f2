package org.ralf.simulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ralf.schemas.log.Severity;
import org.ralf.simulator.scenario.FaultSpec;

/**
 * {@code disk-fill}: the host's root filesystem fills at a constant rate to {@code
 * targetFreePercent} over {@code fillShare} of the fault's time, with "no space left" errors near
 * the end; ending it frees the space again.
 */
final class DiskFillFault extends AbstractFault {
    private double savedDiskUsed;

    DiskFillFault(FaultSpec spec, SplittableRandom rnd, FaultContext ctx) {
        super(spec, rnd, ctx);
    }

    @Override
    public void start(Instant t, Instant scheduledEnd) {
        HostState h = host;
        savedDiskUsed = h.diskUsedBytes;
        double targetFree = spec.param("targetFreePercent", 0.5) / 100.0;
        double seconds =
                Math.max(
                        1,
                        Duration.between(t, scheduledEnd).toSeconds()
                                * spec.param("fillShare", 0.6));
        h.diskFillBytesPerSecond =
                Math.max(0, (h.diskBytes * (1 - targetFree) - h.diskUsedBytes) / seconds);
    }

    @Override
    public void during(Instant t, long sinceStartSeconds) {
        HostState h = host;
        h.diskUsedBytes =
                Math.min(
                        h.diskBytes - (1 << 20),
                        h.diskUsedBytes + h.diskFillBytesPerSecond * ctx.stepSeconds());
        double free = 1 - h.diskUsedBytes / h.diskBytes;
        if (free < 0.05 && rnd.nextDouble() < 0.5) {
            if (h instanceof GuestState g && !g.services.isEmpty()) {
                ServiceState victim = g.services.get(rnd.nextInt(g.services.size()));
                log(
                        g.name,
                        victim.type.process(),
                        Severity.ERROR,
                        "daemon",
                        "write /var/lib/"
                                + victim.type.serviceName()
                                + "/data.tmp: no space left on device",
                        t);
            } else {
                log(
                        h.name,
                        "pvestatd",
                        Severity.WARNING,
                        "daemon",
                        String.format(
                                Locale.ROOT, "local: disk space low (%.1f%% free)", free * 100),
                        t);
            }
        }
    }

    @Override
    public void stop(Instant t, String by) {
        host.diskFillBytesPerSecond = 0;
        host.diskUsedBytes = savedDiskUsed;
    }
}
