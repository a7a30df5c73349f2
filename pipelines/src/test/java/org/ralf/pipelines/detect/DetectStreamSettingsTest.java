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
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.ralf.models.detect.DetectorConfig;
import org.ralf.models.detect.DetectorState;
import org.ralf.models.detect.SeriesDetector;
import org.ralf.schemas.config.RalfConfig;

class DetectStreamSettingsTest {

    private static <T> int serializedSize(Class<T> type, T value) throws Exception {
        TypeSerializer<T> serializer =
                TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(value, out);
        return out.length();
    }

    @Test
    void shouldKeepTheKeyedStateOfASeriesUnderTwoKibibytesAtEverySample() throws Exception {
        // Arrange: the job's detector (the defaults) and a long, awkward series: a daily cycle
        // with noise, a slow trend that keeps widening the value frame, a level shift and spikes.
        SeriesDetector detector = new SeriesDetector(DetectStreamSettings.defaults().detector());
        DetectorState state = detector.newState();
        Random random = new Random(1);
        int largest = 0;
        int afterTraining = 0;

        // Act: the bytes Flink's POJO serializer writes for the keyed state (SeriesState), after
        // each of
        // 50,000 samples (about 6 months at 5 minutes), through the k-means training and beyond
        for (int i = 0; i < 50_000; i++) {
            double value =
                    1_000
                            + 0.01 * i
                            + 50 * Math.sin(2 * Math.PI * i / 288.0)
                            + 5 * random.nextGaussian()
                            + (i > 30_000 ? 200 : 0)
                            + (i % 7_919 == 0 ? 5_000 : 0);
            detector.update(state, 300_000L * i, value);
            int bytes = serializedSize(SeriesState.class, SeriesState.of(state));
            largest = Math.max(largest, bytes);
            afterTraining = bytes;
        }

        // Assert: the budget holds in the training phase (k-means prefix held) and after it
        assertThat(state.clusterTrained).isTrue();
        assertThat(largest).isLessThanOrEqualTo(2048);
        assertThat(afterTraining).isLessThan(largest);
    }

    @Test
    void shouldRunTheDetectorConfigurationThatTheNabBenchmarkScores() {
        RalfConfig empty = RalfConfig.parse(new StringReader(""), Map.of());

        assertThat(DetectStreamSettings.defaults().detector()).isEqualTo(DetectorConfig.defaults());
        assertThat(DetectStreamSettings.fromConfig(empty).detector())
                .isEqualTo(DetectorConfig.defaults());
        // the stream differs only in the alert level, which is the level the job emits at
        DetectStreamSettings options = DetectStreamSettings.defaults();
        assertThat(options.streamDetector().alertLevel()).isEqualTo(options.threshold());
        assertThat(
                        DetectorConfig.fromMap(
                                Map.of(
                                        "detect.alert.level",
                                        Double.toString(DetectorConfig.defaults().alertLevel()))))
                .isEqualTo(DetectorConfig.defaults());
        assertThat(options.streamDetector())
                .isEqualTo(
                        DetectorConfig.fromMap(
                                Map.of(
                                        "detect.alert.level",
                                        Double.toString(options.threshold()))));
    }

    @Test
    void shouldLetExplicitDetectorKeysOverrideTheDefaults() {
        RalfConfig config =
                RalfConfig.parse(
                        new StringReader("detect:\n  robust:\n    window: 64\n"), Map.of());

        DetectStreamSettings options = DetectStreamSettings.fromConfig(config);

        assertThat(options.detector().robustWindow()).isEqualTo(64);
        assertThat(options.detector().contextHistory())
                .isEqualTo(DetectorConfig.defaults().contextHistory());
        assertThat(options.detector().enabled()).isEqualTo(DetectorConfig.defaults().enabled());
    }

    @Test
    void shouldFailFastNamingAnInvalidDetectorKey() {
        RalfConfig config =
                RalfConfig.parse(new StringReader("detect:\n  robust:\n    window: 1\n"), Map.of());

        assertThatThrownBy(() -> DetectStreamSettings.fromConfig(config))
                .hasMessageContaining("detect.robust.window");
    }

    @Test
    void shouldShipItsDetectorConfigurationThroughJavaSerialization() throws Exception {
        // Arrange: what a Flink function holding the settings carries to the task managers
        RalfConfig config =
                RalfConfig.parse(
                        new StringReader("detect:\n  robust:\n    window: 64\n"), Map.of());
        DetectStreamSettings settings = DetectStreamSettings.fromConfig(config);

        // Act
        DetectStreamSettings shipped =
                InstantiationUtil.clone(settings, getClass().getClassLoader());

        // Assert
        assertThat(shipped).isEqualTo(settings);
        assertThat(shipped.streamDetector()).isEqualTo(settings.streamDetector());
        assertThat(shipped.detector().robustWindow()).isEqualTo(64);
    }
}
