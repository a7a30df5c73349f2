package org.ralf.schemas.incident;

import java.time.Instant;
import java.util.List;
import javax.annotation.Nullable;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.internal.Checks;

/**
 * An incident: correlated anomalies with a root entity, value of the compacted topic {@code
 * ralf.incidents} (key: {@link #incidentId()}); every state change publishes the whole incident
 * again, so the latest value per id is its current state.
 *
 * @param schemaVersion version of this record's schema ({@link #SCHEMA_VERSION})
 * @param incidentId stable id of the incident
 * @param rootEntity the entity believed to be the cause
 * @param affectedEntities entities affected (including the root); may be empty
 * @param state life-cycle state
 * @param anomalyIds anomalies correlated into this incident, oldest first; may be empty
 * @param openedAt when the incident was opened
 * @param updatedAt when it last changed (not before {@code openedAt})
 * @param resolvedAt when it was resolved; required when {@code state} is RESOLVED
 * @param summary one-line human-readable summary
 */
public record Incident(
        int schemaVersion,
        String incidentId,
        String rootEntity,
        List<String> affectedEntities,
        IncidentState state,
        List<String> anomalyIds,
        Instant openedAt,
        Instant updatedAt,
        @Nullable Instant resolvedAt,
        String summary)
        implements Versioned {

    /** Current schema version of this record. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates the invariants; see the component descriptions. */
    public Incident {
        Checks.version(schemaVersion);
        Checks.nonBlank(incidentId, "incidentId");
        Checks.nonBlank(rootEntity, "rootEntity");
        affectedEntities = Checks.nonBlankList(affectedEntities, "affectedEntities");
        Checks.present(state, "state");
        anomalyIds = Checks.nonBlankList(anomalyIds, "anomalyIds");
        Checks.present(openedAt, "openedAt");
        Checks.present(updatedAt, "updatedAt");
        Checks.ordered(openedAt, "openedAt", updatedAt, "updatedAt");
        if (state == IncidentState.RESOLVED && resolvedAt == null) {
            throw new IllegalArgumentException("resolvedAt is required when state is RESOLVED");
        }
        if (resolvedAt != null) {
            Checks.ordered(openedAt, "openedAt", resolvedAt, "resolvedAt");
        }
        Checks.present(summary, "summary");
    }
}
