package org.ralf.simulator;

import java.time.Instant;
import javax.annotation.Nullable;

/**
 * A snapshot of a run's progress.
 *
 * @param simTime the simulated instant of the next tick
 * @param ticks ticks run
 * @param events events emitted
 * @param faultsStarted faults started so far
 * @param faultsEnded faults ended so far
 * @param actions Proxmox actions applied
 * @param done whether the run has finished (completed, closed or failed)
 * @param failure why the run failed, or null
 */
public record Progress(
        Instant simTime,
        long ticks,
        long events,
        int faultsStarted,
        int faultsEnded,
        int actions,
        boolean done,
        @Nullable String failure) {}
