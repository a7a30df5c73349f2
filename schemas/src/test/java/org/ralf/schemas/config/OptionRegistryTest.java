package org.ralf.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionRegistryTest {

    /** Options of one imaginary module. */
    public static final class DetectLike {
        public static final ConfigOption<Double> ALPHA =
                ConfigOption.doubleOption("detect.ewma.alpha", 0.1, "smoothing", 0, 1);
        public static final ConfigOption<Double> DRIFT =
                ConfigOption.doubleOption("detect.cusum.drift", 0.5, "allowance", 0, 10);
        public static final ConfigOption<String> BOOTSTRAP =
                ConnectionOptions.KAFKA_BOOTSTRAP_SERVERS;
    }

    /** A module that declares a shared key a second time. */
    public static final class Redeclares {
        public static final ConfigOption<String> BOOTSTRAP =
                ConfigOption.stringOption("kafka.bootstrap-servers", "localhost:9092", "again");
    }

    private static RalfConfig yaml(String text) {
        return RalfConfig.parse(new StringReader(text), Map.of());
    }

    private static OptionRegistry registry() {
        return OptionRegistry.of(
                List.of(ConnectionOptions.class, DetectLike.class), List.of("executor"));
    }

    @Test
    void shouldNameTheUnknownKeyAndTheNearestKnownOne() {
        // Arrange
        RalfConfig config = yaml("detect:\n  ewma:\n    alfa: 0.3\n");

        // Act / Assert
        assertThatThrownBy(() -> registry().checkKeys(config, "ralf.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "ralf.yaml: unknown key 'detect.ewma.alfa' (did you mean"
                                + " 'detect.ewma.alpha'?)");
    }

    @Test
    void shouldAcceptTypedKeysAndEverythingUnderARawSection() {
        // Arrange
        RalfConfig config =
                yaml(
                        "detect:\n  ewma: {alpha: 0.2}\n  cusum: {drift: 0.5}\n"
                                + "kafka: {bootstrap-servers: 'k1:9092'}\n"
                                + "executor:\n  ansible: {binary: ansible-playbook}\n");

        // Act / Assert: no exception
        registry().checkKeys(config, "ralf.yaml");
        assertThat(registry().isKnown("executor.ansible.binary")).isTrue();
        assertThat(registry().isKnown("executorx.id")).isFalse();
    }

    @Test
    void shouldOfferNoSuggestionForAKeyFarFromEveryKnownOne() {
        assertThat(registry().nearest("zzzz.qqqq.wwww.yyyy")).isEmpty();
    }

    @Test
    void shouldCountAConstantReferencedFromTwoClassesOnce() {
        // Act: DetectLike.BOOTSTRAP is ConnectionOptions' own constant
        OptionRegistry r = registry();

        // Assert
        assertThat(r.options())
                .filteredOn(o -> o.key().equals("kafka.bootstrap-servers"))
                .hasSize(1);
    }

    @Test
    void shouldRefuseTwoDeclarationsOfOneKey() {
        assertThatThrownBy(
                        () ->
                                OptionRegistry.of(
                                        List.of(ConnectionOptions.class, Redeclares.class),
                                        List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kafka.bootstrap-servers is declared twice");
    }
}
