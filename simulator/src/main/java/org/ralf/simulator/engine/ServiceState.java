package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.SplittableRandom;
import org.ralf.simulator.model.ServiceType;

/** Mutable state of a service on a guest. */
final class ServiceState {
    final ServiceType type;
    final String id;
    final GuestState guest;
    final SplittableRandom rnd;
    final double phaseHours;
    boolean running = true;
    Instant startTime;
    int restarts;
    double cpuSeconds;
    int pid;
    // fault-driven state
    double leakBytes;
    boolean crashLooping;
    boolean saturated;
    boolean deployFailed;
    int minorVersion = 0;

    ServiceState(ServiceType type, GuestState guest, SplittableRandom rnd, Instant startTime) {
        this.type = type;
        this.guest = guest;
        this.id = guest.name + "/" + type.serviceName();
        this.rnd = rnd;
        this.startTime = startTime;
        this.phaseHours = rnd.nextDouble() * 2 - 1;
        this.cpuSeconds = 3600 * 24 * type.cpuCores() * (1 + rnd.nextInt(10));
        this.pid = 300 + rnd.nextInt(20_000);
    }

    String version() {
        return "1." + minorVersion + ".0";
    }
}
