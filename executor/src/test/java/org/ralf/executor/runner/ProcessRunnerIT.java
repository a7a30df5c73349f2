package org.ralf.executor.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spawns real programs: arguments stay single literal arguments; the environment is minimal. */
class ProcessRunnerIT {

    @TempDir Path tmp;

    @Test
    void shouldPassEachArgumentLiterallyWithoutAShell() throws Exception {
        List<String> hostile =
                List.of("a b", "; rm -rf /", "$(id)", "`id`", "x' \"y", "*", "-e", "\\n");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "python3",
                                "-c",
                                "import sys, json; print(json.dumps(sys.argv[1:]))"));
        args.addAll(hostile);

        ProcessRunner.Result r =
                new ProcessRunner()
                        .run(
                                args,
                                tmp,
                                Map.of(),
                                tmp,
                                "argv",
                                Duration.ofSeconds(30),
                                RunListener.NONE);

        assertThat(r.exitCode()).isZero();
        assertThat(new ObjectMapper().readValue(r.stdout(), String[].class))
                .containsExactlyElementsOf(hostile);
    }

    @Test
    void shouldNotHandTheExecutorsEnvironmentToChildren() throws Exception {
        ProcessRunner.Result r =
                new ProcessRunner()
                        .run(
                                List.of("env"),
                                tmp,
                                Map.of("ANSIBLE_NOCOLOR", "1"),
                                tmp,
                                "env",
                                Duration.ofSeconds(30),
                                RunListener.NONE);

        Set<String> allowed =
                Set.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TMPDIR", "TZ", "ANSIBLE_NOCOLOR");
        List<String> names = r.stdout().lines().map(l -> l.substring(0, l.indexOf('='))).toList();
        assertThat(names).isNotEmpty().allMatch(allowed::contains).contains("ANSIBLE_NOCOLOR");
        assertThat(System.getenv().keySet())
                .as("the test JVM has more variables than are passed")
                .hasSizeGreaterThan(names.size());
    }
}
