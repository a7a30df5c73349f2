package org.ralf.simulator.score;

import java.time.Instant;
import java.util.List;
import javax.annotation.Nullable;

/**
 * How one fault fared.
 *
 * @param id fault id
 * @param kind fault kind (YAML form)
 * @param entity entity the fault was injected into
 * @param injectedAt simulated start of the fault
 * @param detected whether an anomaly matched it
 * @param detectedBy detector or pattern of the first matching anomaly, null if undetected
 * @param delaySeconds seconds from injection to the first matching anomaly (0 if the anomaly came
 *     within the slack before the start), null if undetected
 * @param actions Proxmox actions performed on the fault's entities while it was active (plus the
 *     grace period), as {@code action guest (status)}
 * @param recovered whether an action ended the fault before its scheduled end (the closed loop)
 */
public record FaultOutcome(
        String id,
        String kind,
        String entity,
        Instant injectedAt,
        boolean detected,
        @Nullable String detectedBy,
        @Nullable Double delaySeconds,
        List<String> actions,
        boolean recovered) {

    /** Copies the list. */
    public FaultOutcome {
        actions = List.copyOf(actions);
    }
}
