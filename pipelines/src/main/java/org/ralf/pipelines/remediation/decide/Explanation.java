package org.ralf.pipelines.remediation.decide;

import java.util.List;
import javax.annotation.Nullable;
import org.ralf.models.incident.SimilarIncident;
import org.ralf.pipelines.remediation.correlate.AnomalyBrief;
import org.ralf.schemas.incident.Incident;

/**
 * Everything behind a decision: stored as JSON in {@code ralf.decisions.explanation}, rendered in
 * the git audit file and summarised in the notification.
 *
 * @param triggeringAnomalies the incident's anomalies
 * @param incident the incident at decision time
 * @param memoryAvailable whether similar incidents could be looked up
 * @param memoryNote why not, if not
 * @param similar similar past incidents with their outcomes
 * @param policyId policy applied (null when none matched)
 * @param policyVersion its version (0 when none)
 * @param candidates every candidate with its estimate and guard verdicts
 * @param previousAttempt what happened to the previous attempt, for follow-up decisions
 * @param reason one line: what was decided and why
 */
public record Explanation(
        List<AnomalyBrief> triggeringAnomalies,
        Incident incident,
        boolean memoryAvailable,
        @Nullable String memoryNote,
        List<SimilarIncident> similar,
        @Nullable String policyId,
        int policyVersion,
        List<CandidateVerdict> candidates,
        @Nullable String previousAttempt,
        String reason) {}
