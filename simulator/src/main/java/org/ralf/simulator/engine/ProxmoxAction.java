package org.ralf.simulator.engine;

/**
 * A finished Proxmox task reported to the engine (by the Proxmox bridge), applied at the next tick.
 *
 * @param action {@code start}, {@code stop}, {@code shutdown}, {@code reboot}, {@code migrate},
 *     {@code snapshot}, {@code vzdump}, ...
 * @param vmid the guest
 * @param node node of the guest after the task
 * @param exitStatus {@code OK} or the error
 */
public record ProxmoxAction(String action, int vmid, String node, String exitStatus) {}
