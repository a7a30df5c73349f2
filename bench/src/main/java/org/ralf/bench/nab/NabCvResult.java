package org.ralf.bench.nab;

import java.util.List;
import java.util.function.Function;

/**
 * The outcome of {@link NabCrossValidation}: each candidate's in-sample corpus score, one fold per
 * left-out category, and the summaries.
 *
 * @param profile the cost profile that chose and scored
 * @param candidates each candidate's score over the whole corpus at its own optimised threshold
 *     (in-sample), in grid order
 * @param folds one per category, in name order
 * @param meanCv mean CV score over the categories that have windows
 * @param meanDefaultsCv the same for the defaults with only the threshold chosen on training data
 * @param meanInSample the same for the defaults at the corpus-wide threshold (the plain run)
 * @param pooledCv left-out raw scores summed over every category, normalised with the corpus' null
 *     and perfect scores
 * @param pooledDefaultsCv the same for the defaults with the threshold chosen on training data
 * @param pooledInSample the same for the plain run (equals its corpus score)
 */
public record NabCvResult(
        NabProfile profile,
        List<CandidateScore> candidates,
        List<Fold> folds,
        double meanCv,
        double meanDefaultsCv,
        double meanInSample,
        double pooledCv,
        double pooledDefaultsCv,
        double pooledInSample) {

    /** Defensive copies. */
    public NabCvResult {
        candidates = List.copyOf(candidates);
        folds = List.copyOf(folds);
    }

    /**
     * A candidate's in-sample score over the whole corpus.
     *
     * @param name the candidate
     * @param threshold the threshold NAB optimises over the corpus
     * @param normalised the normalised score at it
     */
    public record CandidateScore(String name, double threshold, double normalised) {}

    /**
     * One left-out category.
     *
     * @param category the category (sub-folder of {@code data/})
     * @param files its number of files
     * @param chosen the candidate chosen on the other categories
     * @param trainScore the chosen candidate's normalised score on the other categories
     * @param cv the left-out category scored with the chosen candidate and threshold (the threshold
     *     is {@code cv.threshold()})
     * @param defaultsCv the left-out category scored with the defaults at the threshold chosen for
     *     them on the other categories
     * @param inSample the left-out category scored with the defaults at the corpus-wide threshold
     */
    public record Fold(
            String category,
            int files,
            String chosen,
            double trainScore,
            NabResult.ProfileScore cv,
            NabResult.ProfileScore defaultsCv,
            NabResult.ProfileScore inSample) {}

    /** Builds the summaries from the folds. */
    static NabCvResult of(NabProfile profile, List<CandidateScore> candidates, List<Fold> folds) {
        return new NabCvResult(
                profile,
                candidates,
                folds,
                mean(folds, Fold::cv),
                mean(folds, Fold::defaultsCv),
                mean(folds, Fold::inSample),
                pooled(folds, Fold::cv),
                pooled(folds, Fold::defaultsCv),
                pooled(folds, Fold::inSample));
    }

    private static double mean(List<Fold> folds, Function<Fold, NabResult.ProfileScore> which) {
        return folds.stream()
                .mapToDouble(f -> which.apply(f).normalised())
                .filter(v -> !Double.isNaN(v))
                .average()
                .orElse(Double.NaN);
    }

    private static double pooled(List<Fold> folds, Function<Fold, NabResult.ProfileScore> which) {
        double raw = 0;
        double nullScore = 0;
        double perfect = 0;
        for (Fold f : folds) {
            NabResult.ProfileScore s = which.apply(f);
            raw += s.rawScore();
            nullScore += s.nullScore();
            perfect += s.perfectScore();
        }
        return perfect == nullScore
                ? Double.NaN
                : 100.0 * (raw - nullScore) / (perfect - nullScore);
    }
}
