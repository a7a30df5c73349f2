package org.ralf.models.incident;

/** How a remediation attempt worked out: the learning signal stored in experience records. */
public enum ActionOutcome {
    /** The incident resolved within the policy's verification time after the action. */
    SUCCESS,
    /** The command failed, was rejected, or the incident did not resolve in time. */
    FAILURE
}
