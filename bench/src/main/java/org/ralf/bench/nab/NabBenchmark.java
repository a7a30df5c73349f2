package org.ralf.bench.nab;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ralf.models.detect.DetectorConfig;
import org.ralf.models.detect.DetectorState;
import org.ralf.models.detect.SeriesDetector;

/**
 * {@code ralf bench nab}: runs {@link SeriesDetector} with one configuration over every file of a
 * NAB-layout folder (each file in order, its timestamps as event time, a fresh state per file, no
 * labels consulted while scoring), writes {@code OUT/<category>/<name>.csv} ({@code
 * timestamp,value,anomaly_score}), then scores the outputs with {@link NabScorer}.
 */
public final class NabBenchmark {

    private NabBenchmark() {}

    /**
     * Command-line entry point until the CLI wires {@code ralf bench nab}: {@code DATA_DIR OUT_DIR
     * [detect.key=value ...]}; the overrides exist for ablations (e.g. {@code
     * detect.enabled=ewma,seasonal,context}) and are never used by the published run.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: NabBenchmark DATA_DIR OUT_DIR [detect.key=value ...]");
            System.exit(2);
        }
        Map<String, String> overrides = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv.length != 2) {
                System.err.println("expected key=value, got " + args[i]);
                System.exit(2);
            }
            overrides.put(kv[0], kv[1]);
        }
        run(Path.of(args[0]), Path.of(args[1]), System.out, DetectorConfig.fromMap(overrides));
    }

    /**
     * Runs the benchmark with {@link DetectorConfig#defaults()}, the configuration the detect job
     * runs. Prints one line per profile, the run time, and as its last line the standard score as a
     * bare number.
     */
    public static NabResult run(Path dataDir, Path outDir, PrintStream out) throws IOException {
        return run(dataDir, outDir, out, DetectorConfig.defaults());
    }

    /** Same as {@link #run(Path, Path, PrintStream)} with an explicit configuration. */
    public static NabResult run(Path dataDir, Path outDir, PrintStream out, DetectorConfig config)
            throws IOException {
        long start = System.nanoTime();
        NabCorpus corpus = NabCorpus.load(dataDir);
        SeriesDetector detector = new SeriesDetector(config);
        List<NabScorer.ScoredFile> scored = new ArrayList<>();
        long rows = 0;
        try {
            List<double[]> results =
                    corpus.files().parallelStream().map(f -> detect(detector, f, outDir)).toList();
            for (int i = 0; i < results.size(); i++) {
                NabCorpus.DataFile f = corpus.files().get(i);
                rows += f.size();
                scored.add(
                        new NabScorer.ScoredFile(
                                f.relativePath(),
                                f.timestamps(),
                                results.get(i),
                                corpus.windowsOf(f.relativePath())));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        long detectNanos = System.nanoTime() - start;
        NabResult result = NabScorer.score(scored, corpus.profiles());
        long totalNanos = System.nanoTime() - start;
        out.printf(
                Locale.ROOT,
                "NAB corpus %s: %d files, %d rows; results in %s%n",
                dataDir,
                corpus.files().size(),
                rows,
                outDir);
        NabScorer.print(result, out);
        out.printf(
                Locale.ROOT,
                "run time %.2f s (detection %.2f s, %.0f rows/s incl. I/O; scoring %.2f s)%n",
                totalNanos / 1e9,
                detectNanos / 1e9,
                rows / (detectNanos / 1e9),
                (totalNanos - detectNanos) / 1e9);
        out.printf(Locale.ROOT, "%.2f%n", result.standard());
        return result;
    }

    /** Scores one file with a fresh state and writes its output file; returns the scores. */
    static double[] detect(SeriesDetector detector, NabCorpus.DataFile f, Path outDir) {
        double[] scores = scores(detector, f);
        Path target = outDir.resolve(f.relativePath());
        try {
            Files.createDirectories(target.getParent());
            try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                w.write("timestamp,value,anomaly_score\n");
                for (int i = 0; i < f.size(); i++) {
                    w.write(f.rawTimestamps().get(i));
                    w.write(',');
                    w.write(formatValue(f.values()[i]));
                    w.write(',');
                    w.write(Double.toString(scores[i]));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scores;
    }

    /** The anomaly score of every row of one file, from a fresh state; writes nothing. */
    static double[] scores(SeriesDetector detector, NabCorpus.DataFile f) {
        DetectorState state = detector.newState();
        double[] scores = new double[f.size()];
        for (int i = 0; i < f.size(); i++) {
            scores[i] = detector.update(state, f.timestamps()[i], f.values()[i]).anomalyScore();
        }
        return scores;
    }

    private static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v)
                : Double.toString(v);
    }
}
