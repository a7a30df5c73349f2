package org.ralf.pipelines.remediation.decide;

import javax.annotation.Nullable;
import org.ralf.pipelines.remediation.memory.EnrichedSignal;
import org.ralf.schemas.command.CommandResult;

/**
 * The controller's keyed input: either an incident signal or a command result (exactly one is set).
 *
 * @param signal an enriched incident signal
 * @param result a command result from the executor
 */
public record RemediationEvent(@Nullable EnrichedSignal signal, @Nullable CommandResult result) {

    /** An event carrying a signal. */
    public static RemediationEvent of(EnrichedSignal signal) {
        return new RemediationEvent(signal, null);
    }

    /** An event carrying a command result. */
    public static RemediationEvent of(CommandResult result) {
        return new RemediationEvent(null, result);
    }
}
