package org.ralf.models.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ralf.models.embed.Vectors;

class FingerprintEmbedderTest {

    private static IncidentFingerprint fp(
            String role, String kind, String detector, String metric) {
        return new IncidentFingerprint(
                role, List.of(kind), List.of(detector), List.of(metric), List.of());
    }

    @Test
    void shouldProduceDeterministicUnitVectorsOfTheColumnDimension() {
        float[] a = FingerprintEmbedder.embed(fp("guest", "PATTERN", "crash-loop", "restarts"));
        float[] b = FingerprintEmbedder.embed(fp("guest", "PATTERN", "crash-loop", "restarts"));
        assertThat(a).hasSize(256).containsExactly(b);
        double norm = 0;
        for (float v : a) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void shouldScoreSharedFeaturesHigherThanDisjointOnes() {
        float[] q = FingerprintEmbedder.embed(fp("guest", "PATTERN", "crash-loop", "restarts"));
        float[] near = FingerprintEmbedder.embed(fp("guest", "PATTERN", "crash-loop", "cpu"));
        float[] far = FingerprintEmbedder.embed(fp("node", "TREND", "disk-forecast", "disk_free"));
        assertThat(Vectors.cosine(q, near))
                .isGreaterThan(0.7)
                .isGreaterThan(Vectors.cosine(q, far));
        assertThat(Vectors.cosine(q, far)).isLessThan(0.3);
    }

    @Test
    void shouldIgnoreOrderAndDuplicatesOfFeatures() {
        IncidentFingerprint a =
                new IncidentFingerprint(
                        "service",
                        List.of("TREND", "PATTERN", "TREND"),
                        List.of("x"),
                        List.of(),
                        List.of());
        IncidentFingerprint b =
                new IncidentFingerprint(
                        "service", List.of("PATTERN", "TREND"), List.of("x"), List.of(), List.of());
        assertThat(FingerprintEmbedder.embed(a)).containsExactly(FingerprintEmbedder.embed(b));
    }
}
