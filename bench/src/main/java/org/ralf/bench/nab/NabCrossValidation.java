package org.ralf.bench.nab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.ralf.models.detect.DetectorConfig;
import org.ralf.models.detect.DetectorKind;
import org.ralf.models.detect.DetectorOptions;
import org.ralf.models.detect.SeriesDetector;

/**
 * {@code ralf bench nab --cv}: leave-one-category-out cross-validation over a NAB-layout folder.
 * Every candidate configuration of {@link #grid()} runs once over every file (scores kept in
 * memory); then, for each category (a sub-folder of {@code data/}), the candidate and the NAB
 * threshold are chosen together by the standard-profile raw score of the other categories' files
 * only, and the left-out category is scored with them. The in-sample figure beside it is the plain
 * run's: the defaults at the threshold NAB optimises over the whole corpus, restricted to the
 * category. A category is normalised with its own null and perfect scores ({@link
 * NabScorer#scoreAt}); one without windows has no normalised score and counts only in the pooled
 * figure (left-out raw scores summed over categories, normalised with the corpus' null and perfect
 * scores).
 */
public final class NabCrossValidation {

    /** Results file written into the output folder. */
    public static final String RESULTS_FILE = "nab-cv.csv";

    /** Per-candidate in-sample scores written into the output folder. */
    public static final String CANDIDATES_FILE = "nab-cv-candidates.csv";

    /** The alert levels of the grid; the default, 0.2, is among them. */
    private static final double[] ALERT_LEVELS = {0.1, 0.2, 0.3};

    /**
     * Detectors whose removal the grid tries. {@code forecast} is absent because with its default
     * threshold (NaN) it never scores, so removing it would duplicate the defaults.
     */
    private static final List<DetectorKind> ABLATIONS =
            List.of(
                    DetectorKind.SEASONAL,
                    DetectorKind.CONTEXT,
                    DetectorKind.CLUSTER,
                    DetectorKind.SPATIAL);

    private NabCrossValidation() {}

    /**
     * One candidate configuration: the defaults with some {@code detect.*} keys overridden.
     *
     * @param name short label printed in the tables
     * @param overrides the keys set on top of {@link DetectorConfig#defaults()} (empty = defaults)
     */
    public record Candidate(String name, Map<String, String> overrides) {

        /** Defensive copy. */
        public Candidate {
            overrides = Map.copyOf(overrides);
        }

        /** The configuration this candidate runs. */
        public DetectorConfig config() {
            return DetectorConfig.fromMap(overrides);
        }
    }

    /**
     * The candidate grid, defaults first: the enabled detector set (all defaults, or the defaults
     * without one of seasonal, context, cluster, spatial) crossed with the alert level (0.1, 0.2,
     * 0.3; it moves the suppression cap, so it changes the scores). Two parameters, 15 candidates:
     * small enough to run in about a minute and to keep the choice from overfitting four training
     * categories.
     */
    public static List<Candidate> grid() {
        List<String> defaultSet = List.of(DetectorOptions.ENABLED.defaultValue().split(","));
        double defaultLevel = DetectorOptions.ALERT_LEVEL.defaultValue();
        List<Candidate> out = new ArrayList<>();
        out.add(new Candidate("defaults", Map.of()));
        for (int set = -1; set < ABLATIONS.size(); set++) {
            for (double level : ALERT_LEVELS) {
                if (set < 0 && level == defaultLevel) {
                    continue;
                }
                Map<String, String> keys = new LinkedHashMap<>();
                String setName = "all";
                if (set >= 0) {
                    String drop = ABLATIONS.get(set).key();
                    setName = "no-" + drop;
                    keys.put(
                            DetectorOptions.ENABLED.key(),
                            String.join(
                                    ",",
                                    defaultSet.stream().filter(k -> !k.equals(drop)).toList()));
                }
                if (level != defaultLevel) {
                    keys.put(DetectorOptions.ALERT_LEVEL.key(), Double.toString(level));
                }
                out.add(new Candidate(String.format(Locale.ROOT, "%s@%.1f", setName, level), keys));
            }
        }
        return List.copyOf(out);
    }

    /** Runs {@link #grid()}; see {@link #run(Path, Path, PrintStream, List)}. */
    public static NabCvResult run(Path dataDir, Path outDir, PrintStream out) throws IOException {
        return run(dataDir, outDir, out, grid());
    }

