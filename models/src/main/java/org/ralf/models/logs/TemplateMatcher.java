package org.ralf.models.logs;

import java.util.List;
import javax.annotation.Nullable;

/**
 * The similarity rule of the miner: which of the candidate templates a tokenised line joins. Two
 * different plain words (or two different keys) at one position rule a template out; among the
 * rest, the one with the most equal constant positions wins, ties going to the more general one.
 */
final class TemplateMatcher {

    private TemplateMatcher() {}

    /**
     * The best template for a line among the candidates, or null when none is similar enough.
     *
     * @param bucket the candidates, all of the line's length
     * @param tokens the tokenised line
     * @param similarityThreshold the share of constant positions that must be equal
     */
    @Nullable
    static TemplateCluster bestMatch(
            List<TemplateCluster> bucket, String[] tokens, double similarityThreshold) {
        int n = tokens.length;
        if (n == 0) {
            return bucket.isEmpty() ? null : bucket.get(0);
        }
        boolean[] words = new boolean[n];
        for (int i = 0; i < n; i++) {
            words[i] = TokenShapes.isWord(tokens[i]);
        }
        TemplateCluster best = null;
        int bestScore = -1;
        int bestWild = -1;
        candidates:
        for (TemplateCluster c : bucket) {
            int score = 0;
            int wild = 0;
            String[] t = c.tokens;
            for (int i = 0; i < n; i++) {
                String tt = t[i];
                if (c.wild[i]) {
                    wild++;
                } else if (tt.equals(tokens[i])) {
                    score++;
                } else if ((words[i] && c.words[i]) || TokenShapes.differentKeys(tt, tokens[i])) {
                    // Two different plain words: in logs far more often two messages than one
                    // variable. Only sibling evidence (mergeSiblings) turns such a position into
                    // <*>.
                    continue candidates;
                }
            }
            // Similarity over the template's constant positions: masked variables are not
            // evidence against a match (Drain divides by all positions and so splits templates
            // with many variables).
            int constants = n - wild;
            boolean similar =
                    constants == 0
                            || (score > 0 && score >= similarityThreshold * constants - 1e-9);
            if (similar && (score > bestScore || (score == bestScore && wild > bestWild))) {
                best = c;
                bestScore = score;
                bestWild = wild;
            }
        }
        return best;
    }
}
