package org.ralf.pipelines.remediation.decide;

/**
 * The action an incident is waiting on.
 *
 * @param decisionId decision that issued it
 * @param commandId command id
 * @param idempotencyKey idempotency key (results are matched on it)
 * @param candidateId candidate within the policy
 * @param actionKey {@code KIND:action}
 * @param target target
 * @param issuedAtMs when the command was issued
 * @param deadlineMs when, without resolution, the attempt counts as failed
 * @param resultSucceeded whether the executor reported success
 * @param dryRun whether it was a dry run (no learning from it)
 */
public record PendingAction(
        String decisionId,
        String commandId,
        String idempotencyKey,
        String candidateId,
        String actionKey,
        String target,
        long issuedAtMs,
        long deadlineMs,
        boolean resultSucceeded,
        boolean dryRun) {}
