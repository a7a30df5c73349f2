package org.ralf.pipelines.remediation.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A remediation policy: which incidents it matches, which actions it proposes in which order, how
 * long to wait for the incident to resolve after an action, and its guards. Parsed from the YAML
 * document in {@code ralf.policies} by {@link PolicyParser}; the schema is in {@code
 * docs/remediation.md}.
 *
 * @param policyId id (the table's primary key)
 * @param version version (the table's column); decisions record it
 * @param enabled disabled policies never match
 * @param description one line for humans
 * @param priority among several matching policies the highest priority wins (ties: smallest id)
 * @param match which incidents it applies to
 * @param actions candidate actions in the policy's preferred order
 * @param verifyWithinMs an action succeeded if the incident resolves within this time after the
 *     command's result
 * @param guards guards for its actions
 * @param escalate whether to escalate to a human when every candidate failed or was blocked
 */
public record Policy(
        String policyId,
        int version,
        boolean enabled,
        String description,
        int priority,
        PolicyMatch match,
        List<CandidateAction> actions,
        long verifyWithinMs,
        PolicyGuards guards,
        boolean escalate) {

    /** Copies the actions. */
    public Policy {
        actions = List.copyOf(actions);
    }

    /**
     * Whether the policy applies to an incident with the given features.
     *
     * @param kinds anomaly kinds of the incident
     * @param detectors detectors and patterns of the incident
     * @param rootRole role of the root entity
     * @param rootEntity name of the root entity
     * @param labels labels of the incident's anomalies (merged)
     * @param maxScore highest anomaly score
     */
    public boolean matches(
            Set<String> kinds,
            Set<String> detectors,
            String rootRole,
            String rootEntity,
            Map<String, String> labels,
            double maxScore) {
        return matches(kinds, detectors, Set.of(), rootRole, rootEntity, labels, maxScore);
    }

    /**
     * Whether the policy applies to an incident with the given features.
     *
     * @param kinds anomaly kinds of the incident
     * @param detectors detectors and patterns of the incident
     * @param metrics metric names of the incident's metric anomalies
     * @param rootRole role of the root entity
     * @param rootEntity name of the root entity
     * @param labels labels of the incident's anomalies (merged)
     * @param maxScore highest anomaly score
     */
    public boolean matches(
            Set<String> kinds,
            Set<String> detectors,
            Set<String> metrics,
            String rootRole,
            String rootEntity,
            Map<String, String> labels,
            double maxScore) {
        if (!enabled) {
            return false;
        }
        if (!match.anomalyKinds().isEmpty()
                && match.anomalyKinds().stream().noneMatch(k -> kinds.contains(k.name()))) {
            return false;
        }
        if (!match.detectors().isEmpty()
                && match.detectors().stream()
                        .noneMatch(g -> detectors.stream().anyMatch(d -> Glob.matches(g, d)))) {
            return false;
        }
        if (!match.metrics().isEmpty()
                && match.metrics().stream()
                        .noneMatch(g -> metrics.stream().anyMatch(m -> Glob.matches(g, m)))) {
            return false;
        }
        if (!match.entityRoles().isEmpty() && !match.entityRoles().contains(rootRole)) {
            return false;
        }
        if (!match.entities().isEmpty()
                && match.entities().stream().noneMatch(g -> Glob.matches(g, rootEntity))) {
            return false;
        }
        for (Map.Entry<String, String> l : match.labels().entrySet()) {
            if (!l.getValue().equals(labels.get(l.getKey()))) {
                return false;
            }
        }
        return maxScore >= match.minScore();
    }
}
