package org.ralf.pipelines.remediation.decide;

import java.util.List;

/**
 * How one candidate action fared in a decision.
 *
 * @param candidateId id within the policy
 * @param actionKey {@code KIND:action}
 * @param target what it would act on
 * @param successEstimate estimated success probability from similar incidents
 * @param samples similar experiences behind the estimate
 * @param guards every guard's verdict (empty if the candidate was not evaluated)
 * @param chosen whether it is the chosen action
 * @param reason why it was chosen or not
 */
public record CandidateVerdict(
        String candidateId,
        String actionKey,
        String target,
        double successEstimate,
        int samples,
        List<GuardVerdict> guards,
        boolean chosen,
        String reason) {}
