package org.ralf.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RalfConfigTest {

    private static final ConfigOption<Double> ALPHA =
            ConfigOption.doubleOption("detect.ewma.alpha", 0.05, "EWMA smoothing", 0.0, 1.0);
    private static final ConfigOption<Duration> WINDOW =
            ConfigOption.durationOption("detect.window", Duration.ofMinutes(5), "window");

    @Test
    void shouldReadNestedKeysAndFallBackToDefaults() {
        RalfConfig config =
                RalfConfig.parse(new StringReader("detect:\n  ewma:\n    alpha: 0.2\n"), Map.of());

        assertThat(config.get(ALPHA)).isEqualTo(0.2);
        assertThat(config.get(WINDOW)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldLetTheEnvironmentOverrideTheFile() {
        RalfConfig config =
                RalfConfig.parse(
                        new StringReader("detect:\n  window: 30s\n"),
                        Map.of("RALF_DETECT_WINDOW", "2m"));

        assertThat(config.get(WINDOW)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void shouldFailFastNamingTheKeyOnInvalidValues() {
        RalfConfig outOfRange =
                RalfConfig.parse(new StringReader("detect.ewma.alpha: 3\n"), Map.of());
        RalfConfig malformed =
                RalfConfig.parse(new StringReader("detect:\n  ewma:\n    alpha: fast\n"), Map.of());

        assertThatThrownBy(() -> outOfRange.get(ALPHA))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("detect.ewma.alpha")
                .hasMessageContaining("[0.0, 1.0]");
        assertThatThrownBy(() -> malformed.get(ALPHA))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'fast'");
    }

    @Test
    void shouldRejectADocumentThatIsNotAMapping() {
        assertThatThrownBy(() -> RalfConfig.parse(new StringReader("- a\n- b\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mapping");
    }

    @Test
    void shouldReadFlattenedKeysAsIfTheyWereNested() {
        // Act
        RalfConfig config = RalfConfig.ofKeys(Map.of("detect.ewma.alpha", "0.3"));

        // Assert: typed reading, the key listing and the section view all see the key
        assertThat(config.get(ALPHA)).isEqualTo(0.3);
        assertThat(config.isSet(ALPHA)).isTrue();
        assertThat(config.isSet(WINDOW)).isFalse();
        assertThat(config.keys()).containsExactly("detect.ewma.alpha");
        assertThat(config.section("detect.ewma")).containsEntry("alpha", "0.3");
    }

    @Test
    void shouldRefuseAFlattenedKeyThatIsAlsoASection() {
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        keys.put("detect.ewma", "1");
        keys.put("detect.ewma.alpha", "0.3");

        assertThatThrownBy(() -> RalfConfig.ofKeys(keys))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("detect.ewma.alpha");
    }
}
