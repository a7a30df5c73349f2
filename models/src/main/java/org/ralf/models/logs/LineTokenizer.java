package org.ralf.models.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a raw line into the miner's tokens: cut to the configured length and token count, control
 * characters as separators, every token masked ({@link TokenMasker}), units joined to their number.
 * A pure function of the line and the configuration.
 */
final class LineTokenizer {

    private static final String WILDCARD = TokenMasker.WILDCARD;

    private LineTokenizer() {}

    /** Cuts, sanitises, splits on whitespace and masks a line. */
    static String[] tokenize(String raw, MinerConfig config) {
        String line = raw;
        boolean cut = false;
        if (line.length() > config.maxLineChars()) {
            line = line.substring(0, config.maxLineChars());
            cut = true;
        }
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        int limit = config.maxTokens() - 1;
        while (i < n) {
            while (i < n && isSpace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int j = i;
            while (j < n && !isSpace(line.charAt(j))) {
                j++;
            }
            if (out.size() == limit) {
                cut = true;
                break;
            }
            String masked = TokenMasker.mask(line.substring(i, j));
            if (!out.isEmpty()
                    && TokenMasker.isUnit(masked)
                    && out.get(out.size() - 1).equals(WILDCARD)) {
                // "5.2 KB," is one size, "12 ms" one duration: the unit joins the number, its
                // trailing punctuation stays.
                char last = masked.charAt(masked.length() - 1);
                if (!Character.isLetter(last)) {
                    out.set(out.size() - 1, WILDCARD + last);
                }
                i = j;
                continue;
            }
            out.add(masked);
            i = j;
        }
        if (cut) {
            out.add(TemplateMiner.TRUNCATED);
        }
        return out.toArray(new String[0]);
    }

    private static boolean isSpace(char c) {
        // Control characters (binary garbage, NUL, ESC) separate tokens like whitespace does.
        return c <= ' ' || Character.isWhitespace(c) || Character.isISOControl(c);
    }
}
