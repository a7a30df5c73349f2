package org.ralf.pipelines.remediation.decide;

import java.io.Serializable;

/**
 * Settings of the remediation controller.
 *
 * @param globalMaxActionsPerHour at most this many actions per hour in total
 * @param signingKeyId key id commands are signed with
 * @param signingSecret the HMAC secret of that key
 * @param retentionMs resolved incidents stay in state this long (to absorb late signals)
 * @param resultGraceMs an attempt fails if no result arrives within the command timeout plus this
 * @param reconsiderMs an open incident that could not be decided yet (no matching policy, or no
 *     inventory) is decided again on a processing-time tick of this period, so a policy or the
 *     inventory arriving after the incident still leads to a decision
 * @param inventoryWaitMs while the inventory is empty, a decision waits up to this long after the
 *     incident opened (blast radius cannot be computed without it) before deciding anyway
 */
public record RemediationSettings(
        int globalMaxActionsPerHour,
        String signingKeyId,
        String signingSecret,
        long retentionMs,
        long resultGraceMs,
        long reconsiderMs,
        long inventoryWaitMs)
        implements Serializable {

    /** Validates the periods. */
    public RemediationSettings {
        if (reconsiderMs <= 0 || inventoryWaitMs < 0) {
            throw new IllegalArgumentException(
                    "reconsiderMs > 0 and inventoryWaitMs >= 0 required");
        }
    }
}
