package org.ralf.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.ralf.models.detect.DetectorState;
import org.ralf.models.detect.SeriesDetector;
import org.ralf.pipelines.detect.DetectStreamSettings;
import org.ralf.pipelines.detect.SeriesState;

/**
 * The detect job's keyed state per series stays within its 2 KiB budget on every file of the NAB
 * subset (moved here from the pipelines tests with the NAB reader it needs).
 */
class NabStateSizeTest {

    private static <T> int serializedSize(Class<T> type, T value) throws Exception {
        TypeSerializer<T> serializer =
                TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(value, out);
        return out.length();
    }

    @Test
    void shouldKeepTheKeyedStateUnderTwoKibibytesOnEveryNabFile() throws Exception {
        // Arrange: the shared NAB subset (skipped when this checkout has none beside it)
        Path nab = nabData();
        assumeTrue(nab != null, "shared/bench/nab not found (walk-up or -Dralf.bench.dir)");
        NabCorpus corpus = NabCorpus.load(nab);
        SeriesDetector detector = new SeriesDetector(DetectStreamSettings.defaults().detector());
        int largest = 0;

        // Act: serialise after every row of every file, as a checkpoint could at any time
        for (NabCorpus.DataFile f : corpus.files()) {
            DetectorState state = detector.newState();
            for (int i = 0; i < f.size(); i++) {
                detector.update(state, f.timestamps()[i], f.values()[i]);
                largest =
                        Math.max(largest, serializedSize(SeriesState.class, SeriesState.of(state)));
            }
        }

        // Assert
        assertThat(corpus.files()).isNotEmpty();
        assertThat(largest).isLessThanOrEqualTo(2048);
    }

    private static Path nabData() {
        String prop = System.getProperty("ralf.bench.dir");
        if (prop != null && Files.isDirectory(Path.of(prop, "nab", "data"))) {
            return Path.of(prop, "nab");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/bench/nab/data"))) {
                return dir.resolve("shared/bench/nab");
            }
        }
        return null;
    }
}
