package org.ralf.pipelines.remediation.decide;

import java.util.List;

/**
 * What the guards look at besides the candidate.
 *
 * @param nowMs current time, epoch ms
 * @param incidentId incident being decided
 * @param actions actions issued in the last hour
 * @param windows maintenance windows
 * @param activeTargets targets with an action in progress (MITIGATING incidents), by blast-radius
 *     group ({@code node} or {@code guest}) as {@code group/target}
 * @param nodeCount nodes in the inventory
 * @param guestCount guests in the inventory
 * @param globalMaxPerHour global limit of actions per hour
 */
public record GuardContext(
        long nowMs,
        String incidentId,
        List<ActionEntry> actions,
        List<MaintenanceWindow> windows,
        List<String> activeTargets,
        int nodeCount,
        int guestCount,
        int globalMaxPerHour) {}
