package org.ralf.bench.loghub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoghubBenchmarkTest {

    // LineIds deliberately out of order; Content with quoted commas and quotes.
    private static final String TINY =
            String.join(
                    "\n",
                    "LineId,Level,Content,EventId,EventTemplate",
                    "3,INFO,\"Deleting block blk_3, file \"\"/data/a/b\"\"\",E2,"
                            + "\"Deleting block <*>, file \"\"<*>\"\"\"",
                    "1,INFO,Received block blk_1 of size 10,E1,Received block <*> of size <*>",
                    "2,INFO,Received block blk_2 of size 20,E1,Received block <*> of size <*>",
                    "4,INFO,cupsd startup succeeded,E3,cupsd startup succeeded",
                    "5,INFO,cupsd shutdown succeeded,E4,cupsd shutdown succeeded",
                    "6,INFO,\"Deleting block blk_4, file \"\"/data/c/d\"\"\",E2,"
                            + "\"Deleting block <*>, file \"\"<*>\"\"\"",
                    "");

    // The corrected truth merges E3 and E4 into one template: the parse keeps them apart, so those
    // two lines are wrong against it.
    private static final String TINY_CORRECTED =
            TINY.replace("E3,cupsd startup succeeded", "E3,cupsd <*> succeeded")
                    .replace("E4,cupsd shutdown succeeded", "E3,cupsd <*> succeeded");

    @Test
    void shouldParseScoreAndWriteEveryLine(@TempDir Path tmp) throws IOException {
        // Arrange
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("Tiny"));
        Files.writeString(data.resolve("Tiny/Tiny_2k.log_structured.csv"), TINY);
        Files.writeString(
                data.resolve("Tiny/Tiny_2k.log_structured_corrected.csv"), TINY_CORRECTED);
        Files.createDirectories(data.resolve("NotASystem"));
        Path out = tmp.resolve("out");
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        // Act
        LoghubResult r =
                LoghubBenchmark.run(
                        data, out, new PrintStream(report, true, StandardCharsets.UTF_8));

        // Assert: groups {1,2}, {3,6}, {4}, {5} equal the four true events: GA = 6/6 = 1.
        assertThat(r.systems()).hasSize(1);
        LoghubResult.SystemResult s = r.systems().get(0);
        assertThat(s.system()).isEqualTo("Tiny");
        assertThat(s.ga()).isEqualTo(1.0);
        // Corrected truth: groups {1,2} and {3,6} are right (4 lines), {4} and {5} each hold half
        // of the merged event (wrong): GA = 4/6.
        assertThat(s.gaCorrected()).isEqualTo(4.0 / 6);
        // PA: all six parsed templates equal the original truth after normalisation.
        assertThat(s.pa()).isEqualTo(1.0);
        String[] lines = report.toString(StandardCharsets.UTF_8).strip().split("\\R");
        assertThat(lines[lines.length - 1]).isEqualTo("1.0000");

        List<Map<String, String>> written =
                LoghubBenchmark.readCsv(out.resolve("Tiny/Tiny_2k.log_structured.csv"));
        assertThat(written)
                .extracting(m -> m.get("LineId"))
                .containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(written.get(0).keySet()).containsExactly("LineId", "EventId", "EventTemplate");
        assertThat(written.get(2).get("EventTemplate"))
                .isEqualTo("Deleting block blk_<*>, file \"<*>\"");
        assertThat(written.get(2).get("EventId")).isEqualTo(written.get(5).get("EventId"));
    }

    @Test
    void shouldFailClearlyOnAFolderWithoutSystems(@TempDir Path tmp) {
        assertThatThrownBy(() -> LoghubBenchmark.run(tmp, tmp.resolve("o"), System.out))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no <System>");
    }
}
