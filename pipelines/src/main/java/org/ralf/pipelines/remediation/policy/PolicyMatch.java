package org.ralf.pipelines.remediation.policy;

import java.util.List;
import java.util.Map;
import org.ralf.schemas.anomaly.AnomalyKind;

/**
 * Which incidents a policy applies to. Every non-empty criterion must hold; within a list, one
 * element matching suffices.
 *
 * @param anomalyKinds the incident has an anomaly of one of these kinds
 * @param detectors the incident has an anomaly from a detector or pattern matching one of these
 *     globs
 * @param metrics the incident has an anomaly of a metric whose name matches one of these globs (for
 *     example {@code container_memory_*})
 * @param entityRoles the root entity has one of these roles ({@code node}, {@code guest}, {@code
 *     service})
 * @param entities the root entity's name matches one of these globs
 * @param labels every label here is present with this value on one of the incident's anomalies
 * @param minScore the incident's highest anomaly score is at least this
 */
public record PolicyMatch(
        List<AnomalyKind> anomalyKinds,
        List<String> detectors,
        List<String> metrics,
        List<String> entityRoles,
        List<String> entities,
        Map<String, String> labels,
        double minScore) {

    /** Copies the collections. */
    public PolicyMatch {
        anomalyKinds = List.copyOf(anomalyKinds);
        detectors = List.copyOf(detectors);
        metrics = List.copyOf(metrics);
        entityRoles = List.copyOf(entityRoles);
        entities = List.copyOf(entities);
        labels = Map.copyOf(labels);
    }
}
