package org.ralf.pipelines.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.ralf.models.detect.DetectorKind;
import org.ralf.models.detect.DetectorState;
import org.ralf.models.detect.SeriesDetector;
import org.ralf.schemas.config.RalfConfig;

class DetectOptionsTest {

    private static <T> int serializedSize(Class<T> type, T value) throws Exception {
        TypeSerializer<T> serializer =
                TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(value, out);
        return out.length();
    }

    @Test
    void shouldKeepTheKeyedStateOfASeriesUnderTwoKibibytesWithTheStreamingDefaults()
            throws Exception {
        // Arrange: a detector state after 1000 samples (all arrays are fixed-size anyway)
        SeriesDetector detector = new SeriesDetector(DetectOptions.defaults().detector());
        DetectorState state = detector.newState();
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            detector.update(state, 1_000L * i, random.nextGaussian());
        }

        // Act: the bytes Flink's POJO serializer writes for the two keyed states
        int bytes =
                serializedSize(DetectorState.class, state)
                        + serializedSize(SeriesMeta.class, new SeriesMeta());

        // Assert
        assertThat(bytes).isLessThanOrEqualTo(2048);
    }

    @Test
    void shouldLetExplicitDetectorKeysWinOverTheStreamingDefaults() {
        RalfConfig config =
                RalfConfig.parse(
                        new StringReader("detect:\n  robust:\n    window: 64\n"), Map.of());

        DetectOptions options = DetectOptions.fromConfig(config);

        assertThat(options.detector().robustWindow()).isEqualTo(64);
        assertThat(options.detector().contextHistory()).isEqualTo(16);
        assertThat(options.detector().enabled()).doesNotContain(DetectorKind.CLUSTER);
    }

    @Test
    void shouldFailFastNamingAnInvalidDetectorKey() {
        RalfConfig config =
                RalfConfig.parse(new StringReader("detect:\n  robust:\n    window: 1\n"), Map.of());

        assertThatThrownBy(() -> DetectOptions.fromConfig(config))
                .hasMessageContaining("detect.robust.window");
    }
}
