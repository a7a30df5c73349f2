package org.ralf.bench.loghub;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ralf.models.logs.MinerConfig;

/**
 * {@code ralf bench loghub --cv}: leave-one-system-out cross-validation of the template miner.
 * Every candidate of {@link #grid()} parses every system once (GA against the original truth); then
 * for each system the candidate with the best mean GA over the other systems is chosen and the
 * left-out system's GA with it is its CV figure. The in-sample figure beside it is the defaults' GA
 * on that system (the plain run).
 */
public final class LoghubCrossValidation {

    /** Results file written into the output folder. */
    public static final String RESULTS_FILE = "loghub-cv.csv";

    private static final double[] SIMILARITY = {0.3, 0.5, 0.7, 0.9};
    private static final int[] WORD_EVIDENCE = {3, 5, 8};

    private LoghubCrossValidation() {}

    /**
     * One candidate miner configuration.
     *
     * @param name short label
     * @param config the configuration
     */
    public record Candidate(String name, MinerConfig config) {}

    /**
     * One left-out system.
     *
     * @param system the system (folder name)
     * @param chosen the candidate chosen on the other systems
     * @param trainGa the chosen candidate's mean GA over the other systems
     * @param cvGa the left-out system's GA with the chosen candidate
     * @param inSampleGa the left-out system's GA with the defaults
     */
    public record Fold(
            String system, String chosen, double trainGa, double cvGa, double inSampleGa) {}

    /**
     * The outcome.
     *
     * @param candidates the grid, defaults first
     * @param meanGaPerCandidate each candidate's mean GA over every system (in-sample)
     * @param folds one per system, in name order
     * @param meanCvGa mean of the folds' CV GA
     * @param meanInSampleGa mean of the defaults' GA (the plain run's mean)
     */
    public record Result(
            List<Candidate> candidates,
            List<Double> meanGaPerCandidate,
            List<Fold> folds,
            double meanCvGa,
            double meanInSampleGa) {

        /** Defensive copies. */
        public Result {
            candidates = List.copyOf(candidates);
            meanGaPerCandidate = List.copyOf(meanGaPerCandidate);
            folds = List.copyOf(folds);
        }
    }

    /**
     * The grid, defaults first: Drain's similarity threshold (0.3 to 0.9) crossed with the number
     * of sibling templates that turns a word position into a variable (3, 5, 8). Two parameters, 12
     * candidates.
     */
    public static List<Candidate> grid() {
        MinerConfig d = MinerConfig.DEFAULT;
        List<Candidate> out = new ArrayList<>();
        out.add(new Candidate(name(d), d));
        for (double st : SIMILARITY) {
            for (int k : WORD_EVIDENCE) {
                MinerConfig c = d.withSimilarityThreshold(st).withWordVariableEvidence(k);
                if (!c.equals(d)) {
                    out.add(new Candidate(name(c), c));
                }
            }
        }
        return List.copyOf(out);
    }

    private static String name(MinerConfig c) {
        return String.format(
                Locale.ROOT, "st=%.1f,k=%d", c.similarityThreshold(), c.wordVariableEvidence());
    }

    /** Runs {@link #grid()}; see {@link #run(Path, Path, PrintStream, List)}. */
    public static Result run(Path dataDir, Path outDir, PrintStream out) throws IOException {
        return run(dataDir, outDir, out, grid());
    }

    /**
     * Parses every system with every candidate, cross-validates, prints the candidate table, one
     * line per system, the means and as its last line the mean CV GA; writes {@link #RESULTS_FILE}.
     *
     * @param candidates the grid, its first entry the reference; ties go to the earlier candidate
     */
    public static Result run(Path dataDir, Path outDir, PrintStream out, List<Candidate> candidates)
            throws IOException {
        long start = System.nanoTime();
        List<Path> inputs = LoghubBenchmark.requireInputs(dataDir);
        List<String> systems =
                inputs.stream().map(p -> p.getParent().getFileName().toString()).toList();
        double[][] ga = new double[candidates.size()][inputs.size()];
        for (int k = 0; k < candidates.size(); k++) {
            for (int s = 0; s < inputs.size(); s++) {
                ga[k][s] =
                        LoghubBenchmark.runSystem(inputs.get(s), null, candidates.get(k).config())
                                .ga();
            }
        }
        Result r = evaluate(candidates, systems, ga);
        print(r, dataDir, out);
        write(r, outDir);
        out.printf(
                Locale.ROOT,
                "run time %d ms; results in %s%n",
                (System.nanoTime() - start) / 1_000_000,
                outDir.resolve(RESULTS_FILE));
        out.printf(Locale.ROOT, "%.4f%n", r.meanCvGa());
        return r;
    }

