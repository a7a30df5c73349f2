package org.ralf.models.incident;

import javax.annotation.Nullable;

/**
 * A past remediation attempt on an incident similar to the current one, as returned by {@link
 * IncidentMemory#similar}.
 *
 * @param incidentId the past incident
 * @param similarity cosine similarity of its fingerprint to the query, in [-1, 1]
 * @param actionKey the action tried, as {@code KIND:action} (for example {@code PROXMOX:reboot})
 * @param outcome how it worked out
 * @param timeToRecoverMs time from command to resolution, for successes
 */
public record SimilarIncident(
        String incidentId,
        double similarity,
        String actionKey,
        ActionOutcome outcome,
        @Nullable Long timeToRecoverMs) {}
