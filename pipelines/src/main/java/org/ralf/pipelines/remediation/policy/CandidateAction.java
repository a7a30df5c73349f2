package org.ralf.pipelines.remediation.policy;

import java.util.Map;
import org.ralf.schemas.command.ActionKind;

/**
 * One action a policy proposes for a matching incident.
 *
 * @param id name of the candidate within the policy
 * @param kind backend that runs it
 * @param action playbook, workspace, Proxmox action or {@code notify}
 * @param params backend parameters (Ansible extra vars, Proxmox target node, ...)
 * @param destructive whether the action can lose data or availability beyond a restart; such
 *     actions always require approval
 * @param requiresApproval whether the executor must wait for a human's approval
 * @param idempotent whether the executor may re-run it after a crash
 * @param timeoutSeconds maximum run time
 */
public record CandidateAction(
        String id,
        ActionKind kind,
        String action,
        Map<String, Object> params,
        boolean destructive,
        boolean requiresApproval,
        boolean idempotent,
        int timeoutSeconds) {

    /** Copies the parameters. */
    public CandidateAction {
        params = Map.copyOf(params);
    }

    /** {@code KIND:action}, the key under which outcomes are learned. */
    public String actionKey() {
        return kind.name() + ":" + action;
    }
}
