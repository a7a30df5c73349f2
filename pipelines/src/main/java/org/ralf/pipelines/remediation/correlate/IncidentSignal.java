package org.ralf.pipelines.remediation.correlate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.ralf.models.incident.IncidentFingerprint;
import org.ralf.pipelines.remediation.topology.EntityLocation;

/**
 * The state of a correlated incident after a change: what the correlator emits and the remediation
 * controller consumes.
 *
 * @param type what changed
 * @param incidentId deterministic id (node key and first anomaly)
 * @param correlationKey the node (or lone entity) the incident is keyed by
 * @param root the root-cause candidate: the affected entity on the lowest layer
 * @param affected every affected entity with its location, in order of first appearance
 * @param anomalyIds correlated anomalies, oldest first
 * @param anomalies briefs of the correlated anomalies (at most {@link #MAX_BRIEFS})
 * @param labels labels of the anomalies, merged (first value wins)
 * @param maxScore highest anomaly score
 * @param openedAtMs when the incident opened (processing time), epoch ms
 * @param atMs when this change happened (processing time), epoch ms
 */
public record IncidentSignal(
        SignalType type,
        String incidentId,
        String correlationKey,
        EntityLocation root,
        List<EntityLocation> affected,
        List<String> anomalyIds,
        List<AnomalyBrief> anomalies,
        Map<String, String> labels,
        double maxScore,
        long openedAtMs,
        long atMs) {

    private static final String UNKNOWN = "unknown";

    /** At most this many anomaly briefs are kept (explanations quote them). */
    public static final int MAX_BRIEFS = 50;

    /** The incident's fingerprint (see {@link IncidentFingerprint}). */
    public IncidentFingerprint fingerprint() {
        List<String> kinds = new ArrayList<>();
        List<String> detectors = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        List<String> templates = new ArrayList<>();
        for (AnomalyBrief a : anomalies) {
            kinds.add(a.kind());
            detectors.add(a.detector());
            if (a.metricName() != null) {
                metrics.add(a.metricName());
            }
            if (a.templateId() != null) {
                templates.add(a.templateId());
            }
        }
        return new IncidentFingerprint(root.role(), kinds, detectors, metrics, templates);
    }

    /** Anomaly kinds involved. */
    public Set<String> kinds() {
        Set<String> out = new HashSet<>();
        anomalies.forEach(a -> out.add(a.kind()));
        return out;
    }

    /** Detectors and patterns involved. */
    public Set<String> detectors() {
        Set<String> out = new HashSet<>();
        anomalies.forEach(a -> out.add(a.detector()));
        return out;
    }

    /** Metric names of the metric anomalies involved. */
    public Set<String> metrics() {
        Set<String> out = new HashSet<>();
        anomalies.forEach(
                a -> {
                    if (a.metricName() != null) {
                        out.add(a.metricName());
                    }
                });
        return out;
    }

    /** Names of the affected entities. */
    public List<String> affectedEntities() {
        return affected.stream().map(EntityLocation::entity).toList();
    }

    /**
     * A copy in which the affected entities of unknown location are located again (those the
     * topology now knows), with the root recomputed as the lowest layer (earliest on ties); this
     * signal itself if none could be located. The incident id and correlation key stay: they were
     * fixed when the incident opened.
     */
    public IncidentSignal relocated(Function<String, EntityLocation> locate) {
        boolean changed = false;
        List<EntityLocation> located = new ArrayList<>();
        for (EntityLocation l : affected) {
            EntityLocation now = UNKNOWN.equals(l.role()) ? locate.apply(l.entity()) : l;
            if (UNKNOWN.equals(now.role())) {
                located.add(l);
            } else {
                changed |= now != l;
                located.add(now);
            }
        }
        if (!changed) {
            return this;
        }
        EntityLocation newRoot =
                located.stream().min(Comparator.comparingInt(EntityLocation::layer)).orElseThrow();
        return new IncidentSignal(
                type,
                incidentId,
                correlationKey,
                newRoot,
                located,
                anomalyIds,
                anomalies,
                labels,
                maxScore,
                openedAtMs,
                atMs);
    }

    /** A copy with another type and time. */
    public IncidentSignal as(SignalType newType, long at) {
        return new IncidentSignal(
                newType,
                incidentId,
                correlationKey,
                root,
                affected,
                anomalyIds,
                anomalies,
                labels,
                maxScore,
                openedAtMs,
                at);
    }
}
