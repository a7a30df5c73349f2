package org.ralf.pipelines.remediation.memory;

import java.util.List;
import javax.annotation.Nullable;
import org.ralf.models.incident.SimilarIncident;
import org.ralf.pipelines.remediation.correlate.IncidentSignal;

/**
 * An incident signal with the similar past incidents found for it.
 *
 * @param signal the signal
 * @param looked whether the memory was consulted for this signal (only OPENED signals are)
 * @param memoryAvailable whether the lookup succeeded
 * @param similar similar past experiences, most similar first (empty if none or unavailable)
 * @param memoryNote why the memory was unavailable, for the explanation
 */
public record EnrichedSignal(
        IncidentSignal signal,
        boolean looked,
        boolean memoryAvailable,
        List<SimilarIncident> similar,
        @Nullable String memoryNote) {}
