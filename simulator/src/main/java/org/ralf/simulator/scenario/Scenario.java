package org.ralf.simulator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A validated scenario: a homelab, how long to simulate it and which faults to inject. Build it
 * with {@link ScenarioLoader}, which checks every reference.
 *
 * @param name scenario name (the YAML file name without extension)
 * @param description one line for humans
 * @param seed default seed (a run may override it)
 * @param start simulated start instant (a run may override it)
 * @param duration simulated length
 * @param step simulated time between two ticks (metric resolution)
 * @param nodes Proxmox nodes
 * @param guests VMs and containers
 * @param faults faults, in file order
 */
public record Scenario(
        String name,
        String description,
        long seed,
        Instant start,
        Duration duration,
        Duration step,
        List<NodeSpec> nodes,
        List<GuestSpec> guests,
        List<FaultSpec> faults) {

    /** Copies the lists. */
    public Scenario {
        nodes = List.copyOf(nodes);
        guests = List.copyOf(guests);
        faults = List.copyOf(faults);
    }
}
