package org.ralf.pipelines.remediation.topology;

import org.ralf.schemas.anomaly.Anomaly;

/**
 * An anomaly with the topology location of its entity.
 *
 * @param anomaly the anomaly
 * @param location where its entity sits
 */
public record LocatedAnomaly(Anomaly anomaly, EntityLocation location) {}
