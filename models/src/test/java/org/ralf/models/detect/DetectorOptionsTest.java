package org.ralf.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.StringReader;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.config.ConfigException;
import org.ralf.schemas.config.RalfConfig;

class DetectorOptionsTest {

    private static RalfConfig yaml(String text, Map<String, String> environment) {
        return RalfConfig.parse(new StringReader(text), environment);
    }

    @Test
    void shouldKeepTheDefaultsOfTheHandWrittenParser() {
        // Arrange: the literal values of DetectorConfig.defaults() before the options existed
        DetectorConfig expected =
                new DetectorConfig(
                        0.0005,
                        32,
                        60,
                        true,
                        0.1,
                        6,
                        0.5,
                        8.0,
                        0.02,
                        8,
                        64,
                        3,
                        4,
                        750,
                        16,
                        0.0,
                        0.05,
                        0.1,
                        0.02,
                        Double.NaN,
                        86_400_000L,
                        8,
                        0.002,
                        150,
                        1e-30,
                        0.2,
                        20,
                        200,
                        3.0,
                        3.0,
                        EnumSet.of(
                                DetectorKind.EWMA,
                                DetectorKind.SEASONAL,
                                DetectorKind.CONTEXT,
                                DetectorKind.CLUSTER,
                                DetectorKind.FORECAST,
                                DetectorKind.SPATIAL));

        // Act / Assert: the defaults, and an empty document read through the options
        assertThat(DetectorConfig.defaults()).isEqualTo(expected);
        assertThat(DetectorConfig.from(yaml("", Map.of()))).isEqualTo(expected);
        assertThat(DetectorConfig.fromMap(Map.of())).isEqualTo(expected);
    }

    @Test
    void shouldReadTypedValuesFromTheDocumentAndTheEnvironment() {
        // Arrange
        RalfConfig config =
                yaml(
                        "detect:\n  robust: {window: 64}\n  seasonal: {weekly: false}\n"
                                + "  forecast: {threshold: 95, horizon-ms: 3.6e6}\n"
                                + "  enabled: 'ewma, context'\n",
                        Map.of("RALF_DETECT_EWMA_ALPHA", "0.01"));

        // Act
        DetectorConfig c = DetectorConfig.from(config);

        // Assert
        assertThat(c.robustWindow()).isEqualTo(64);
        assertThat(c.seasonalWeekly()).isFalse();
        assertThat(c.forecastThreshold()).isEqualTo(95.0);
        assertThat(c.forecastHorizonMillis()).isEqualTo(3_600_000L);
        assertThat(c.enabled()).containsExactlyInAnyOrder(DetectorKind.EWMA, DetectorKind.CONTEXT);
        assertThat(c.ewmaAlpha()).isEqualTo(0.01);
        assertThat(c.contextHistory()).isEqualTo(DetectorConfig.defaults().contextHistory());
    }

    @Test
    void shouldNameTheKeyOfAnOutOfRangeOrMalformedValue() {
        assertThatThrownBy(
                        () -> DetectorConfig.from(yaml("detect:\n  ewma: {alpha: 2}\n", Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("detect.ewma.alpha");
        assertThatThrownBy(() -> DetectorConfig.fromMap(Map.of("detect.seasonal.bin-minutes", "7")))
                .hasMessageContaining("detect.seasonal.bin-minutes")
                .hasMessageContaining("1440");
        assertThatThrownBy(() -> DetectorConfig.fromMap(Map.of("detect.robust.window", "many")))
                .hasMessageContaining("detect.robust.window");
        assertThatThrownBy(() -> DetectorConfig.fromMap(Map.of("detect.enabled", "ewma,bogus")))
                .hasMessageContaining("detect.enabled");
    }

    @Test
    void shouldNameTheKeyWhenDependentKeysDoNotFitTogether() {
        assertThatThrownBy(
                        () ->
                                DetectorConfig.fromMap(
                                        Map.of(
                                                "detect.context.history", "2",
                                                "detect.context.neighbours", "3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("detect.context.neighbours");
        assertThatThrownBy(() -> DetectorConfig.fromMap(Map.of("detect.cluster.prefix", "15")))
                .hasMessageContaining("detect.cluster.prefix");
    }

    @Test
    void shouldNameTheNearestKeyOfAnUnknownDetectKey() {
        assertThatThrownBy(() -> DetectorConfig.fromMap(Map.of("detect.ewma.alfa", "0.1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("detect.ewma.alfa")
                .hasMessageContaining("did you mean detect.ewma.alpha");
    }

    @Test
    void shouldApplyOverridesOnTopOfABaseConfiguration() {
        // Arrange
        DetectorConfig base = DetectorConfig.fromMap(Map.of("detect.robust.window", "16"));

        // Act
        DetectorConfig c = base.withOverrides(Map.of("detect.warmup.samples", "20"));

        // Assert: the override applies, the base's own value stays
        assertThat(c.warmupSamples()).isEqualTo(20);
        assertThat(c.robustWindow()).isEqualTo(16);
        assertThat(c.withAlertLevel(0.8).alertLevel()).isEqualTo(0.8);
    }

    @Test
    void shouldSurviveAJavaSerializationRoundTrip() throws Exception {
        // Arrange: a non-default configuration (NaN threshold replaced, a smaller detector set)
        DetectorConfig config =
                DetectorConfig.fromMap(
                        Map.of(
                                "detect.forecast.threshold", "95",
                                "detect.enabled", "ewma,seasonal"));

        // Act
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(config);
            out.writeObject(DetectorConfig.defaults());
        }
        Object back;
        Object backDefaults;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
            backDefaults = in.readObject();
        }

        // Assert
        assertThat(back).isEqualTo(config);
        assertThat(backDefaults).isEqualTo(DetectorConfig.defaults());
    }
}
