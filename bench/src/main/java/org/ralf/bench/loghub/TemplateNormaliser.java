package org.ralf.bench.loghub;

import java.util.Locale;
import java.util.Set;

/**
 * Canonical form of a template for parsing accuracy, following the template-correction rules that
 * Loghub-2.0 adopted from Khan et al. (ICSE 2022, "Guidelines for assessing the accuracy of log
 * message template identification techniques"): double spaces (DS), path-like strings (PS),
 * booleans and default user strings (BL, US), digit-only tokens (DG), words concatenated with a
 * variable (WV), dot-separated variables (DV), consecutive variables (CV), and {@code #<*>#},
 * {@code <*>:<*>}.
 *
 * <p>Contract: pure function; applied to both the parsed and the ground-truth template before they
 * are compared, so that PA measures template identification, not formatting conventions.
 */
public final class TemplateNormaliser {

    private static final String W = "<*>";
    private static final String PATH_DELIMS = ",!;:=|\"'[](){}";
    private static final String TOKEN_DELIMS = PATH_DELIMS + ".-+@#$%&";
    private static final Set<String> USER_STRINGS =
            Set.of("true", "false", "null", "root", "admin");

    private TemplateNormaliser() {}

    /**
     * Normalises one template.
     *
     * @param template a template with {@code <*>} wildcards
     * @return its canonical form
     */
    public static String normalise(String template) {
        String t = template.strip().replaceAll("\\s+", " ");
        t = rewrite(t, PATH_DELIMS, true);
        t = rewrite(t, TOKEN_DELIMS, false);
        t = repeat(t, "<*>.<*>", W);
        t = repeat(t, "<*><*>", W);
        t = repeat(t, "#<*>#", W);
        t = repeat(t, "<*>:<*>", W);
        return t;
    }

    private static String rewrite(String t, String delims, boolean pathsOnly) {
        StringBuilder out = new StringBuilder(t.length());
        int i = 0;
        int n = t.length();
        while (i < n) {
            char c = t.charAt(i);
            if (c == ' ' || delims.indexOf(c) >= 0) {
                out.append(c);
                i++;
                continue;
            }
            int j = i;
            while (j < n && t.charAt(j) != ' ' && delims.indexOf(t.charAt(j)) < 0) {
                j++;
            }
            String token = t.substring(i, j);
            out.append(pathsOnly ? pathRule(token) : tokenRules(token));
            i = j;
        }
        return out.toString();
    }

    /** PS: {@code ^(/[^/]+)+$}. */
    private static String pathRule(String token) {
        if (token.length() < 2 || token.charAt(0) != '/' || token.endsWith("/")) {
            return token;
        }
        return token.contains("//") ? token : W;
    }

    private static String tokenRules(String token) {
        if (USER_STRINGS.contains(token.toLowerCase(Locale.ROOT))) {
            return W; // BL, US
        }
        if (token.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return W; // DG
        }
        if (token.contains(W) && token.indexOf('/') < 0) {
            return W; // WV
        }
        return token;
    }

    private static String repeat(String t, String from, String to) {
        String prev;
        String cur = t;
        do {
            prev = cur;
            cur = cur.replace(from, to);
        } while (!cur.equals(prev));
        return cur;
    }
}
