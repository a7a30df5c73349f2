package org.ralf.models.incident;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns an {@link IncidentFingerprint} into a unit-length 256-dimensional vector (the {@code
 * vector(256)} column of {@code ralf.experiences}) by signed feature hashing.
 *
 * <p>Each feature string ({@link IncidentFingerprint#features()}) is hashed with 64-bit FNV-1a
 * followed by a SplitMix64 finaliser; the low bits choose the dimension, the top bit the sign, and
 * the feature's family weight is added there. The vector is then L2-normalised, so the cosine
 * similarity of two embeddings approximates the weighted overlap of their feature sets (collisions
 * are rare with the handful of features an incident has). Family weights: role 1.5 (the same
 * symptom on a node and on a service are different incidents), anomaly kind 1.0, detector/pattern
 * 1.0, metric 0.8, log template 0.8. Deterministic and stateless: the same fingerprint always gives
 * the same vector, in every JVM, so stored embeddings stay comparable across restarts and versions.
 */
public final class FingerprintEmbedder {

    /** Dimension of every embedding; equals the database column type. */
    public static final int DIMENSION = 256;

    private FingerprintEmbedder() {}

    /** The unit-length embedding of the fingerprint. */
    public static float[] embed(IncidentFingerprint fingerprint) {
        return embedFeatures(fingerprint.features());
    }

    /** The unit-length embedding of {@code family:value} feature strings. */
    public static float[] embedFeatures(List<String> features) {
        double[] acc = new double[DIMENSION];
        for (String feature : features) {
            long h = mix(fnv1a(feature));
            int index = (int) ((h & Long.MAX_VALUE) % DIMENSION);
            double sign = h < 0 ? -1.0 : 1.0;
            acc[index] += sign * weight(feature);
        }
        double norm = 0;
        for (double v : acc) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[DIMENSION];
        if (norm == 0) {
            return out;
        }
        for (int i = 0; i < DIMENSION; i++) {
            out[i] = (float) (acc[i] / norm);
        }
        return out;
    }

    private static double weight(String feature) {
        int colon = feature.indexOf(':');
        String family = colon < 0 ? "" : feature.substring(0, colon);
        return switch (family) {
            case "role" -> 1.5;
            case "kind", "detector" -> 1.0;
            case "metric", "template" -> 0.8;
            default -> 0.5;
        };
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    // SplitMix64 finaliser: spreads FNV's weak low bits before taking the modulus.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
