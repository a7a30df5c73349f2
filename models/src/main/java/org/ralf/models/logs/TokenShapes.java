package org.ralf.models.logs;

/**
 * Shape predicates over masked tokens that the miner's matching and merging rules share: which
 * token is a plain word, a variable, a compound name or a key, and the most specific token covering
 * two different ones. Pure static functions.
 */
final class TokenShapes {

    private static final String WILDCARD = TokenMasker.WILDCARD;

    private TokenShapes() {}

    /**
     * The most specific token covering two different tokens at one position: {@code <*>} framed by
     * the punctuation both share at their start and end ({@code "a,"} and {@code "<*>,"} give
     * {@code "<*>,"}), so that the template keeps commas and brackets as the messages have them.
     */
    static String generalised(String a, String b) {
        String la = lead(a);
        String lb = lead(b);
        int p = 0;
        while (p < la.length() && p < lb.length() && la.charAt(p) == lb.charAt(p)) {
            p++;
        }
        String ta = trail(a);
        String tb = trail(b);
        int q = 0;
        while (q < ta.length()
                && q < tb.length()
                && ta.charAt(ta.length() - 1 - q) == tb.charAt(tb.length() - 1 - q)) {
            q++;
        }
        if (p == 0 && q == 0) {
            return WILDCARD;
        }
        return la.substring(0, p) + WILDCARD + ta.substring(ta.length() - q);
    }

    private static String lead(String t) {
        int i = 0;
        while (i < t.length() && isFramePunctuation(t.charAt(i))) {
            i++;
        }
        return i == t.length() ? "" : t.substring(0, i);
    }

    private static String trail(String t) {
        int i = t.length();
        while (i > 0 && isFramePunctuation(t.charAt(i - 1))) {
            i--;
        }
        return i == 0 ? "" : t.substring(i);
    }

    private static boolean isFramePunctuation(char c) {
        return "()[]{}\"',;:.".indexOf(c) >= 0;
    }

    /** {@code <*>} alone or framed only by punctuation: a variable position. */
    static boolean isWildLike(String token) {
        int at = token.indexOf(WILDCARD);
        if (at < 0 || token.indexOf(WILDCARD, at + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (i >= at && i < at + WILDCARD.length()) {
                continue;
            }
            if (!isFramePunctuation(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Two tokens that both hold a variable but start with different words ({@code size=<*>} and
     * {@code len=<*>}, {@code dcbf....<*>} and {@code icbi....<*>}): different keys of a value, so
     * different messages, like two different plain words.
     */
    static boolean differentKeys(String a, String b) {
        if (!a.contains(WILDCARD) || !b.contains(WILDCARD)) {
            return false;
        }
        String ka = leadingWord(a);
        String kb = leadingWord(b);
        return ka.length() >= 2 && kb.length() >= 2 && !ka.equals(kb);
    }

    /**
     * The word a token starts with when it is a key ({@code size=}, {@code dcbf....}, {@code
     * LOGIN(}); empty for identifier prefixes such as {@code rdd_} or {@code node-}, which name a
     * kind of value rather than a field.
     */
    private static String leadingWord(String t) {
        int i = 0;
        while (i < t.length() && isFramePunctuation(t.charAt(i))) {
            i++;
        }
        int j = i;
        while (j < t.length() && Character.isLetter(t.charAt(j))) {
            j++;
        }
        if (j >= t.length() || "=.:([".indexOf(t.charAt(j)) < 0) {
            return "";
        }
        return t.substring(i, j);
    }

    /** A name made of parts ({@code chrome.exe}, {@code CBS_E_FOO}): inner '.' or '_'. */
    static boolean isCompound(String token) {
        for (int i = 1; i < token.length() - 1; i++) {
            char ch = token.charAt(i);
            if ((ch == '.' || ch == '_')
                    && Character.isLetterOrDigit(token.charAt(i - 1))
                    && Character.isLetterOrDigit(token.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A plain word: letters (and inner {@code _ - . '}) with optional surrounding punctuation, no
     * digit, no wildcard.
     */
    static boolean isWord(String token) {
        int a = 0;
        int b = token.length();
        while (a < b && !Character.isLetter(token.charAt(a))) {
            char ch = token.charAt(a);
            if (ch == '<' || Character.isDigit(ch)) {
                return false;
            }
            a++;
        }
        while (b > a && !Character.isLetterOrDigit(token.charAt(b - 1))) {
            if (token.charAt(b - 1) == '>') {
                return false;
            }
            b--;
        }
        if (b > a && Character.isDigit(token.charAt(b - 1))) {
            // "eth0", "alt0": a name with one trailing digit is a word too (see TokenMasker).
            if (b - a < 3 || b - a > 7 || Character.isDigit(token.charAt(b - 2))) {
                return false;
            }
            b--;
        }
        if (a == b) {
            return false;
        }
        for (int i = a; i < b; i++) {
            char ch = token.charAt(i);
            if (!Character.isLetter(ch) && ch != '_' && ch != '-' && ch != '.' && ch != '\'') {
                return false;
            }
        }
        return true;
    }
}
