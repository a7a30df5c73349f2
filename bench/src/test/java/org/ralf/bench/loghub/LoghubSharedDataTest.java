package org.ralf.bench.loghub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Loghub benchmark on the shared research data when it is present beside the repository
 * ({@code ../shared/bench/loghub2k}, found by walking up, or {@code -Dralf.bench.dir}); skipped
 * otherwise.
 */
class LoghubSharedDataTest {

    @Nullable
    static Path locateLoghub() {
        String prop = System.getProperty("ralf.bench.dir");
        if (prop != null && Files.isDirectory(Path.of(prop, "loghub2k"))) {
            return Path.of(prop, "loghub2k");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/bench/loghub2k");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void shouldReachTheTargetMeanGroupingAccuracyWithOneConfiguration(@TempDir Path out)
            throws IOException {
        // Arrange
        Path data = locateLoghub();
        assumeTrue(data != null, "shared/bench/loghub2k not found (walk-up or -Dralf.bench.dir)");

        // Act
        LoghubResult r =
                LoghubBenchmark.run(
                        data,
                        out,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        // Assert: the target; measured 0.9687 on the ten shared systems.
        assertThat(r.systems()).hasSize(10);
        assertThat(r.meanGa()).isGreaterThanOrEqualTo(0.95);
    }
}
