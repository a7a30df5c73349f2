package org.ralf.simulator.truth;

import java.time.Instant;

/**
 * An action a client (the executor) performed against the simulated Proxmox API, as the simulation
 * applied it.
 *
 * @param at simulated instant the task finished
 * @param action {@code start}, {@code stop}, {@code shutdown}, {@code reboot}, {@code migrate},
 *     {@code snapshot} or {@code vzdump}
 * @param vmid guest id
 * @param guest guest name (entity)
 * @param node node of the guest after the action
 * @param exitStatus the task's exit status ({@code OK} or the error)
 */
public record ActionRecord(
        Instant at, String action, int vmid, String guest, String node, String exitStatus) {

    /** Whether the task succeeded and its effect was applied. */
    public boolean ok() {
        return "OK".equals(exitStatus);
    }

    /** A short description such as {@code reboot media (OK)}. */
    public String describe() {
        return action + " " + guest + " (" + exitStatus + ")";
    }
}
