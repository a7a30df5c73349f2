package org.ralf.models.incident;

import java.util.List;

/**
 * Estimates how likely an action is to resolve the current incident from its outcomes on similar
 * past incidents.
 *
 * <p>The estimate is the mean of a Beta posterior with a uniform Beta(1, 1) prior in which every
 * similar experience counts with weight {@code max(0, similarity - floor) / (1 - floor)} (so a
 * near-identical incident counts almost fully and one below the floor not at all): {@code (1 + Σ
 * w·success) / (2 + Σ w)}. With no samples the estimate is 0.5 (no evidence either way) and a
 * single sample moves it at most to 2/3 or 1/3, so one lucky result cannot dominate; as samples
 * accumulate the estimate converges to the weighted success rate. An untried action (0.5) therefore
 * ranks above one that failed on similar incidents and below one that worked. Ties keep the
 * policy's order (the caller sorts stably). Serializable, so operators can hold one.
 */
public final class SuccessEstimator implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Similarity below which an experience carries no weight. */
    public static final double DEFAULT_SIMILARITY_FLOOR = 0.5;

    private final double floor;

    /**
     * @param floor similarity in [0, 1) below which experiences are ignored
     */
    public SuccessEstimator(double floor) {
        if (floor < 0 || floor >= 1) {
            throw new IllegalArgumentException("floor must be in [0, 1), was " + floor);
        }
        this.floor = floor;
    }

    /** An estimator with {@link #DEFAULT_SIMILARITY_FLOOR}. */
    public SuccessEstimator() {
        this(DEFAULT_SIMILARITY_FLOOR);
    }

    /** The estimate for one action given the similar experiences (of any action). */
    public ActionEstimate estimate(String actionKey, List<SimilarIncident> similar) {
        double s = 0;
        double f = 0;
        int n = 0;
        for (SimilarIncident e : similar) {
            if (!e.actionKey().equals(actionKey)) {
                continue;
            }
            double w = Math.max(0, e.similarity() - floor) / (1 - floor);
            if (w <= 0) {
                continue;
            }
            n++;
            if (e.outcome() == ActionOutcome.SUCCESS) {
                s += w;
            } else {
                f += w;
            }
        }
        double a = 1 + s;
        double b = 1 + f;
        double mean = a / (a + b);
        double var = a * b / ((a + b) * (a + b) * (a + b + 1));
        double lower = Math.max(0, mean - 1.645 * Math.sqrt(var));
        return new ActionEstimate(actionKey, s, f, n, mean, lower);
    }
}
