package org.ralf.pipelines.remediation.policy;

import java.util.List;

/** A policy document is invalid; {@link #errors()} lists every problem with its path. */
public class PolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    /**
     * @param policyId the policy the document belongs to
     * @param errors every problem found, each as {@code path: message}
     */
    public PolicyException(String policyId, List<String> errors) {
        super("policy '" + policyId + "' is invalid: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    /** Every problem found, each as {@code path: message}. */
    public List<String> errors() {
        return errors;
    }
}
