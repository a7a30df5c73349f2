package org.ralf.sinks.jdbc;

import java.time.Instant;
import javax.annotation.Nullable;

/**
 * A row of {@code ralf.decisions}.
 *
 * @param decisionId id
 * @param incidentId incident
 * @param explanationJson the explanation as JSON
 * @param chosenAction {@code KIND:action}, if any
 * @param commandId command, if any
 * @param idempotencyKey its idempotency key, if any
 * @param policyId policy, if any
 * @param createdAt when
 */
public record DecisionRow(
        String decisionId,
        String incidentId,
        String explanationJson,
        @Nullable String chosenAction,
        @Nullable String commandId,
        @Nullable String idempotencyKey,
        @Nullable String policyId,
        Instant createdAt) {}
