package org.ralf.models.incident;

import java.time.Instant;
import javax.annotation.Nullable;

/**
 * One remediation attempt and its outcome: the record the learning loop stores (table {@code
 * ralf.experiences}) and {@link IncidentMemory#similar} retrieves for the next similar incident.
 *
 * @param experienceId deterministic id (incident, action, attempt), so replays upsert
 * @param incidentId incident the action was tried on
 * @param decisionId decision that chose the action
 * @param commandId command that carried it
 * @param actionKey {@code KIND:action}
 * @param target entity the action acted on
 * @param outcome how it worked out
 * @param timeToRecoverMs time from command to resolution, for successes
 * @param fingerprint the incident's fingerprint (embedded by the writer)
 * @param createdAt when the outcome was determined
 */
public record Experience(
        String experienceId,
        String incidentId,
        @Nullable String decisionId,
        @Nullable String commandId,
        String actionKey,
        @Nullable String target,
        ActionOutcome outcome,
        @Nullable Long timeToRecoverMs,
        IncidentFingerprint fingerprint,
        Instant createdAt) {

    /** The backend part of {@link #actionKey()} ({@code PROXMOX}). */
    public String kind() {
        int colon = actionKey.indexOf(':');
        return colon < 0 ? actionKey : actionKey.substring(0, colon);
    }

    /** The action part of {@link #actionKey()} ({@code reboot}). */
    public String action() {
        int colon = actionKey.indexOf(':');
        return colon < 0 ? actionKey : actionKey.substring(colon + 1);
    }
}
