package org.ralf.bench.nab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * NAB's scoring rules, implemented from NAB's published description (Lavin &amp; Ahmad 2015, NAB
 * v1.1 sweeper):
 *
 * <ul>
 *   <li>the first {@code min(floor(0.15 n), 750)} rows of each file are probationary and not
 *       scored;
 *   <li>a row inside a window is worth {@code A_TP * sigma(-(right - i + 1) / width) / sigma(-1)},
 *       with the scaled sigmoid {@code sigma(x) = 2 / (1 + e^{5x}) - 1} ({@code -1} for {@code x >=
 *       3}); only the best (= earliest) detection of a window counts, a window without a detection
 *       costs {@code -A_FN};
 *   <li>a detection outside every window costs {@code A_FP * sigma(|i - rightPrev| / (widthPrev -
 *       1))} after a window and {@code -A_FP} before the first window;
 *   <li>one threshold per profile for the whole corpus, chosen by sweeping all distinct scores from
 *       high to low (detection = score &ge; threshold) and keeping the first best raw score;
 *   <li>normalised score {@code 100 (raw - null) / (perfect - null)} with {@code null = -A_FN *
 *       windows} and {@code perfect = A_TP * windows}.
 * </ul>
 *
 * Stateless; thread-safe.
 */
public final class NabScorer {

    private static final double PROBATION_FRACTION = 0.15;
    private static final double PROBATION_CAP = 750;

    private NabScorer() {}

    /**
     * One scored series: timestamps, anomaly scores and its windows.
     *
     * @param relativePath {@code category/name.csv}
     * @param timestamps epoch millis, ascending
     * @param scores anomaly score per row
     * @param windows inclusive {@code [startMillis, endMillis]} windows, sorted
     */
    public record ScoredFile(
            String relativePath, long[] timestamps, double[] scores, List<long[]> windows) {}

    /**
     * Command-line entry point: {@code DATA_DIR RESULTS_DIR} scores an existing results folder and
     * prints one line per profile, then the standard score as a bare number.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: NabScorer DATA_DIR RESULTS_DIR");
            System.exit(2);
        }
        NabResult r = score(Path.of(args[0]), Path.of(args[1]), System.out);
        System.out.printf(Locale.ROOT, "%.2f%n", r.standard());
    }

    /**
     * Scores an existing results folder against a NAB-layout data folder. A result for {@code
     * data/<category>/<name>.csv} is {@code <results>/<category>/<name>.csv} or NAB's {@code
     * <results>/<category>/<detector>_<name>.csv}, with an {@code anomaly_score} column.
     */
    public static NabResult score(Path dataDir, Path resultsDir, PrintStream out)
            throws IOException {
        NabCorpus corpus = NabCorpus.load(dataDir);
        List<ScoredFile> files = new ArrayList<>();
        for (NabCorpus.DataFile f : corpus.files()) {
            Path resultFile = findResult(resultsDir, f.relativePath());
            NabCorpus.DataFile r =
                    NabCorpus.readSeries(resultFile, f.relativePath(), "anomaly_score");
            if (r.size() != f.size()) {
                throw new IOException(resultFile + ": " + r.size() + " rows, data has " + f.size());
            }
            files.add(
                    new ScoredFile(
                            f.relativePath(),
                            f.timestamps(),
                            r.values(),
                            corpus.windowsOf(f.relativePath())));
        }
        NabResult result = score(files, corpus.profiles());
        print(result, out);
        return result;
    }

    static Path findResult(Path resultsDir, String relativePath) throws IOException {
        Path direct = resultsDir.resolve(relativePath);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        int slash = relativePath.lastIndexOf('/');
        Path categoryDir = resultsDir.resolve(relativePath.substring(0, Math.max(slash, 0)));
        String suffix = "_" + relativePath.substring(slash + 1);
        if (Files.isDirectory(categoryDir)) {
            for (Path p : NabCorpus.listCsv(categoryDir)) {
                if (p.getFileName().toString().endsWith(suffix)) {
                    return p;
                }
            }
        }
        throw new IOException("no result for " + relativePath + " under " + resultsDir);
    }

