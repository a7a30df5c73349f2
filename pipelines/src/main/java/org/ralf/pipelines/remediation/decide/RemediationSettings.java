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
 */
public record RemediationSettings(
        int globalMaxActionsPerHour,
        String signingKeyId,
        String signingSecret,
        long retentionMs,
        long resultGraceMs)
        implements Serializable {}
