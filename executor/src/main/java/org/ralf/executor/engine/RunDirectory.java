package org.ralf.executor.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The scratch directory of one run under the executor's work directory. */
final class RunDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(RunDirectory.class);

    private RunDirectory() {}

    /**
     * A file-system-safe, collision-free directory name for a run: idempotency keys are free text,
     * so the readable part is sanitised and a hash keeps two keys that sanitise alike apart.
     */
    static String name(String key) {
        try {
            byte[] h =
                    MessageDigest.getInstance("SHA-256")
                            .digest(key.getBytes(StandardCharsets.UTF_8));
            String safe = key.replaceAll("[^A-Za-z0-9._-]", "_");
            return (safe.length() > 60 ? safe.substring(0, 60) : safe)
                    + "-"
                    + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a run directory; a leftover only costs disk space, so failures are only logged. */
    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete run directory {}", dir, e);
        }
    }
}
