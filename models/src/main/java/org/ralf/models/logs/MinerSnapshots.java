package org.ralf.models.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes {@link MinerSnapshot}s as JSON (no Java serialisation). */
public final class MinerSnapshots {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MinerSnapshots() {}

    /**
     * Serialises a snapshot.
     *
     * @param snapshot the snapshot
     * @return its JSON text
     */
    public static String toJson(MinerSnapshot snapshot) {
        try {
            return JSON.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a snapshot.
     *
     * @param json text written by {@link #toJson}
     * @return the snapshot
     * @throws IOException when the text is not a snapshot
     */
    public static MinerSnapshot fromJson(String json) throws IOException {
        return JSON.readValue(json, MinerSnapshot.class);
    }

    /**
     * Writes a snapshot atomically (temporary file, then rename) so a crash leaves the old one.
     *
     * @param snapshot the snapshot
     * @param file the target file
     * @throws IOException on write failure
     */
    public static void write(MinerSnapshot snapshot, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, toJson(snapshot), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a snapshot file.
     *
     * @param file a file written by {@link #write}
     * @return the snapshot
     * @throws IOException on read or parse failure
     */
    public static MinerSnapshot read(Path file) throws IOException {
        return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    }
}
