package org.ralf.models.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What an incident looks like, independent of which host it happened on: the features compared when
 * looking for similar past incidents.
 *
 * <p>Entity names are deliberately left out, so that "memory leak on web01" and "memory leak on
 * web02" are similar; the entity's role (node, guest, service) stays in, because the same symptom
 * on a node and on a service calls for different actions.
 *
 * @param entityRole role of the root entity: {@code node}, {@code guest}, {@code service} or {@code
 *     unknown}
 * @param anomalyKinds anomaly kinds involved, sorted, distinct
 * @param detectors detector or pattern names involved, sorted, distinct
 * @param metrics metric names involved, sorted, distinct
 * @param templates log template ids involved, sorted, distinct
 */
public record IncidentFingerprint(
        String entityRole,
        List<String> anomalyKinds,
        List<String> detectors,
        List<String> metrics,
        List<String> templates) {

    /** Normalises every list to sorted distinct values. */
    public IncidentFingerprint {
        if (entityRole == null || entityRole.isBlank()) {
            throw new IllegalArgumentException("entityRole must not be blank");
        }
        entityRole = entityRole.toLowerCase(Locale.ROOT);
        anomalyKinds = sortedDistinct(anomalyKinds);
        detectors = sortedDistinct(detectors);
        metrics = sortedDistinct(metrics);
        templates = sortedDistinct(templates);
    }

    /**
     * The fingerprint as {@code family:value} feature strings, the input of {@link
     * FingerprintEmbedder}: {@code role:guest}, {@code kind:PATTERN}, {@code detector:crash-loop},
     * {@code metric:mem_used_bytes}, {@code template:t-42}.
     */
    public List<String> features() {
        List<String> out = new ArrayList<>();
        out.add("role:" + entityRole);
        anomalyKinds.forEach(k -> out.add("kind:" + k));
        detectors.forEach(d -> out.add("detector:" + d));
        metrics.forEach(m -> out.add("metric:" + m));
        templates.forEach(t -> out.add("template:" + t));
        return out;
    }

    private static List<String> sortedDistinct(List<String> values) {
        TreeSet<String> set = new TreeSet<>();
        if (values != null) {
            for (String v : values) {
                if (v != null && !v.isBlank()) {
                    set.add(v);
                }
            }
        }
        return List.copyOf(set);
    }
}
