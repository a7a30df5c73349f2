package org.ralf.pipelines.remediation.decide;

import javax.annotation.Nullable;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.incident.Incident;
import org.ralf.schemas.notify.Notification;

/**
 * What a {@link Decider} decided, for the controller to apply: the new case state and the records
 * to emit, in the order they are emitted (decision, incident, command, notification). Every field
 * is null when nothing happens (no policy yet, or waiting for the inventory).
 *
 * @param next the incident case to store
 * @param decision the decision record with its explanation (main output)
 * @param incident the incident at its new life-cycle state
 * @param command the signed command
 * @param notification the message for humans
 * @param action the action to append to the action log (an acting command was issued); the
 *     controller then arms the deadline of {@code next.pending()} and the log's trim timer
 */
public record DecisionOutcome(
        @Nullable IncidentCase next,
        @Nullable Decision decision,
        @Nullable Incident incident,
        @Nullable ActionCommand command,
        @Nullable Notification notification,
        @Nullable ActionEntry action) {

    private static final DecisionOutcome NONE =
            new DecisionOutcome(null, null, null, null, null, null);

    /** Nothing to do: the incident stays as it is. */
    public static DecisionOutcome none() {
        return NONE;
    }

    /** An escalation to a human without a decision record. */
    static DecisionOutcome escalated(
            IncidentCase next, Incident incident, Notification notification) {
        return new DecisionOutcome(next, null, incident, null, notification, null);
    }
}
