package org.ralf.jobs.logpatterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ralf.models.logs.SimilarTemplate;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;
import org.ralf.schemas.config.ConfigException;
import org.ralf.schemas.config.RalfConfig;

class LogPatternsSettingsTest {

    private static RalfConfig yaml(String text) {
        return RalfConfig.parse(new StringReader(text), Map.of());
    }

    @Test
    void shouldReadConnectionsOptionsAndDetectorKeysFromTheConfiguration() {
        LogPatternsSettings s =
                LogPatternsSettings.fromConfig(
                        yaml(
                                """
                                kafka:
                                  bootstrap-servers: k1:9092
                                logpatterns:
                                  window: 5m
                                  regular-windows: 4
                                  detector:
                                    ewma:
                                      alpha: 0.01
                                """));

        assertThat(s.bootstrapServers()).isEqualTo("k1:9092");
        assertThat(s.logsTopic()).isEqualTo("ralf.logs");
        assertThat(s.templatesTopic()).isEqualTo("ralf.log-templates");
        assertThat(s.templatedTopic()).isEqualTo("ralf.logs.templated");
        assertThat(s.options().window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.options().regularWindows()).isEqualTo(4);
        assertThat(s.options().detectorConfig().ewmaAlpha()).isEqualTo(0.01);
    }

    @Test
    void shouldFailFastNamingTheKeyOfAnInvalidValue() {
        assertThatThrownBy(
                        () ->
                                LogPatternsSettings.fromConfig(
                                        yaml("logpatterns:\n  spike-threshold: 3\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("logpatterns.spike-threshold");
        assertThatThrownBy(
                        () ->
                                LogPatternsSettings.fromConfig(
                                        yaml(
                                                "logpatterns:\n  detector:\n    ewma:\n      alpa: 1\n")))
                .hasMessageContaining("detect.ewma.alpa");
    }

    @Test
    void shouldNameTheNearestKnownTemplateInTheExplanation() {
        Instant t = Instant.parse("2026-11-25T22:00:00Z");
        Anomaly a =
                new Anomaly(
                        Anomaly.SCHEMA_VERSION,
                        "id",
                        "web01",
                        null,
                        "web01/nginx#3",
                        AnomalyKind.NEW_TEMPLATE,
                        "new-template",
                        0.7,
                        null,
                        null,
                        null,
                        Map.of(),
                        t,
                        t,
                        t,
                        "never-seen log template",
                        Map.of("template", "x <*>"));

        Anomaly near =
                VariantLookup.withNearest(
                        a,
                        List.of(
                                new SimilarTemplate(
                                        "web02/nginx#7", "web02/nginx", "y <*>", 42, 0.91)));
        Anomaly none = VariantLookup.withNearest(a, List.of());

        assertThat(near.explanation()).contains("web02/nginx#7", "0.91", "y <*>");
        assertThat(near.labels()).containsEntry("nearest-template-id", "web02/nginx#7");
        assertThat(none.explanation()).endsWith("no similar known template");
        assertThat(none.labels()).doesNotContainKey("nearest-template-id");
    }
}
