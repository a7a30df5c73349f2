package org.ralf.simulator.score;

/**
 * Totals of a report.
 *
 * @param faults number of faults
 * @param detected faults with at least one matching anomaly
 * @param anomalies anomalies considered
 * @param matchedAnomalies anomalies that matched at least one fault
 * @param recall detected / faults (1 when there are no faults)
 * @param precision matched anomalies / anomalies (1 when there are no anomalies)
 * @param falseAlarms anomalies that matched no fault
 * @param recoveredShare faults ended by an action / faults of remediable kinds (0 when none)
 */
public record Totals(
        int faults,
        int detected,
        int anomalies,
        int matchedAnomalies,
        double recall,
        double precision,
        int falseAlarms,
        double recoveredShare) {}
