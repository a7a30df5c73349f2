package org.ralf.pipelines.logs;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.ralf.models.logs.TemplateMiner;
import org.ralf.models.logs.TokenMasker;

/**
 * The values of a template's wildcards in one of its lines, and the bounded form of a line for the
 * per-line output.
 *
 * <p>The line is normalised as the miner tokenises it (cut at the miner's line bound, runs of
 * whitespace and control characters become one space) and then aligned with the template text: the
 * constant text between two {@code <*>} is searched left to right ({@code indexOf}, no regular
 * expression, so the cost is linear in the line and there is no backtracking on hostile input), the
 * text before it is the value of the wildcard. The last constant part must end the line unless the
 * template ends with {@link TemplateMiner#TRUNCATED}. A template that does not align (it cannot
 * happen for the template a line was just assigned to, short of a miner bug) gives null. Because
 * the search takes the first occurrence, a value that itself contains the following constant text
 * is split early; the values still concatenate back to the line.
 */
public final class TemplateParameters {

    private static final String WILDCARD = TokenMasker.WILDCARD;
    private static final String CUT = " " + TemplateMiner.TRUNCATED;

    private TemplateParameters() {}

    /**
     * The wildcard values of a line.
     *
     * @param template template text as the miner returned it for the line
     * @param line the raw line
     * @param maxLineChars the miner's line bound
     * @return the values in order (empty when the template has no wildcard), or null when the line
     *     does not align with the template
     */
    @Nullable
    public static List<String> extract(String template, String line, int maxLineChars) {
        String norm = normalise(line, maxLineChars);
        String t = template;
        boolean prefixOnly = false;
        if (t.equals(TemplateMiner.TRUNCATED)) {
            return List.of();
        }
        if (t.endsWith(CUT)) {
            t = t.substring(0, t.length() - CUT.length());
            prefixOnly = true;
        }
        if (!t.contains(WILDCARD)) {
            return prefixOnly || norm.equals(t) ? List.of() : null;
        }
        List<String> values = new ArrayList<>();
        int at = t.indexOf(WILDCARD);
        String head = t.substring(0, at);
        if (!norm.startsWith(head)) {
            return null;
        }
        int pos = head.length();
        int from = at + WILDCARD.length();
        while (true) {
            int next = t.indexOf(WILDCARD, from);
            String constant = next < 0 ? t.substring(from) : t.substring(from, next);
            if (next < 0) {
                if (constant.isEmpty() && prefixOnly) {
                    // the template stops where the miner cut the line: the value is one token
                    int space = norm.indexOf(' ', pos);
                    values.add(space < 0 ? norm.substring(pos) : norm.substring(pos, space));
                } else if (constant.isEmpty()) {
                    values.add(norm.substring(pos));
                } else if (prefixOnly) {
                    int i = norm.indexOf(constant, pos);
                    if (i < 0) {
                        return null;
                    }
                    values.add(norm.substring(pos, i));
                } else {
                    int end = norm.length() - constant.length();
                    if (end < pos || !norm.endsWith(constant)) {
                        return null;
                    }
                    values.add(norm.substring(pos, end));
                }
                return values;
            }
            if (constant.isEmpty()) {
                // two adjacent wildcards: the first takes nothing, the second the rest of the run
                values.add("");
            } else {
                int i = norm.indexOf(constant, pos);
                if (i < 0) {
                    return null;
                }
                values.add(norm.substring(pos, i));
                pos = i + constant.length();
            }
            from = next + WILDCARD.length();
        }
    }

    /**
     * The line as the per-line output carries it: unchanged when it fits the bound, else cut and
     * marked with {@code " <truncated>"}, so that a record never outgrows a Kafka message.
     *
     * @param line the raw line
     * @param maxLineChars the miner's line bound
     */
    public static String bounded(String line, int maxLineChars) {
        if (line.length() <= maxLineChars) {
            return line;
        }
        int end = maxLineChars;
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--; // never split a surrogate pair: the result must stay valid UTF-16
        }
        return line.substring(0, end) + CUT;
    }

    /** Tokens as the miner separates them, joined by one space. */
    static String normalise(String line, int maxLineChars) {
        String s = line.length() > maxLineChars ? line.substring(0, maxLineChars) : line;
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int j = i;
            while (j < n && !isSpace(s.charAt(j))) {
                j++;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(s, i, j);
            i = j;
        }
        return out.toString();
    }

    private static boolean isSpace(char c) {
        // as TemplateMiner.tokenize: control characters separate tokens like whitespace does
        return c <= ' ' || Character.isWhitespace(c) || Character.isISOControl(c);
    }
}
