package org.ralf.pipelines.remediation.decide;

/**
 * One issued action, for the rate, cooldown and blast-radius guards.
 *
 * @param target target
 * @param incidentId incident it was for
 * @param actionKey {@code KIND:action}
 * @param atMs when it was issued
 */
public record ActionEntry(String target, String incidentId, String actionKey, long atMs) {}