    /** Prints one line per profile. */
    public static void print(NabResult result, PrintStream out) {
        for (NabResult.ProfileScore p : result.profiles()) {
            out.printf(
                    Locale.ROOT,
                    "%-20s score %6.2f  (threshold %.6f, raw %.3f, null %.1f, perfect %.1f,"
                            + " windows hit %d/%d, false positives %d)%n",
                    p.profile().name(),
                    p.normalised(),
                    p.threshold(),
                    p.rawScore(),
                    p.nullScore(),
                    p.perfectScore(),
                    p.truePositiveWindows(),
                    p.windows(),
                    p.falsePositives());
        }
    }

    /** Scores in-memory results under every profile with a corpus-wide optimised threshold. */
    public static NabResult score(List<ScoredFile> files, List<NabProfile> profiles) {
        List<NabResult.ProfileScore> scores = new ArrayList<>();
        for (NabProfile p : profiles) {
            scores.add(scoreProfile(files, p));
        }
        return new NabResult(
                find(scores, NabProfile.STANDARD),
                find(scores, NabProfile.LOW_FP),
                find(scores, NabProfile.LOW_FN),
                scores);
    }

    private static double find(List<NabResult.ProfileScore> scores, String name) {
        for (NabResult.ProfileScore s : scores) {
            if (s.profile().name().equals(name)) {
                return s.normalised();
            }
        }
        return Double.NaN;
    }

