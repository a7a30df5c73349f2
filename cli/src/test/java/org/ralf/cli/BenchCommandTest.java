package org.ralf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code --cv} flags of {@code ralf bench nab} and {@code ralf bench loghub}. */
class BenchCommandTest {

    @Test
    void shouldDescribeCvInHelpWithoutRunningAnything(@TempDir Path tmp) {
        for (String bench : new String[] {"nab", "loghub"}) {
            // Arrange
            StringWriter text = new StringWriter();
            CommandLine cli = new CommandLine(new RalfCli()).setOut(new PrintWriter(text));
            Path out = tmp.resolve(bench);

            // Act
            int code =
                    cli.execute(
                            "bench",
                            bench,
                            "--cv",
                            "--data",
                            tmp.toString(),
                            "--out",
                            out.toString(),
                            "--help");

            // Assert
            assertThat(code).isZero();
            assertThat(text.toString()).contains("--cv").contains("cross-validation");
            assertThat(Files.exists(out)).isFalse();
        }
    }
}
