package org.ralf.pipelines.remediation.policy;

/**
 * The guards a policy sets for its actions (the global rate limit is a job setting).
 *
 * @param cooldownMs minimum time between actions on the same target
 * @param maxActionsPerHourPerTarget at most this many actions per target in any hour
 * @param maxBlastRadius maximum share in (0, 1] of hosts (nodes) or guests under action at once;
 *     one action at a time is always allowed
 * @param dryRun issue commands in check/plan mode only
 */
public record PolicyGuards(
        long cooldownMs, int maxActionsPerHourPerTarget, double maxBlastRadius, boolean dryRun) {}
