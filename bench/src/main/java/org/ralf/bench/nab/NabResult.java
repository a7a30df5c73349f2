package org.ralf.bench.nab;

import java.util.List;

/**
 * Normalised NAB scores of one detector run on one corpus (0 = null detector, 100 = perfect).
 *
 * @param standard score under the standard profile
 * @param rewardLowFpRate score under the reward_low_FP_rate profile
 * @param rewardLowFnRate score under the reward_low_FN_rate profile
 * @param profiles every profile's details (threshold, raw score, counts), in profile order
 */
public record NabResult(
        double standard,
        double rewardLowFpRate,
        double rewardLowFnRate,
        List<ProfileScore> profiles) {

    /** Defensive copy. */
    public NabResult {
        profiles = List.copyOf(profiles);
    }

    /**
     * The score of one profile.
     *
     * @param profile the profile
     * @param threshold the corpus-wide threshold that maximised the raw score (detection = score
     *     &ge; threshold)
     * @param rawScore the summed raw score at that threshold
     * @param nullScore the raw score of the null detector (every window missed)
     * @param perfectScore the raw score of the perfect detector (every window hit at its start)
     * @param normalised {@code 100 * (raw - null) / (perfect - null)}
     * @param truePositiveWindows windows with at least one detection
     * @param windows scorable windows
     * @param falsePositives detections outside every window (after the probationary period)
     */
    public record ProfileScore(
            NabProfile profile,
            double threshold,
            double rawScore,
            double nullScore,
            double perfectScore,
            double normalised,
            int truePositiveWindows,
            int windows,
            int falsePositives) {}
}