    /**
     * Runs every candidate over the corpus, cross-validates, prints the candidate table, one line
     * per category, the means and as its last line the mean CV standard score; writes {@link
     * #RESULTS_FILE} and {@link #CANDIDATES_FILE} into {@code outDir}.
     *
     * @param candidates the grid, its first entry the reference (normally the defaults); ties in
     *     the training score go to the earlier candidate
     */
    public static NabCvResult run(
            Path dataDir, Path outDir, PrintStream out, List<Candidate> candidates)
            throws IOException {
        long start = System.nanoTime();
        NabCorpus corpus = NabCorpus.load(dataDir);
        List<List<NabScorer.ScoredFile>> scored = new ArrayList<>();
        for (Candidate c : candidates) {
            scored.add(score(corpus, c.config()));
        }
        long detectNanos = System.nanoTime() - start;
        NabCvResult result =
                evaluate(
                        candidates.stream().map(Candidate::name).toList(),
                        scored,
                        standardProfile(corpus));
        NabCvReport.print(result, dataDir, corpus.files().size(), out);
        NabCvReport.write(result, candidates, outDir);
        out.printf(
                Locale.ROOT,
                "run time %.1f s (detection of %d candidates %.1f s); results in %s%n",
                (System.nanoTime() - start) / 1e9,
                candidates.size(),
                detectNanos / 1e9,
                outDir.resolve(RESULTS_FILE));
        out.printf(Locale.ROOT, "%.2f%n", result.meanCv());
        return result;
    }

    private static List<NabScorer.ScoredFile> score(NabCorpus corpus, DetectorConfig config) {
        SeriesDetector detector = new SeriesDetector(config);
        List<double[]> results =
                corpus.files().parallelStream().map(f -> NabBenchmark.scores(detector, f)).toList();
        List<NabScorer.ScoredFile> scored = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            NabCorpus.DataFile f = corpus.files().get(i);
            scored.add(
                    new NabScorer.ScoredFile(
                            f.relativePath(),
                            f.timestamps(),
                            results.get(i),
                            corpus.windowsOf(f.relativePath())));
        }
        return scored;
    }

    private static NabProfile standardProfile(NabCorpus corpus) {
        for (NabProfile p : corpus.profiles()) {
            if (p.name().equals(NabProfile.STANDARD)) {
                return p;
            }
        }
        return NabProfile.defaults().get(0);
    }

    /** The category of a file: its path up to the first '/' ({@code data/<category>/...}). */
    static String categoryOf(String relativePath) {
        int slash = relativePath.indexOf('/');
        return slash < 0 ? "" : relativePath.substring(0, slash);
    }

    /**
     * The cross-validation itself, on scores already computed: pure, so that tests can hand it
     * synthetic scores.
     *
     * @param names candidate names, the first one the reference (defaults)
     * @param scored per candidate, the scored files of the corpus (same files, same order)
     * @param profile the cost profile that chooses and scores
     */
    static NabCvResult evaluate(
            List<String> names, List<List<NabScorer.ScoredFile>> scored, NabProfile profile) {
        List<NabCvResult.CandidateScore> inSample = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            NabResult.ProfileScore s = NabScorer.scoreProfile(scored.get(k), profile);
            inSample.add(
                    new NabCvResult.CandidateScore(names.get(k), s.threshold(), s.normalised()));
        }
        double corpusThreshold = inSample.get(0).threshold();
        TreeSet<String> categories = new TreeSet<>();
        scored.get(0).forEach(f -> categories.add(categoryOf(f.relativePath())));
        List<NabCvResult.Fold> folds = new ArrayList<>();
        for (String category : categories) {
            folds.add(fold(category, names, scored, profile, corpusThreshold));
        }
        return NabCvResult.of(profile, inSample, folds);
    }

    private static NabCvResult.Fold fold(
            String category,
            List<String> names,
            List<List<NabScorer.ScoredFile>> scored,
            NabProfile profile,
            double corpusThreshold) {
        int best = 0;
        NabResult.ProfileScore bestTrain = null;
        NabResult.ProfileScore defaultsTrain = null;
        for (int k = 0; k < names.size(); k++) {
            NabResult.ProfileScore train =
                    NabScorer.scoreProfile(part(scored.get(k), category, false), profile);
            if (k == 0) {
                defaultsTrain = train;
            }
            // Strictly better only: a tie keeps the earlier, simpler candidate (the defaults).
            if (bestTrain == null || train.rawScore() > bestTrain.rawScore()) {
                best = k;
                bestTrain = train;
            }
        }
        List<NabScorer.ScoredFile> leftOut = part(scored.get(best), category, true);
        List<NabScorer.ScoredFile> leftOutDefaults = part(scored.get(0), category, true);
        return new NabCvResult.Fold(
                category,
                leftOut.size(),
                names.get(best),
                bestTrain.normalised(),
                NabScorer.scoreAt(leftOut, profile, bestTrain.threshold()),
                NabScorer.scoreAt(leftOutDefaults, profile, defaultsTrain.threshold()),
                NabScorer.scoreAt(leftOutDefaults, profile, corpusThreshold));
    }

    private static List<NabScorer.ScoredFile> part(
            List<NabScorer.ScoredFile> files, String category, boolean inCategory) {
        return files.stream()
                .filter(f -> categoryOf(f.relativePath()).equals(category) == inCategory)
                .toList();
    }
}
