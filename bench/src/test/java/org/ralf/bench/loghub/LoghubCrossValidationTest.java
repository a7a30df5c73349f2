package org.ralf.bench.loghub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.models.logs.MinerConfig;

/** Leave-one-system-out on hand-made GA tables and on a small generated Loghub-layout folder. */
class LoghubCrossValidationTest {

    private static final List<LoghubCrossValidation.Candidate> TWO =
            List.of(
                    new LoghubCrossValidation.Candidate("defaults", MinerConfig.DEFAULT),
                    new LoghubCrossValidation.Candidate(
                            "leaky", MinerConfig.DEFAULT.withSimilarityThreshold(0.9)));

    @Test
    void shouldNotChooseACandidateThatIsBestOnlyOnTheLeftOutSystem() {
        // Arrange: "leaky" is best on C only; on A and B the defaults are better.
        double[][] ga = {{0.9, 0.9, 0.5}, {0.8, 0.8, 1.0}};

        // Act
        LoghubCrossValidation.Result r =
                LoghubCrossValidation.evaluate(TWO, List.of("A", "B", "C"), ga);

        // Assert: C gets what A and B prefer; A gets what B and C prefer (leaky: mean 0.9 > 0.7).
        LoghubCrossValidation.Fold c = r.folds().get(2);
        assertThat(c.chosen()).isEqualTo("defaults");
        assertThat(c.cvGa()).isEqualTo(0.5);
        assertThat(c.trainGa()).isEqualTo(0.9);
        LoghubCrossValidation.Fold a = r.folds().get(0);
        assertThat(a.chosen()).isEqualTo("leaky");
        assertThat(a.trainGa()).isEqualTo(0.9);
        assertThat(a.cvGa()).isEqualTo(0.8);
        assertThat(a.inSampleGa()).isEqualTo(0.9);
        assertThat(r.meanCvGa()).isEqualTo((0.8 + 0.8 + 0.5) / 3);
        assertThat(r.meanInSampleGa()).isEqualTo((0.9 + 0.9 + 0.5) / 3);
    }

    @Test
    void shouldKeepTheDefaultsOnATie() {
        // Arrange
        double[][] ga = {{0.7, 0.8}, {0.7, 0.8}};

        // Act
        LoghubCrossValidation.Result r = LoghubCrossValidation.evaluate(TWO, List.of("A", "B"), ga);

        // Assert
        assertThat(r.folds())
                .extracting(LoghubCrossValidation.Fold::chosen)
                .containsOnly("defaults");
        assertThat(LoghubCrossValidation.grid().get(0).config()).isEqualTo(MinerConfig.DEFAULT);
    }

    @Test
    void shouldParseEverySystemPerCandidateAndWriteOnlyTheResultsFile(@TempDir Path tmp)
            throws IOException {
        // Arrange: two systems of the same small log.
        Path data = tmp.resolve("data");
        String csv =
                String.join(
                        "\n",
                        "LineId,Content,EventId,EventTemplate",
                        "1,Received block blk_1 of size 10,E1,Received block <*> of size <*>",
                        "2,Received block blk_2 of size 20,E1,Received block <*> of size <*>",
                        "3,cupsd startup succeeded,E2,cupsd startup succeeded",
                        "");
        for (String system : List.of("One", "Two")) {
            Files.createDirectories(data.resolve(system));
            Files.writeString(data.resolve(system + "/" + system + "_2k.log_structured.csv"), csv);
        }
        Path out = tmp.resolve("out");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();

        // Act
        LoghubCrossValidation.Result r =
                LoghubCrossValidation.run(
                        data, out, new PrintStream(buf, true, StandardCharsets.UTF_8), TWO);

        // Assert
        assertThat(r.folds())
                .extracting(LoghubCrossValidation.Fold::system)
                .containsExactly("One", "Two");
        String[] printed = buf.toString(StandardCharsets.UTF_8).trim().split("\\R");
        assertThat(printed[printed.length - 1])
                .isEqualTo(String.format(Locale.ROOT, "%.4f", r.meanCvGa()));
        try (Stream<Path> written = Files.list(out)) {
            assertThat(written.map(p -> p.getFileName().toString()))
                    .containsExactly(LoghubCrossValidation.RESULTS_FILE);
        }
        assertThat(Files.readAllLines(out.resolve(LoghubCrossValidation.RESULTS_FILE))).hasSize(4);
    }
}
