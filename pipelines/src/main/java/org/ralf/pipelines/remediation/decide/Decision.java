package org.ralf.pipelines.remediation.decide;

import java.time.Instant;
import javax.annotation.Nullable;
import org.ralf.schemas.command.ActionCommand;

/**
 * A remediation decision with its full explanation: a row of {@code ralf.decisions}, a file in the
 * git audit repository.
 *
 * @param decisionId deterministic id (incident, attempt)
 * @param incidentId the incident
 * @param attempt 1 for the first decision on an incident, then 2, 3, ... after failures
 * @param createdAt when it was made
 * @param policyId policy applied, if any
 * @param policyVersion its version
 * @param chosenAction {@code KIND:action}, or null when nothing could be done (escalated)
 * @param command the signed command, if any
 * @param explanation why
 */
public record Decision(
        String decisionId,
        String incidentId,
        int attempt,
        Instant createdAt,
        @Nullable String policyId,
        int policyVersion,
        @Nullable String chosenAction,
        @Nullable ActionCommand command,
        Explanation explanation) {}
