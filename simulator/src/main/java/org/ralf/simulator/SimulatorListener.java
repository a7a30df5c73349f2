package org.ralf.simulator;

import org.ralf.simulator.engine.SimEvent;
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

    /** Every event the engine emits (metrics included: keep it very quick). */
    default void event(SimEvent event) {}

    /** The run finished (completed, closed or failed). */
    default void finished(Progress progress) {}
}
