package org.ralf.models.embed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ralf.models.logs.TokenMasker;

/**
 * Deterministic embedding of a log template (or a raw line, masked first) into {@link #DIMENSION}
 * floats by feature hashing, for cosine nearest-neighbour search in pgvector.
 *
 * <p>Method: the text is split on whitespace; tokens are lower-cased; any token containing {@code
 * <*>} becomes the single special token {@code <*>} (so {@code blk_<*>} and {@code <*>} are the
 * same feature and variable shapes do not dominate). Features are the unigrams and the bigrams of
 * the token sequence framed by start and end markers ({@code ^ a}, {@code a b}, {@code b $}). Each
 * feature is hashed with 64-bit FNV-1a over its UTF-8 bytes (kind prefix {@code u:} or {@code b:});
 * the low bits pick the dimension, bit 63 the sign (the signed hashing trick keeps collisions
 * unbiased). Weights: unigram 1, bigram 1, the wildcard unigram 0.25 (it says little about which
 * message this is). The vector is L2-normalised; an empty text maps to the vector of the feature
 * {@code u:<empty>} so that the result is never the zero vector (cosine is undefined there).
 *
 * <p>Contract: pure function of the text, identical across JVMs, versions of this class with the
 * same {@link #VERSION}, and machines; changing any of the above requires bumping {@link #VERSION}
 * and re-embedding stored templates.
 */
public final class TemplateEmbedder {

    /** Vector dimension; equals the {@code vector(256)} column of {@code ralf.log_templates}. */
    public static final int DIMENSION = 256;

    /** Version of the embedding definition. */
    public static final int VERSION = 1;

    private static final String WILDCARD = TokenMasker.WILDCARD;
    private static final float WILDCARD_WEIGHT = 0.25f;

    private TemplateEmbedder() {}

    /**
     * Embeds a template.
     *
     * @param template template text with {@code <*>} wildcards
     * @return an L2-normalised vector of {@link #DIMENSION} floats
     */
    public static float[] embedTemplate(String template) {
        List<String> tokens = new ArrayList<>();
        for (String raw : template.strip().split("\\s+")) {
            if (raw.isEmpty()) {
                continue;
            }
            tokens.add(raw.contains(WILDCARD) ? WILDCARD : raw.toLowerCase(Locale.ROOT));
        }
        return embedTokens(tokens);
    }

    /**
     * Embeds a raw log line: its tokens are masked by {@link TokenMasker} first, so a line and the
     * template it belongs to land close together.
     *
     * @param line a raw line
     * @return an L2-normalised vector of {@link #DIMENSION} floats
     */
    public static float[] embedLine(String line) {
        StringBuilder sb = new StringBuilder(line.length());
        for (String raw : line.strip().split("\\s+")) {
            if (!raw.isEmpty()) {
                sb.append(TokenMasker.mask(raw)).append(' ');
            }
        }
        return embedTemplate(sb.toString());
    }

    private static float[] embedTokens(List<String> tokens) {
        float[] v = new float[DIMENSION];
        if (tokens.isEmpty()) {
            add(v, "u:<empty>", 1f);
        } else {
            String prev = "^";
            for (String t : tokens) {
                add(v, "u:" + t, t.equals(WILDCARD) ? WILDCARD_WEIGHT : 1f);
                add(v, "b:" + prev + " " + t, 1f);
                prev = t;
            }
            add(v, "b:" + prev + " $", 1f);
        }
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm == 0) {
            // Every feature cancelled out through signed collisions: fall back to a fixed feature.
            add(v, "u:<empty>", 1f);
            norm = 1;
        }
        float inv = (float) (1.0 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    private static void add(float[] v, String feature, float weight) {
        long h = fnv1a64(feature.getBytes(StandardCharsets.UTF_8));
        int index = (int) Long.remainderUnsigned(h, DIMENSION);
        v[index] += h < 0 ? -weight : weight;
    }

    /** 64-bit FNV-1a. */
    static long fnv1a64(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
