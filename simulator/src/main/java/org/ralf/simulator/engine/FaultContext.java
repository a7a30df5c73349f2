package org.ralf.simulator.engine;

/**
 * What a fault behaviour needs from the world: the model it changes, the emitter its log lines go
 * to, the inventory rows it updates, the shared host state changes, and the length of a step.
 *
 * @param model the simulated homelab
 * @param out the event emitter
 * @param inventory inventory rows and discovery events
 * @param lifecycle boots and link changes
 * @param stepSeconds the scenario's step, in seconds
 */
record FaultContext(
        Model model,
        Emitter out,
        InventoryEmitter inventory,
        HostLifecycle lifecycle,
        double stepSeconds) {}
