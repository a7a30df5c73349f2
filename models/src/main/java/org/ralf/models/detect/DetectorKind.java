package org.ralf.models.detect;

/**
 * The detectors fused by {@link SeriesDetector}; the ordinal indexes the per-detector arrays of
 * {@link DetectorState}.
 */
public enum DetectorKind {
    /** EWMA mean/variance z-score. */
    EWMA("ewma"),
    /** Median/MAD z-score over a ring buffer of recent values. */
    ROBUST("robust"),
    /** Deviation from the time-of-day / day-of-week profile. */
    SEASONAL("seasonal"),
    /** Two-sided CUSUM on the standardised value: level shifts and change points. */
    CHANGE_POINT("change-point"),
    /** Robust z-score of the first difference. */
    RATE("rate"),
    /** Distance of the recent shape (lag embedding) to its nearest neighbours in history. */
    CONTEXT("context"),
    /**
     * Distance of the recent shape to the nearest k-means centroid (Tribuo), trained once on the
     * series' prefix.
     */
    CLUSTER("cluster"),
    /** Holt forecast of the time until a configured threshold is crossed. */
    FORECAST("forecast"),
    /**
     * A value beyond the series' observed range by more than {@code detect.spatial.tolerance} of it
     * (a rule: the score is 1, whatever the fusion says).
     */
    SPATIAL("spatial");

    private final String key;

    DetectorKind(String key) {
        this.key = key;
    }

    /** Kebab-case name used in explanations and configuration keys. */
    public String key() {
        return key;
    }
}
