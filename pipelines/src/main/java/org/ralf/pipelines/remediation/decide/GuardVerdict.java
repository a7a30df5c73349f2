package org.ralf.pipelines.remediation.decide;

/**
 * One guard's verdict on one candidate action.
 *
 * @param guard guard name: maintenance, cooldown, rate-global, rate-target, blast-radius, approval,
 *     dry-run
 * @param passed false if the guard blocks the action (approval and dry-run never block, they modify
 *     the command)
 * @param detail why, with the numbers involved
 */
public record GuardVerdict(String guard, boolean passed, String detail) {}
