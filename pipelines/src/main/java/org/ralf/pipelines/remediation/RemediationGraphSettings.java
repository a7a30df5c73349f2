package org.ralf.pipelines.remediation;

import java.io.Serializable;
import org.ralf.pipelines.remediation.decide.RemediationSettings;

/**
 * Settings of the remediation graph (resolved from the job's {@code remediation.*} keys).
 *
 * @param quietMs an incident clears after this long without anomalies (and anomalies within it join
 *     the open incident)
 * @param lookupTimeoutMs timeout of one similar-incident lookup
 * @param lookupCapacity maximum lookups in flight (async I/O capacity)
 * @param lookupThreads lookup threads per parallel instance
 * @param similarK similar experiences retrieved per incident
 * @param topologyHoldMs an anomaly whose entity is not (yet) in the topology is held up to this
 *     long for the inventory to arrive (0: never held)
 * @param controller settings of the controller
 */
public record RemediationGraphSettings(
        long quietMs,
        long lookupTimeoutMs,
        int lookupCapacity,
        int lookupThreads,
        int similarK,
        long topologyHoldMs,
        RemediationSettings controller)
        implements Serializable {}
