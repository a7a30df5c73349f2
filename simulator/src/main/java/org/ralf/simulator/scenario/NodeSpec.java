package org.ralf.simulator.scenario;

/**
 * A Proxmox node of the simulated homelab.
 *
 * @param name node name, for example {@code pve1}
 * @param cpus logical CPUs
 * @param memoryBytes physical memory
 * @param diskBytes size of the root filesystem
 * @param present false for a node that joins later (by a {@code new-host} fault)
 */
public record NodeSpec(String name, int cpus, long memoryBytes, long diskBytes, boolean present) {}
