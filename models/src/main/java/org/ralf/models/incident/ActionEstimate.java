package org.ralf.models.incident;

/**
 * The estimated success of one candidate action on the current incident.
 *
 * @param actionKey {@code KIND:action}
 * @param successes similarity-weighted successes on similar incidents
 * @param failures similarity-weighted failures on similar incidents
 * @param samples number of similar experiences with this action (unweighted)
 * @param mean posterior mean success probability (the ranking score)
 * @param lower lower end of the 90% credible interval (normal approximation of the Beta)
 */
public record ActionEstimate(
        String actionKey,
        double successes,
        double failures,
        int samples,
        double mean,
        double lower) {}
