package org.ralf.bench.nab;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared benchmark data: system property {@code ralf.bench.dir} or a walk up. */
final class BenchData {

    private BenchData() {}

    /** The NAB subset folder, or {@code null} when this checkout has no shared data beside it. */
    static Path nab() {
        String prop = System.getProperty("ralf.bench.dir");
        if (prop != null && Files.isDirectory(Path.of(prop, "nab"))) {
            return Path.of(prop, "nab");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/bench/nab");
            if (Files.isDirectory(candidate.resolve("data"))) {
                return candidate;
            }
        }
        return null;
    }
}