    /**
     * The cross-validation on a GA table: pure, so that tests can hand it synthetic figures.
     *
     * @param ga {@code ga[candidate][system]}
     */
    static Result evaluate(List<Candidate> candidates, List<String> systems, double[][] ga) {
        List<Double> means = new ArrayList<>();
        for (double[] row : ga) {
            means.add(meanExcept(row, -1));
        }
        List<Fold> folds = new ArrayList<>();
        for (int s = 0; s < systems.size(); s++) {
            int best = 0;
            double bestTrain = meanExcept(ga[0], s);
            for (int k = 1; k < candidates.size(); k++) {
                double train = meanExcept(ga[k], s);
                // Strictly better only: a tie keeps the earlier candidate (the defaults).
                if (train > bestTrain) {
                    best = k;
                    bestTrain = train;
                }
            }
            folds.add(
                    new Fold(
                            systems.get(s),
                            candidates.get(best).name(),
                            bestTrain,
                            ga[best][s],
                            ga[0][s]));
        }
        double meanCv = folds.stream().mapToDouble(Fold::cvGa).average().orElse(Double.NaN);
        double meanIn = folds.stream().mapToDouble(Fold::inSampleGa).average().orElse(Double.NaN);
        return new Result(candidates, means, folds, meanCv, meanIn);
    }

    /** Mean of the row without column {@code skip} ({@code NaN} when nothing is left). */
    private static double meanExcept(double[] row, int skip) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < row.length; i++) {
            if (i != skip) {
                sum += row[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static void print(Result r, Path dataDir, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "Loghub leave-one-system-out: %d systems under %s, %d miner candidates%n",
                r.folds().size(),
                dataDir,
                r.candidates().size());
        out.printf(Locale.ROOT, "%-12s %9s%n", "candidate", "mean GA");
        for (int k = 0; k < r.candidates().size(); k++) {
            out.printf(
                    Locale.ROOT,
                    "%-12s %9.4f%n",
                    r.candidates().get(k).name(),
                    r.meanGaPerCandidate().get(k));
        }
        out.printf(
                Locale.ROOT,
                "%-12s %-12s %8s %8s %10s%n",
                "left-out",
                "chosen",
                "train",
                "CV GA",
                "in-sample");
        for (Fold f : r.folds()) {
            out.printf(
                    Locale.ROOT,
                    "%-12s %-12s %8.4f %8.4f %10.4f%n",
                    f.system(),
                    f.chosen(),
                    f.trainGa(),
                    f.cvGa(),
                    f.inSampleGa());
        }
        out.printf(
                Locale.ROOT,
                "%-12s %-12s %8s %8.4f %10.4f%n",
                "mean",
                "",
                "",
                r.meanCvGa(),
                r.meanInSampleGa());
        out.println(
                "CV GA: the left-out system parsed with the candidate of best mean GA on the other"
                        + " systems; in-sample: the defaults (the plain run). GA against the"
                        + " original truth.");
    }

    private static void write(Result r, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        try (Writer w =
                Files.newBufferedWriter(outDir.resolve(RESULTS_FILE), StandardCharsets.UTF_8)) {
            w.write("system,chosen,train_ga,cv_ga,in_sample_ga\n");
            for (Fold f : r.folds()) {
                w.write(
                        String.format(
                                Locale.ROOT,
                                "%s,\"%s\",%.4f,%.4f,%.4f%n",
                                f.system(),
                                f.chosen(),
                                f.trainGa(),
                                f.cvGa(),
                                f.inSampleGa()));
            }
            w.write(
                    String.format(
                            Locale.ROOT, "mean,,,%.4f,%.4f%n", r.meanCvGa(), r.meanInSampleGa()));
        }
    }
}
