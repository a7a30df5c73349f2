package org.ralf.models.logs;

/**
 * The one configuration of a {@link TemplateMiner}; the same values serve every source (no
 * per-source expressions or thresholds).
 *
 * @param similarityThreshold minimum share of a line's token positions that must equal a template's
 *     constant tokens for the line to join it (Drain's {@code st}), in (0, 1]
 * @param wordVariableEvidence number of sibling templates, equal except for one position holding a
 *     different plain word each, at which that position is taken to be a variable and they merge
 * @param maxTemplates cap on live templates per miner (one miner per source); beyond it the least
 *     recently seen template is evicted
 * @param maxLineChars lines longer than this are cut and end with {@link TemplateMiner#TRUNCATED}
 * @param maxTokens lines with more tokens are cut to this many, the last being {@link
 *     TemplateMiner#TRUNCATED}
 * @param maxExampleChars example lines are stored up to this length
 */
public record MinerConfig(
        double similarityThreshold,
        int wordVariableEvidence,
        int maxTemplates,
        int maxLineChars,
        int maxTokens,
        int maxExampleChars) {

    /** The defaults used for every source and by the Loghub benchmark. */
    public static final MinerConfig DEFAULT = new MinerConfig(0.5, 5, 5_000, 16_384, 256, 1_024);

    /** Validates the ranges. */
    public MinerConfig {
        if (!(similarityThreshold > 0 && similarityThreshold <= 1)) {
            throw new IllegalArgumentException(
                    "logs.miner.similarity-threshold must be in (0,1]: " + similarityThreshold);
        }
        if (wordVariableEvidence < 2) {
            throw new IllegalArgumentException(
                    "logs.miner.word-variable-evidence must be >= 2: " + wordVariableEvidence);
        }
        if (maxTemplates < 1) {
            throw new IllegalArgumentException(
                    "logs.miner.max-templates must be >= 1: " + maxTemplates);
        }
        if (maxLineChars < 16) {
            throw new IllegalArgumentException(
                    "logs.miner.max-line-chars must be >= 16: " + maxLineChars);
        }
        if (maxTokens < 2) {
            throw new IllegalArgumentException("logs.miner.max-tokens must be >= 2: " + maxTokens);
        }
        if (maxExampleChars < 1) {
            throw new IllegalArgumentException(
                    "logs.miner.max-example-chars must be >= 1: " + maxExampleChars);
        }
    }

    /** A copy with another template cap (tests and small sources). */
    public MinerConfig withMaxTemplates(int cap) {
        return new MinerConfig(
                similarityThreshold,
                wordVariableEvidence,
                cap,
                maxLineChars,
                maxTokens,
                maxExampleChars);
    }

    /** A copy with another similarity threshold. */
    public MinerConfig withSimilarityThreshold(double st) {
        return new MinerConfig(
                st, wordVariableEvidence, maxTemplates, maxLineChars, maxTokens, maxExampleChars);
    }

    /** A copy with another word-variable evidence count. */
    public MinerConfig withWordVariableEvidence(int k) {
        return new MinerConfig(
                similarityThreshold, k, maxTemplates, maxLineChars, maxTokens, maxExampleChars);
    }
}
