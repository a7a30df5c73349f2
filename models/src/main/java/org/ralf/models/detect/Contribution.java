package org.ralf.models.detect;

/**
 * One detector's part in a fused score.
 *
 * @param detector the detector
 * @param raw the detector's raw statistic (z-score, CUSUM sum, distance, ...)
 * @param tailProbability the calibrated probability of a statistic at least this unusual under the
 *     series' own recent behaviour (1 = nothing unusual)
 * @param share this detector's share of the total evidence, in [0,1]; shares sum to 1 when any
 *     detector has evidence, else all are 0
 */
public record Contribution(
        DetectorKind detector, double raw, double tailProbability, double share) {}
