package org.ralf.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end run of the benchmark on a small generated NAB-layout folder. */
class NabBenchmarkTest {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir Path tmp;

    @Test
    void shouldWriteOneOutputRowPerInputRowAndEndWithTheStandardScore() throws Exception {
        // Arrange: one series of 2000 5-minute samples with a spike inside a labelled window.
        Path data = tmp.resolve("nab");
        Files.createDirectories(data.resolve("data/synthetic"));
        Files.createDirectories(data.resolve("labels"));
        LocalDateTime t0 = LocalDateTime.of(2024, 1, 1, 0, 0);
        Random r = new Random(11L);
        List<String> lines = new ArrayList<>();
        lines.add("timestamp,value");
        for (int i = 0; i < 2000; i++) {
            double v = 10 + r.nextGaussian() + (i == 1500 ? 30 : 0);
            lines.add(TS.format(t0.plusMinutes(5L * i)) + "," + v);
        }
        Files.write(data.resolve("data/synthetic/spike.csv"), lines, StandardCharsets.UTF_8);
        String start = TS.format(t0.plusMinutes(5L * 1450)) + ".000000";
        String end = TS.format(t0.plusMinutes(5L * 1550)) + ".000000";
        Files.writeString(
                data.resolve("labels/combined_windows.json"),
                "{\"synthetic/spike.csv\": [[\"" + start + "\", \"" + end + "\"]]}");
        Path out = tmp.resolve("out");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();

        // Act
        NabResult result =
                NabBenchmark.run(data, out, new PrintStream(buf, true, StandardCharsets.UTF_8));

        // Assert
        List<String> written = Files.readAllLines(out.resolve("synthetic/spike.csv"));
        assertThat(written).hasSize(lines.size());
        assertThat(written.get(0)).isEqualTo("timestamp,value,anomaly_score");
        assertThat(written.get(1500 + 1)).startsWith(lines.get(1500 + 1).split(",")[0] + ",");
        assertThat(result.standard()).isGreaterThan(50.0);
        String[] printed = buf.toString(StandardCharsets.UTF_8).trim().split("\\R");
        assertThat(printed[printed.length - 1])
                .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", result.standard()));
    }
}
