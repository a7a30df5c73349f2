package org.ralf.models.detect;

import java.util.List;
import javax.annotation.Nullable;

/**
 * The result of one {@link SeriesDetector#update} call.
 *
 * @param anomalyScore fused, calibrated anomaly score in [0,1] (0 = normal)
 * @param expectedLow lower bound of the expected range of the value: robust median &minus; {@code
 *     detect.range.sigmas} robust sigmas of the values before it (NaN while warming up, and, unless
 *     the robust detector takes part in the fusion, for a score below {@code detect.alert.level}:
 *     the fit costs two medians and is made only where it is reported)
 * @param expectedHigh upper bound of the expected range, likewise
 * @param timeToThresholdMillis forecast time until the configured threshold is crossed, or -1 if no
 *     crossing is forecast (or no threshold is configured)
 * @param contributions one entry per {@link DetectorKind}, in ordinal order (empty for rejected
 *     samples)
 * @param accepted false if the sample was rejected by rule (non-finite value or timestamp older
 *     than the last accepted one) and did not touch the state
 */
public record Score(
        double anomalyScore,
        double expectedLow,
        double expectedHigh,
        long timeToThresholdMillis,
        List<Contribution> contributions,
        boolean accepted) {

    /** Defensive copy. */
    public Score {
        contributions = List.copyOf(contributions);
    }

    /** The contribution of one detector (null for rejected samples). */
    @Nullable
    public Contribution contribution(DetectorKind kind) {
        return contributions.isEmpty() ? null : contributions.get(kind.ordinal());
    }
}
