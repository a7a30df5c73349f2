package org.ralf.simulator.emit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ralf.schemas.serde.Json;
import org.ralf.simulator.engine.EventSink;
import org.ralf.simulator.engine.SimEvent;
import org.ralf.simulator.truth.GroundTruthFault;

/**
 * Keeps the labels file up to date: a JSON document {@code {"scenario", "seed", "faults": [...]}}
 * rewritten atomically (write to a temporary file, then move) whenever a fault starts or ends, so a
 * reader never sees half a file.
 */
public final class LabelsFileWriter implements EventSink {
    private final Path file;
    private final String scenario;
    private final long seed;
    private final Map<String, GroundTruthFault> faults = new LinkedHashMap<>();

    /** A writer of {@code file} for a run of {@code scenario} with {@code seed}. */
    public LabelsFileWriter(Path file, String scenario, long seed) {
        this.file = file;
        this.scenario = scenario;
        this.seed = seed;
    }

    @Override
    public void accept(SimEvent event) {
        if (event instanceof SimEvent.Fault f) {
            faults.put(f.fault().faultId(), f.fault());
            write();
        }
    }

    private void write() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("scenario", scenario);
        root.put("seed", seed);
        ArrayNode list = root.putArray("faults");
        for (GroundTruthFault f : faults.values()) {
            list.add(Json.mapper().valueToTree(f));
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".labels", ".tmp");
            Files.write(
                    tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write labels file " + file, e);
        }
    }
}
