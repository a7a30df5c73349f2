package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.SplittableRandom;
import org.ralf.schemas.log.Severity;
import org.ralf.simulator.scenario.FaultSpec;

/**
 * {@code crash-loop}: the service exits and systemd restarts it, over and over (down for {@code
 * downSeconds} of every {@code periodSeconds}); ending it starts the service for good.
 */
final class CrashLoopFault extends AbstractFault {

    CrashLoopFault(FaultSpec spec, SplittableRandom rnd, FaultContext ctx) {
        super(spec, rnd, ctx);
    }

    @Override
    public void start(Instant t, Instant scheduledEnd) {
        service.crashLooping = true;
    }

    @Override
    public void during(Instant t, long sinceStartSeconds) {
        ServiceState s = service;
        long period = (long) spec.param("periodSeconds", 90);
        long downFor = (long) spec.param("downSeconds", 30);
        boolean down = sinceStartSeconds % period < downFor;
        if (!s.guest.running) {
            return;
        }
        if (down && s.running) {
            exit(s, t);
        } else if (!down && !s.running) {
            restart(s, t);
        }
    }

    private void exit(ServiceState s, Instant t) {
        GuestState g = s.guest;
        s.running = false;
        String err = LogLines.pick(s.rnd, s.type.errorLines());
        log(g.name, s.type.process(), Severity.ERROR, "daemon", LogLines.fill(err, s.rnd), t);
        log(
                g.name,
                "systemd",
                Severity.ERROR,
                "daemon",
                "systemd[1]: "
                        + s.type.process()
                        + ".service: Main process exited, code=exited, status=1/FAILURE",
                t);
        log(
                g.name,
                "systemd",
                Severity.WARNING,
                "daemon",
                "systemd[1]: " + s.type.process() + ".service: Failed with result 'exit-code'.",
                t);
    }

    private void restart(ServiceState s, Instant t) {
        GuestState g = s.guest;
        s.running = true;
        s.restarts++;
        s.startTime = t;
        s.pid = 300 + s.rnd.nextInt(20_000);
        log(
                g.name,
                "systemd",
                Severity.NOTICE,
                "daemon",
                "systemd[1]: "
                        + s.type.process()
                        + ".service: Scheduled restart job, restart counter is at "
                        + s.restarts
                        + ".",
                t);
        log(
                g.name,
                "systemd",
                Severity.INFO,
                "daemon",
                "systemd[1]: Started " + s.type.process() + ".service.",
                t);
    }

    @Override
    public void stop(Instant t, String by) {
        ServiceState s = service;
        s.crashLooping = false;
        if (!s.running && s.guest.running) {
            s.running = true;
            s.startTime = t;
            s.restarts++;
            log(
                    s.guest.name,
                    "systemd",
                    Severity.INFO,
                    "daemon",
                    "systemd[1]: Started " + s.type.process() + ".service.",
                    t);
        }
    }
}
