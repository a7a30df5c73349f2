package org.ralf.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leave-one-category-out on small generated NAB-layout folders: one file of {@value #ROWS} rows per
 * category, its window (when it has one) on rows {@value #WINDOW_START} to {@value #WINDOW_END},
 * and hand-made score arrays per candidate, so that which candidate and threshold win on which
 * categories is known in advance.
 */
class NabCrossValidationTest {

    private static final int ROWS = 1000;
    private static final int WINDOW_START = 600;
    private static final int WINDOW_END = 650;
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final LocalDateTime T0 = LocalDateTime.of(2024, 1, 1, 0, 0);
    private static final NabProfile STANDARD = NabProfile.defaults().get(0);

    @TempDir Path tmp;

    @Test
    void shouldNotChooseACandidateThatIsBestOnlyOnTheLeftOutCategory() throws IOException {
        // Arrange: "defaults" hits the windows of a and b and misses c's; "leaky" hits only c's.
        NabCorpus corpus = corpus(List.of("a", "b", "c"), List.of());
        List<NabScorer.ScoredFile> defaults =
                scored(corpus, f -> spikeAt(f.startsWith("c/") ? 300 : WINDOW_START, 0.9));
        List<NabScorer.ScoredFile> leaky =
                scored(corpus, f -> spikeAt(f.startsWith("c/") ? WINDOW_START : 300, 0.9));

        // Act
        NabCvResult r =
                NabCrossValidation.evaluate(
                        List.of("defaults", "leaky"), List.of(defaults, leaky), STANDARD);

        // Assert: c is scored with what a and b prefer, although "leaky" is perfect on c.
        NabCvResult.Fold c = r.folds().get(2);
        assertThat(c.category()).isEqualTo("c");
        assertThat(c.chosen()).isEqualTo("defaults");
        assertThat(c.cv().truePositiveWindows()).isZero();
        double leakyOnC =
                NabScorer.scoreAt(
                                leaky.stream()
                                        .filter(f -> f.relativePath().startsWith("c/"))
                                        .toList(),
                                STANDARD,
                                0.9)
                        .normalised();
        assertThat(leakyOnC).isGreaterThan(c.cv().normalised());
    }

    @Test
    void shouldChooseTheThresholdOnTheTrainingCategoriesOnly() throws IOException {
        // Arrange: a and b flag their windows at 0.5 and have a false positive at 0.3; c flags its
        // window at 0.4 only, so the corpus-wide threshold (0.4) hits c but a, b alone say 0.5.
        NabCorpus corpus = corpus(List.of("a", "b", "c"), List.of());
        List<NabScorer.ScoredFile> only =
                scored(
                        corpus,
                        f -> {
                            double[] s = spikeAt(WINDOW_START, f.startsWith("c/") ? 0.4 : 0.5);
                            s[300] = 0.3;
                            return s;
                        });

        // Act
        NabCvResult r = NabCrossValidation.evaluate(List.of("defaults"), List.of(only), STANDARD);

        // Assert
        NabCvResult.Fold c = r.folds().get(2);
        assertThat(c.cv().threshold()).isEqualTo(0.5);
        assertThat(c.cv().truePositiveWindows()).isZero();
        assertThat(c.cv().normalised()).isEqualTo(0.0);
        assertThat(c.inSample().threshold()).isEqualTo(0.4);
        assertThat(c.inSample().normalised()).isGreaterThan(90.0);
    }

    @Test
    void shouldNormaliseEachCategoryWithItsOwnNullAndPerfectScores() throws IOException {
        // Arrange: a has one window, hit at its first row; "quiet" has no window and one false
        // positive.
        NabCorpus corpus = corpus(List.of("a"), List.of("quiet"));
        List<NabScorer.ScoredFile> only =
                scored(corpus, f -> spikeAt(f.startsWith("a/") ? WINDOW_START : 300, 0.9));

        // Act
        NabCvResult r = NabCrossValidation.evaluate(List.of("defaults"), List.of(only), STANDARD);

        // Assert: a's null and perfect are its own (-1 and +1): a hit at the window start is 100.
        NabCvResult.Fold a = r.folds().get(0);
        assertThat(a.inSample().nullScore()).isEqualTo(-1.0);
        assertThat(a.inSample().perfectScore()).isEqualTo(1.0);
        assertThat(a.inSample().normalised()).isCloseTo(100.0, within(1e-9));
        // A category without windows has no normalised score; it counts in the pooled figure only.
        NabCvResult.Fold quiet = r.folds().get(1);
        assertThat(quiet.inSample().normalised()).isNaN();
        assertThat(quiet.inSample().rawScore()).isEqualTo(-STANDARD.fpWeight());
        assertThat(r.meanInSample()).isCloseTo(100.0, within(1e-9));
        assertThat(r.pooledInSample())
                .isCloseTo(NabScorer.score(only, List.of(STANDARD)).standard(), within(1e-9));
    }

    @Test
    void shouldRunTheDetectorGridAndEndWithTheMeanCvScore() throws IOException {
        // Arrange: real detector runs on noisy series with a spike in each window.
        Path data = writeCorpus(List.of("a", "b"), List.of());
        Path out = tmp.resolve("out");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        List<NabCrossValidation.Candidate> grid = NabCrossValidation.grid().subList(0, 2);

        // Act
        NabCvResult r =
                NabCrossValidation.run(
                        data, out, new PrintStream(buf, true, StandardCharsets.UTF_8), grid);

        // Assert
        String[] printed = buf.toString(StandardCharsets.UTF_8).trim().split("\\R");
        assertThat(printed[printed.length - 1])
                .isEqualTo(String.format(Locale.ROOT, "%.2f", r.meanCv()));
        assertThat(Files.readAllLines(out.resolve(NabCrossValidation.RESULTS_FILE)))
                .hasSize(1 + 2 + 2)
                .anySatisfy(l -> assertThat(l).startsWith("a,1,1,"));
        assertThat(NabCrossValidation.grid().get(0).overrides()).isEmpty();
    }

    private NabCorpus corpus(List<String> withWindow, List<String> withoutWindow)
            throws IOException {
        return NabCorpus.load(writeCorpus(withWindow, withoutWindow));
    }

    /** One file per category, noisy values with a spike inside the window. */
    private Path writeCorpus(List<String> withWindow, List<String> withoutWindow)
            throws IOException {
        Path root = tmp.resolve("nab");
        Files.createDirectories(root.resolve("labels"));
        Random random = new Random(7L);
        StringBuilder windows = new StringBuilder("{");
        List<String> all = new ArrayList<>(withWindow);
        all.addAll(withoutWindow);
        for (String category : all) {
            List<String> lines = new ArrayList<>();
            lines.add("timestamp,value");
            boolean labelled = withWindow.contains(category);
            for (int i = 0; i < ROWS; i++) {
                double spike = labelled && i == WINDOW_START + 5 ? 40 : 0;
                lines.add(ts(i) + "," + (10 + random.nextGaussian() + spike));
            }
            Files.createDirectories(root.resolve("data").resolve(category));
            Files.write(root.resolve("data/" + category + "/s.csv"), lines);
            windows.append(windows.length() > 1 ? "," : "")
                    .append('"')
                    .append(category)
                    .append("/s.csv\": [")
                    .append(
                            labelled
                                    ? "[\""
                                            + ts(WINDOW_START)
                                            + ".000000\", \""
                                            + ts(WINDOW_END)
                                            + ".000000\"]"
                                    : "")
                    .append(']');
        }
        Files.writeString(root.resolve("labels/combined_windows.json"), windows + "}");
        return root;
    }

    private static String ts(int row) {
        return TS.format(T0.plusMinutes(5L * row));
    }

    private static List<NabScorer.ScoredFile> scored(
            NabCorpus corpus, Function<String, double[]> scores) {
        return corpus.files().stream()
                .map(
                        f ->
                                new NabScorer.ScoredFile(
                                        f.relativePath(),
                                        f.timestamps(),
                                        scores.apply(f.relativePath()),
                                        corpus.windowsOf(f.relativePath())))
                .toList();
    }

    private static double[] spikeAt(int row, double score) {
        double[] s = new double[ROWS];
        s[row] = score;
        return s;
    }
}
