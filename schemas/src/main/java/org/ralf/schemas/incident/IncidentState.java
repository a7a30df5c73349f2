package org.ralf.schemas.incident;

/** Life cycle of an {@link Incident}: OPEN → MITIGATING → RESOLVED, or ESCALATED to a human. */
public enum IncidentState {
    /** Correlated, no remediation running yet. */
    OPEN,
    /** A remediation command was issued and its effect is awaited. */
    MITIGATING,
    /** Signals are back to normal. */
    RESOLVED,
    /** Handed to a human (no safe action, action failed, or approval denied). */
    ESCALATED
}
