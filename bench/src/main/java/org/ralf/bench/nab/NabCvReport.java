package org.ralf.bench.nab;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a {@link NabCvResult} and writes it as CSV; apart from {@link NabCrossValidation} so that
 * the procedure reads without its formatting.
 */
final class NabCvReport {

    private NabCvReport() {}

    static void print(NabCvResult r, Path dataDir, int files, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "NAB leave-one-category-out: %d files in %d categories under %s, %d candidates,"
                        + " profile %s%n",
                files,
                r.folds().size(),
                dataDir,
                r.candidates().size(),
                r.profile().name());
        out.printf(Locale.ROOT, "%-22s %9s %10s%n", "candidate", "in-sample", "threshold");
        for (NabCvResult.CandidateScore c : r.candidates()) {
            out.printf(
                    Locale.ROOT, "%-22s %9.2f %10.6f%n", c.name(), c.normalised(), c.threshold());
        }
        out.printf(
                Locale.ROOT,
                "%-22s %5s %7s %-18s %7s %10s %7s %7s %11s %9s%n",
                "left-out category",
                "files",
                "windows",
                "chosen",
                "train",
                "threshold",
                "CV",
                "raw",
                "defaults-CV",
                "in-sample");
        for (NabCvResult.Fold f : r.folds()) {
            out.printf(
                    Locale.ROOT,
                    "%-22s %5d %7d %-18s %7.2f %10.6f %7s %7.3f %11s %9s%n",
                    f.category(),
                    f.files(),
                    f.cv().windows(),
                    f.chosen(),
                    f.trainScore(),
                    f.cv().threshold(),
                    fmt(f.cv().normalised()),
                    f.cv().rawScore(),
                    fmt(f.defaultsCv().normalised()),
                    fmt(f.inSample().normalised()));
        }
        out.printf(
                Locale.ROOT,
                "mean over categories with windows: CV %s, defaults-CV %s, in-sample %s%n",
                fmt(r.meanCv()),
                fmt(r.meanDefaultsCv()),
                fmt(r.meanInSample()));
        out.printf(
                Locale.ROOT,
                "pooled (left-out raw scores summed, normalised over the corpus): CV %s,"
                        + " defaults-CV %s, in-sample %s%n",
                fmt(r.pooledCv()),
                fmt(r.pooledDefaultsCv()),
                fmt(r.pooledInSample()));
        out.println(
                "CV: candidate and threshold chosen on the other categories; defaults-CV: defaults,"
                        + " threshold chosen on the other categories; in-sample: defaults at the"
                        + " corpus-wide threshold (the plain run). Each category normalised with"
                        + " its own null and perfect scores; n/a = no windows.");
    }

    static void write(NabCvResult r, List<NabCrossValidation.Candidate> candidates, Path outDir)
            throws IOException {
        Files.createDirectories(outDir);
        try (Writer w =
                Files.newBufferedWriter(
                        outDir.resolve(NabCrossValidation.RESULTS_FILE), StandardCharsets.UTF_8)) {
            w.write(
                    "category,files,windows,chosen,train_score,threshold,cv_score,cv_raw,null,"
                            + "perfect,windows_hit,false_positives,defaults_cv_score,"
                            + "in_sample_score\n");
            for (NabCvResult.Fold f : r.folds()) {
                NabResult.ProfileScore cv = f.cv();
                w.write(
                        String.format(
                                Locale.ROOT,
                                "%s,%d,%d,%s,%.4f,%s,%s,%.6f,%.1f,%.1f,%d,%d,%s,%s%n",
                                f.category(),
                                f.files(),
                                cv.windows(),
                                f.chosen(),
                                f.trainScore(),
                                Double.toString(cv.threshold()),
                                csv(cv.normalised()),
                                cv.rawScore(),
                                cv.nullScore() + 0.0, // no windows: -0.0 otherwise
                                cv.perfectScore(),
                                cv.truePositiveWindows(),
                                cv.falsePositives(),
                                csv(f.defaultsCv().normalised()),
                                csv(f.inSample().normalised())));
            }
            w.write(
                    String.format(
                            Locale.ROOT,
                            "mean,,,,,,%s,,,,,,%s,%s%npooled,,,,,,%s,,,,,,%s,%s%n",
                            csv(r.meanCv()),
                            csv(r.meanDefaultsCv()),
                            csv(r.meanInSample()),
                            csv(r.pooledCv()),
                            csv(r.pooledDefaultsCv()),
                            csv(r.pooledInSample())));
        }
        writeCandidates(r, candidates, outDir);
    }

    private static void writeCandidates(
            NabCvResult r, List<NabCrossValidation.Candidate> candidates, Path outDir)
            throws IOException {
        try (Writer w =
                Files.newBufferedWriter(
                        outDir.resolve(NabCrossValidation.CANDIDATES_FILE),
                        StandardCharsets.UTF_8)) {
            w.write("candidate,overrides,in_sample_score,threshold\n");
            for (int k = 0; k < candidates.size(); k++) {
                Map<String, String> sorted = new TreeMap<>(candidates.get(k).overrides());
                StringBuilder keys = new StringBuilder();
                sorted.forEach(
                        (key, v) ->
                                keys.append(keys.isEmpty() ? "" : " ")
                                        .append(key)
                                        .append('=')
                                        .append(v));
                NabCvResult.CandidateScore c = r.candidates().get(k);
                w.write(
                        String.format(
                                Locale.ROOT,
                                "%s,\"%s\",%.4f,%s%n",
                                c.name(),
                                keys,
                                c.normalised(),
                                Double.toString(c.threshold())));
            }
        }
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String csv(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
