package org.ralf.pipelines.remediation.decide;

import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.pipelines.remediation.policy.Policy;

/**
 * Everything the {@link Decider} looks at for one decision, read from the controller's state.
 *
 * @param incident the incident case, with its memory lookup result ({@link IncidentCase#similar})
 * @param nowMs the decision instant, epoch ms
 * @param previous why the previous attempt failed, or null on a first decision
 * @param policies policies in effect, by id
 * @param inventoryEmpty whether the inventory has not been read yet
 * @param guards the guard state (action log, windows, actions in flight, inventory totals)
 */
public record DecisionInput(
        IncidentCase incident,
        long nowMs,
        @Nullable String previous,
        Map<String, Policy> policies,
        boolean inventoryEmpty,
        GuardContext guards) {

    /** Copies the policies. */
    public DecisionInput {
        policies = Map.copyOf(policies);
    }
}
