package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.SplittableRandom;
import org.ralf.schemas.log.Severity;
import org.ralf.simulator.scenario.FaultSpec;

/**
 * {@code failed-deployment}: a new version of the service is deployed and fails its health check
 * after {@code failAfterSeconds}, leaving the service unhealthy with migration errors until the
 * fault ends with a rollback.
 */
final class FailedDeploymentFault extends AbstractFault {
    private Instant deployFailsAt = Instant.MAX;

    FailedDeploymentFault(FaultSpec spec, SplittableRandom rnd, FaultContext ctx) {
        super(spec, rnd, ctx);
    }

    @Override
    public void start(Instant t, Instant scheduledEnd) {
        ServiceState s = service;
        ctx.inventory().deployment(s, "deployed", false, null, t);
        s.minorVersion++;
        ctx.inventory().deployment(s, "deploying", true, null, t);
        log(
                s.guest.name,
                "ansible",
                Severity.INFO,
                "user",
                "Deploying " + s.type.process() + " version " + s.version(),
                t);
        deployFailsAt = t.plusSeconds((long) spec.param("failAfterSeconds", 60));
    }

    @Override
    public void during(Instant t, long sinceStartSeconds) {
        ServiceState s = service;
        if (!s.deployFailed && !t.isBefore(deployFailsAt)) {
            s.deployFailed = true;
            ctx.inventory().deployment(s, "failed", true, null, t);
            log(
                    s.guest.name,
                    "ansible",
                    Severity.ERROR,
                    "user",
                    "TASK [deploy : wait for "
                            + s.type.serviceName()
                            + " health] FAILED! => {\"msg\": \"Status code was 502\"}",
                    t);
        }
        if (s.deployFailed && rnd.nextDouble() < 0.7) {
            log(
                    s.guest.name,
                    s.type.process(),
                    Severity.ERROR,
                    "daemon",
                    "migration 00"
                            + (10 + s.minorVersion)
                            + " failed: relation \"settings\" already exists; version "
                            + s.version()
                            + " refuses to start",
                    t);
        }
    }

    @Override
    public void stop(Instant t, String by) {
        ServiceState s = service;
        s.deployFailed = false;
        ctx.inventory().deployment(s, "rolled_back", false, null, t);
        s.minorVersion--;
        ctx.inventory().deployment(s, "deployed", true, t, t);
        s.startTime = t;
        log(
                s.guest.name,
                "ansible",
                Severity.NOTICE,
                "user",
                "Rolled back " + s.type.process() + " to version " + s.version(),
                t);
    }
}
