package org.ralf.models.embed;

/** Arithmetic on embedding vectors shared by the template and the incident embeddings. */
public final class Vectors {

    private Vectors() {}

    /**
     * Cosine similarity of two vectors of equal length.
     *
     * @param a a vector
     * @param b a vector
     * @return the cosine, 0 when either is the zero vector
     */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "dimensions differ: " + a.length + " vs " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
