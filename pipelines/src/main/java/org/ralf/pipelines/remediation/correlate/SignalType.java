package org.ralf.pipelines.remediation.correlate;

/** What happened to a correlated incident. */
public enum SignalType {
    /** The first anomaly opened it. */
    OPENED,
    /** Another anomaly joined it. */
    UPDATED,
    /** No anomaly joined it for the quiet period: its signals are back to normal. */
    CLEARED
}
