package org.ralf.models.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TemplateEmbedderTest {

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void shouldBeDeterministicAndUnitLength() {
        // Act
        float[] a = TemplateEmbedder.embedTemplate("Received block <*> of size <*> from <*>");
        float[] b = TemplateEmbedder.embedTemplate("Received block <*> of size <*> from <*>");

        // Assert
        assertThat(a).hasSize(TemplateEmbedder.DIMENSION).containsExactly(b);
        assertThat(norm(a)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void shouldPlaceAVariantCloserThanAnUnrelatedTemplate() {
        // Arrange
        float[] known = TemplateEmbedder.embedTemplate("Received block <*> of size <*> from <*>");
        float[] variant =
                TemplateEmbedder.embedTemplate("Received block <*> of size <*> from <*> (retry)");
        float[] unrelated = TemplateEmbedder.embedTemplate("session opened for user <*> by cron");

        // Act
        double near = Vectors.cosine(known, variant);
        double far = Vectors.cosine(known, unrelated);

        // Assert
        assertThat(near).isGreaterThan(0.8);
        assertThat(far).isLessThan(0.3);
    }

    @Test
    void shouldTreatEveryWildcardShapeAsTheSameToken() {
        assertThat(TemplateEmbedder.embedTemplate("block blk_<*> deleted"))
                .containsExactly(TemplateEmbedder.embedTemplate("block <*> deleted"));
    }

    @Test
    void shouldEmbedARawLineNextToItsTemplate() {
        // Act
        double sim =
                Vectors.cosine(
                        TemplateEmbedder.embedLine(
                                "Received block blk_12 of size 64 from 10.0.0.1"),
                        TemplateEmbedder.embedTemplate("Received block <*> of size <*> from <*>"));

        // Assert
        assertThat(sim).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void shouldNeverReturnTheZeroVector() {
        assertThat(norm(TemplateEmbedder.embedTemplate(""))).isCloseTo(1.0, within(1e-6));
        assertThat(norm(TemplateEmbedder.embedTemplate("   "))).isCloseTo(1.0, within(1e-6));
    }
}