    /** NAB's scaled sigmoid. */
    static double scaledSigmoid(double relativePosition) {
        if (relativePosition >= 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
    }

    /** Probationary length of a file of {@code rows} rows. */
    static double probationaryLength(int rows) {
        return Math.min(Math.floor(PROBATION_FRACTION * rows), PROBATION_FRACTION * 5000);
    }

    /** Scorable rows of the corpus: score, weighted sweep score, global window id (-1 = none). */
    private record Points(
            double[] score, double[] sweep, int[] window, int windows, int allWindows) {}

    private static Points sweepPoints(List<ScoredFile> files, NabProfile profile) {
        int total = 0;
        for (ScoredFile f : files) {
            total += f.timestamps().length;
        }
        double[] score = new double[total];
        double[] sweep = new double[total];
        int[] window = new int[total];
        int n = 0;
        int windowIds = 0;
        int allWindows = 0;
        double maxTp = scaledSigmoid(-1.0);
        for (ScoredFile f : files) {
            long[] ts = f.timestamps();
            int rows = ts.length;
            double probation = probationaryLength(rows);
            // Resolve each window to row indices [left, right]; windows outside the data are
            // dropped.
            List<int[]> ranges = new ArrayList<>();
            for (long[] w : f.windows()) {
                int left = lowerBound(ts, w[0]);
                int right = lowerBound(ts, w[1] + 1) - 1;
                allWindows++;
                if (left <= right) {
                    ranges.add(new int[] {left, right});
                }
            }
            int next = 0;
            int curLeft = -1;
            int curRight = -1;
            int curId = -1;
            int prevRight = -1;
            int prevWidth = -1;
            for (int i = 0; i < rows; i++) {
                if (curLeft < 0 && next < ranges.size() && i >= ranges.get(next)[0]) {
                    curLeft = ranges.get(next)[0];
                    curRight = ranges.get(next)[1];
                    next++;
                    curId = curRight >= probation ? windowIds++ : -1;
                }
                double weighted;
                if (curLeft >= 0) {
                    double width = curRight - curLeft + 1;
                    weighted =
                            scaledSigmoid(-(curRight - i + 1) / width) * profile.tpWeight() / maxTp;
                } else {
                    double pos =
                            prevRight < 0 || prevWidth <= 1
                                    ? 3.0
                                    : Math.abs(prevRight - i) / (double) (prevWidth - 1);
                    weighted = scaledSigmoid(pos) * profile.fpWeight();
                }
                if (i >= probation) {
                    score[n] = f.scores()[i];
                    sweep[n] = weighted;
                    window[n] = curLeft >= 0 ? curId : -1;
                    n++;
                }
                if (curLeft >= 0 && i == curRight) {
                    prevRight = curRight;
                    prevWidth = curRight - curLeft + 1;
                    curLeft = -1;
                }
            }
        }
        return new Points(
                Arrays.copyOf(score, n),
                Arrays.copyOf(sweep, n),
                Arrays.copyOf(window, n),
                windowIds,
                allWindows);
    }

    private static int lowerBound(long[] a, long key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * One profile's score with the threshold NAB optimises over {@code files}: the sweep of the
     * plain run, also used by cross-validation to choose a threshold on training files only.
     */
    static NabResult.ProfileScore scoreProfile(List<ScoredFile> files, NabProfile profile) {
        Points pts = sweepPoints(files, profile);
        int n = pts.score().length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // NaN scores never detect: sort them last.
        Arrays.sort(
                order,
                (a, b) -> Double.compare(orderKey(pts.score()[b]), orderKey(pts.score()[a])));
        double[] windowBest = new double[pts.windows()];
        Arrays.fill(windowBest, -profile.fnWeight());
        double windowSum = -profile.fnWeight() * pts.windows();
        double fpSum = 0;
        double bestScore = windowSum;
        double bestThreshold = Double.POSITIVE_INFINITY;
        int k = 0;
        while (k < n) {
            double threshold = pts.score()[order[k]];
            if (Double.isNaN(threshold)) {
                break;
            }
            // Detect every row with this exact score, then record the score of this threshold.
            while (k < n && pts.score()[order[k]] == threshold) {
                int p = order[k++];
                int w = pts.window()[p];
                if (w < 0) {
                    fpSum += pts.sweep()[p];
                } else if (pts.sweep()[p] > windowBest[w]) {
                    windowSum += pts.sweep()[p] - windowBest[w];
                    windowBest[w] = pts.sweep()[p];
                }
            }
            double s = windowSum + fpSum;
            if (s > bestScore) {
                bestScore = s;
                bestThreshold = threshold;
            }
        }
        // Counts at the chosen threshold.
        int fp = 0;
        boolean[] hit = new boolean[pts.windows()];
        for (int p = 0; p < n; p++) {
            if (pts.score()[p] >= bestThreshold) {
                if (pts.window()[p] < 0) {
                    fp++;
                } else {
                    hit[pts.window()[p]] = true;
                }
            }
        }
        int tp = 0;
        for (boolean h : hit) {
            tp += h ? 1 : 0;
        }
        double nullScore = -profile.fnWeight() * pts.windows();
        double perfect = profile.tpWeight() * pts.allWindows();
        double normalised = 100.0 * (bestScore - nullScore) / (perfect - nullScore);
        return new NabResult.ProfileScore(
                profile,
                bestThreshold,
                bestScore,
                nullScore,
                perfect,
                normalised,
                tp,
                pts.windows(),
                fp);
    }

    /**
     * One profile's score of {@code files} at a fixed threshold (detection = score &ge; threshold),
     * normalised with the null and perfect scores of these files only; {@code NaN} when they have
     * no window (null = perfect = 0). Raw scores add up over disjoint file sets, which is what lets
     * cross-validation pool its left-out parts.
     */
    static NabResult.ProfileScore scoreAt(
            List<ScoredFile> files, NabProfile profile, double threshold) {
        Points pts = sweepPoints(files, profile);
        double[] windowBest = new double[pts.windows()];
        Arrays.fill(windowBest, -profile.fnWeight());
        boolean[] hit = new boolean[pts.windows()];
        double fpSum = 0;
        int fp = 0;
        for (int p = 0; p < pts.score().length; p++) {
            if (!(pts.score()[p] >= threshold)) {
                continue;
            }
            int w = pts.window()[p];
            if (w < 0) {
                fpSum += pts.sweep()[p];
                fp++;
            } else {
                hit[w] = true;
                windowBest[w] = Math.max(windowBest[w], pts.sweep()[p]);
            }
        }
        double raw = fpSum;
        int tp = 0;
        for (int w = 0; w < windowBest.length; w++) {
            raw += windowBest[w];
            tp += hit[w] ? 1 : 0;
        }
        double nullScore = -profile.fnWeight() * pts.windows();
        double perfect = profile.tpWeight() * pts.allWindows();
        double normalised =
                perfect == nullScore
                        ? Double.NaN
                        : 100.0 * (raw - nullScore) / (perfect - nullScore);
        return new NabResult.ProfileScore(
                profile, threshold, raw, nullScore, perfect, normalised, tp, pts.windows(), fp);
    }

    private static double orderKey(double score) {
        return Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
    }
}
