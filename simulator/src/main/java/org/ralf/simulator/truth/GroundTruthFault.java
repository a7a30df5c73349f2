package org.ralf.simulator.truth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The ground truth of one injected fault.
 *
 * @param faultId id unique across runs of the same scenario and seed: {@code
 *     <scenario>:<seed>:<id>}
 * @param scenario scenario name
 * @param kind fault kind in YAML form, for example {@code crash-loop}
 * @param entity the entity the fault was injected into (node, guest or {@code guest/service})
 * @param affected entities whose anomalies count as detecting this fault (the entity, its host, its
 *     services, a node's guests)
 * @param start simulated instant the fault started
 * @param scheduledEnd simulated instant the scenario would end it
 * @param end simulated instant it actually ended, or null while active
 * @param endedBy {@code schedule}, {@code action:<action>} (the closed loop), or null while active
 * @param params the fault's parameters as given in the scenario
 */
public record GroundTruthFault(
        String faultId,
        String scenario,
        String kind,
        String entity,
        List<String> affected,
        Instant start,
        Instant scheduledEnd,
        @Nullable Instant end,
        @Nullable String endedBy,
        Map<String, Double> params) {

    /** Copies the collections. */
    public GroundTruthFault {
        affected = List.copyOf(affected);
        params = Map.copyOf(params);
    }

    /** Whether the closed loop ended the fault before its scheduled end. */
    public boolean endedByAction() {
        return endedBy != null && endedBy.startsWith("action:");
    }

    /** This fault, ended at {@code at} by {@code by}. */
    public GroundTruthFault ended(Instant at, String by) {
        return new GroundTruthFault(
                faultId, scenario, kind, entity, affected, start, scheduledEnd, at, by, params);
    }
}
