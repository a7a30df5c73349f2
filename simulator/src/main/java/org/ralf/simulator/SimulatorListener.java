package org.ralf.simulator;

import org.ralf.simulator.truth.ActionRecord;
import org.ralf.simulator.truth.GroundTruthFault;

/**
 * Observes a run. Called on the simulator's thread: keep it quick. Every method has an empty
 * default, so implement only what you need.
 */
public interface SimulatorListener {
    /** A fault started ({@code fault.end() == null}) or ended. */
    default void faultChanged(GroundTruthFault fault) {}

    /** A Proxmox action was applied to the model. */
    default void actionApplied(ActionRecord action) {}

    /** The run finished (completed, closed or failed). */
    default void finished(Progress progress) {}
}
