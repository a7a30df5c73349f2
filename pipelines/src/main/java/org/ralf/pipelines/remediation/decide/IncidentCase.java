package org.ralf.pipelines.remediation.decide;

import java.util.List;
import javax.annotation.Nullable;
import org.ralf.models.incident.SimilarIncident;
import org.ralf.pipelines.remediation.correlate.IncidentSignal;
import org.ralf.schemas.incident.IncidentState;

/**
 * The controller's state of one incident.
 *
 * @param signal latest signal from the correlator
 * @param state life-cycle state
 * @param memoryResolved whether the memory lookup answered (decisions wait for it)
 * @param memoryAvailable whether it succeeded
 * @param memoryNote why not
 * @param similar similar past incidents
 * @param policyId policy that decided, once one did
 * @param attempt number of decisions made so far
 * @param tried candidate ids already tried
 * @param pending the action being verified, if any
 * @param resolvedAtMs when it was resolved (0 if not)
 */
public record IncidentCase(
        IncidentSignal signal,
        IncidentState state,
        boolean memoryResolved,
        boolean memoryAvailable,
        @Nullable String memoryNote,
        List<SimilarIncident> similar,
        @Nullable String policyId,
        int attempt,
        List<String> tried,
        @Nullable PendingAction pending,
        long resolvedAtMs) {

    /** Copies the lists. */
    public IncidentCase {
        similar = List.copyOf(similar);
        tried = List.copyOf(tried);
    }

    IncidentCase withSignal(IncidentSignal s) {
        return new IncidentCase(
                s,
                state,
                memoryResolved,
                memoryAvailable,
                memoryNote,
                similar,
                policyId,
                attempt,
                tried,
                pending,
                resolvedAtMs);
    }

    IncidentCase withMemory(boolean available, @Nullable String note, List<SimilarIncident> found) {
        return new IncidentCase(
                signal,
                state,
                true,
                available,
                note,
                found,
                policyId,
                attempt,
                tried,
                pending,
                resolvedAtMs);
    }

    IncidentCase withState(IncidentState s, @Nullable PendingAction p, long resolvedAt) {
        return new IncidentCase(
                signal,
                s,
                memoryResolved,
                memoryAvailable,
                memoryNote,
                similar,
                policyId,
                attempt,
                tried,
                p,
                resolvedAt);
    }

    IncidentCase withAttempt(
            @Nullable String policy,
            int n,
            List<String> triedIds,
            @Nullable PendingAction p,
            IncidentState s) {
        return new IncidentCase(
                signal,
                s,
                memoryResolved,
                memoryAvailable,
                memoryNote,
                similar,
                policy,
                n,
                triedIds,
                p,
                resolvedAtMs);
    }
}
