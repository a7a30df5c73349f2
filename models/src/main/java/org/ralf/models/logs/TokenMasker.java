package org.ralf.models.logs;

import javax.annotation.Nullable;

/**
 * Replaces the variable parts of one whitespace-free token by the wildcard {@code <*>}, judging by
 * shape only (no per-source rules).
 *
 * <p>Contract: {@link #mask(String)} is a pure function of its argument. A token is cut into
 * alphanumeric segments at every other character; a segment that contains a digit (numbers, hex,
 * IPs, MACs, UUIDs, dates, durations, sizes, versions) or is a long run of hex letters becomes
 * {@code <*>}; a minus sign directly in front of a masked number joins it. Whole tokens that are
 * URLs ({@code scheme://...}, a plain scheme is kept), absolute Unix paths with at least two
 * components or Windows drive paths become a single {@code <*>}. Wildcards joined only by {@code .}
 * or {@code :} or nothing collapse into one ({@code 10.0.0.1:8080} becomes {@code <*>}), so that
 * the result does not depend on how many dotted parts a value happens to have.
 */
public final class TokenMasker {

    /** The wildcard written in place of a variable. */
    public static final String WILDCARD = "<*>";

    private static final int MIN_HEX_LETTERS_RUN = 8;

    private TokenMasker() {}

    /**
     * Masks one token.
     *
     * @param token a non-empty token without whitespace
     * @return the token with its variable parts replaced by {@link #WILDCARD}
     */
    public static String mask(String token) {
        String whole = wholeToken(token);
        if (whole != null) {
            return whole;
        }
        if (isPlainConstant(token)) {
            // Fast path: most constant words have no digit and are short.
            return token;
        }
        return maskSegments(token);
    }

    /** A URL, path, host name, UUID/MAC or calendar word masked as a whole, else null. */
    @Nullable
    private static String wholeToken(String token) {
        int scheme = token.indexOf("://");
        if (scheme > 0) {
            // Keep a plain scheme ("hdfs://<*>"): it tells what kind of address this is.
            for (int i = 0; i < scheme; i++) {
                if (!Character.isLetter(token.charAt(i))) {
                    return WILDCARD;
                }
            }
            return token.substring(0, scheme) + "://" + WILDCARD;
        }
        String path = path(token);
        if (path != null) {
            return path;
        }
        if (isHostName(token)) {
            return WILDCARD;
        }
        String id = uuidOrMac(token);
        if (id != null) {
            return id;
        }
        return calendarWord(token);
    }

    /** No digit, and too short (or without letters) to be a hex run: nothing to mask. */
    private static boolean isPlainConstant(String token) {
        int n = token.length();
        boolean anyDigit = false;
        boolean anyLetter = false;
        for (int i = 0; i < n; i++) {
            char c = token.charAt(i);
            if (c >= '0' && c <= '9') {
                anyDigit = true;
                break;
            }
            if (Character.isLetter(c)) {
                anyLetter = true;
            }
        }
        return !anyDigit && (!anyLetter || n < MIN_HEX_LETTERS_RUN);
    }

    /** Cuts a token into alphanumeric segments and masks the variable ones. */
    private static String maskSegments(String token) {
        int n = token.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        boolean lastWasWildcard = false;
        int sepStart = -1; // start in out of separators written after the last wildcard
        while (i < n) {
            char c = token.charAt(i);
            if (isAlnum(c)) {
                int j = i;
                boolean digit = false;
                boolean allHex = true;
                while (j < n && isAlnum(token.charAt(j))) {
                    char d = token.charAt(j);
                    if (d >= '0' && d <= '9') {
                        digit = true;
                    } else if (!isHexLetter(d)) {
                        allHex = false;
                    }
                    j++;
                }
                boolean variable =
                        (digit && !isNamedIdentifier(token, i, j))
                                || (allHex && j - i >= MIN_HEX_LETTERS_RUN);
                if (variable) {
                    // A sign directly before a number belongs to it unless it joins two words.
                    if (out.length() > 0
                            && out.charAt(out.length() - 1) == '-'
                            && signPosition(token, i)) {
                        out.setLength(out.length() - 1);
                    }
                    if (lastWasWildcard && collapsible(out, sepStart)) {
                        out.setLength(sepStart); // "<*>.<*>" and "<*>:<*>" become one wildcard
                    } else {
                        out.append(WILDCARD);
                    }
                    lastWasWildcard = true;
                    sepStart = out.length();
                } else {
                    out.append(token, i, j);
                    lastWasWildcard = false;
                    sepStart = -1;
                }
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** True when separators written since {@code sepStart} are only '.' or ':' (or nothing). */
    private static boolean collapsible(StringBuilder out, int sepStart) {
        for (int k = sepStart; k < out.length(); k++) {
            char c = out.charAt(k);
            if (c != '.' && c != ':') {
                return false;
            }
        }
        return true;
    }

    /** The '-' at index i-1 is a sign when nothing alphanumeric precedes it. */
    private static boolean signPosition(String token, int i) {
        int minus = i - 1;
        return minus == 0 || !isAlnum(token.charAt(minus - 1)) || token.charAt(minus - 1) == '_';
    }

    private static final java.util.Set<String> CALENDAR =
            java.util.Set.of(
                    "Mon",
                    "Tue",
                    "Wed",
                    "Thu",
                    "Fri",
                    "Sat",
                    "Sun",
                    "Monday",
                    "Tuesday",
                    "Wednesday",
                    "Thursday",
                    "Friday",
                    "Saturday",
                    "Sunday",
                    "Jan",
                    "Feb",
                    "Mar",
                    "Apr",
                    "May",
                    "Jun",
                    "Jul",
                    "Aug",
                    "Sep",
                    "Sept",
                    "Oct",
                    "Nov",
                    "Dec",
                    "January",
                    "February",
                    "March",
                    "April",
                    "June",
                    "July",
                    "August",
                    "September",
                    "October",
                    "November",
                    "December");

    /**
     * Capitalised English day and month names are date parts: masked, keeping surrounding
     * punctuation ("[Sun" becomes "[<*>"). Returns null when the token is not one.
     */
    @Nullable
    private static String calendarWord(String token) {
        int a = 0;
        int b = token.length();
        while (a < b && !Character.isLetter(token.charAt(a))) {
            a++;
        }
        while (b > a && !Character.isLetter(token.charAt(b - 1))) {
            b--;
        }
        if (b - a < 3 || b - a > 9 || !Character.isUpperCase(token.charAt(a))) {
            return null;
        }
        String word = token.substring(a, b);
        if (!CALENDAR.contains(word)) {
            return null;
        }
        return token.substring(0, a) + WILDCARD + token.substring(b);
    }

    /**
     * UUIDs (8-4-4-4-12 hex) and MAC addresses (six hex pairs) become one wildcard, keeping
     * surrounding punctuation; null when the token is neither.
     */
    @Nullable
    private static String uuidOrMac(String token) {
        int a = 0;
        int b = token.length();
        while (a < b && !isHexChar(token.charAt(a))) {
            a++;
        }
        while (b > a && !isHexChar(token.charAt(b - 1))) {
            b--;
        }
        int len = b - a;
        if (len == 36) {
            for (int i = 0; i < 36; i++) {
                char c = token.charAt(a + i);
                boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
                if (dash ? c != '-' : !isHexChar(c)) {
                    return null;
                }
            }
            return token.substring(0, a) + WILDCARD + token.substring(b);
        }
        if (len == 17) {
            char sep = token.charAt(a + 2);
            if (sep != ':' && sep != '-') {
                return null;
            }
            for (int i = 0; i < 17; i++) {
                char c = token.charAt(a + i);
                if (i % 3 == 2 ? c != sep : !isHexChar(c)) {
                    return null;
                }
            }
            return token.substring(0, a) + WILDCARD + token.substring(b);
        }
        return null;
    }

    private static boolean isHexChar(char c) {
        return (c >= '0' && c <= '9') || isHexLetter(c);
    }

    private static final java.util.Set<String> UNITS =
            java.util.Set.of(
                    "B", "KB", "MB", "GB", "TB", "PB", "kB", "KiB", "MiB", "GiB", "TiB", "ns", "us",
                    "\u00b5s", "ms");

    /**
     * True for a size or duration unit written as its own token after a number ({@code 5.2 KB},
     * {@code 12 ms}); such a unit is folded into the number's wildcard.
     *
     * @param token a token
     * @return whether it is a unit abbreviation
     */
    public static boolean isUnit(String token) {
        String t =
                token.endsWith(",") || token.endsWith(")") || token.endsWith(";")
                        ? token.substring(0, token.length() - 1)
                        : token;
        return UNITS.contains(t);
    }

    private static final java.util.Set<String> REVERSED_DOMAIN_ROOTS =
            java.util.Set.of("org", "com", "net", "io", "edu", "java", "javax", "sun", "jdk");

    /**
     * A fully qualified host name (at least three labels, the last one a known top-level domain, an
     * optional {@code :port}, optional surrounding brackets). Java class and package names are
     * excluded because they start with a reversed domain ({@code org.apache...}).
     */
    private static boolean isHostName(String token) {
        int dotCount = 0;
        for (int i = 0; i < token.length() && dotCount < 2; i++) {
            if (token.charAt(i) == '.') {
                dotCount++;
            }
        }
        if (dotCount < 2) {
            return false; // most tokens: no need for the full check
        }
        int a = 0;
        int b = token.length();
        while (a < b && "([<'\"".indexOf(token.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && ")]>'\",;".indexOf(token.charAt(b - 1)) >= 0) {
            b--;
        }
        int colon = token.lastIndexOf(':', b - 1);
        if (colon > a) {
            for (int i = colon + 1; i < b; i++) {
                if (!Character.isDigit(token.charAt(i))) {
                    return false;
                }
            }
            b = colon;
        }
        int dots = 0;
        int labelStart = a;
        String firstLabel = null;
        for (int i = a; i <= b; i++) {
            char c = i < b ? token.charAt(i) : '.';
            if (c == '.') {
                if (i == labelStart) {
                    return false;
                }
                if (firstLabel == null) {
                    firstLabel = token.substring(labelStart, i);
                }
                if (i < b) {
                    dots++;
                }
                labelStart = i + 1;
            } else if (!((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-')) {
                return false;
            }
        }
        if (dots < 2 || REVERSED_DOMAIN_ROOTS.contains(firstLabel)) {
            return false;
        }
        int lastDot = token.lastIndexOf('.', b - 1);
        return TLDS.contains(token.substring(lastDot + 1, b));
    }

    /**
     * Common top-level domains and private suffixes; a closed list because dotted configuration
     * keys ({@code mapred.task.id}) end in words that are also country codes.
     */
    private static final java.util.Set<String> TLDS =
            java.util.Set.of(
                    "com",
                    "net",
                    "org",
                    "edu",
                    "gov",
                    "mil",
                    "int",
                    "info",
                    "biz",
                    "io",
                    "arpa",
                    "local",
                    "lan",
                    "home",
                    "internal",
                    "localdomain",
                    "corp",
                    "uk",
                    "de",
                    "fr",
                    "nl",
                    "it",
                    "es",
                    "ch",
                    "at",
                    "be",
                    "se",
                    "no",
                    "dk",
                    "fi",
                    "pl",
                    "cz",
                    "ru",
                    "jp",
                    "cn",
                    "hk",
                    "tw",
                    "kr",
                    "in",
                    "au",
                    "nz",
                    "ca",
                    "us",
                    "br",
                    "mx");

    /**
     * Absolute Unix paths with at least two components and Windows drive paths become one wildcard,
     * keeping surrounding brackets and quotes; null when the token is not a path.
     */
    @Nullable
    private static String path(String token) {
        int a = 0;
        int b = token.length();
        while (a < b && "([\"'".indexOf(token.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && ")]\"',;:".indexOf(token.charAt(b - 1)) >= 0) {
            b--;
        }
        int n = b - a;
        if (n >= 3
                && Character.isLetter(token.charAt(a))
                && token.charAt(a + 1) == ':'
                && token.charAt(a + 2) == '\\') {
            return token.substring(0, a) + WILDCARD + token.substring(b);
        }
        if (n < 3 || token.charAt(a) != '/' || token.charAt(a + 1) == '/') {
            return null;
        }
        int slashes = 0;
        for (int i = a; i < b; i++) {
            char c = token.charAt(i);
            if (c == '/') {
                slashes++;
            } else if (c == ':' || c == '<' || c == '>') {
                return null; // "/10.0.0.1:80" is an address, not a path
            }
        }
        return slashes >= 2 ? token.substring(0, a) + WILDCARD + token.substring(b) : null;
    }

    /**
     * A short name ending in one digit ({@code jk2}, {@code eth0}, {@code ipv4}, {@code sha1}) is
     * kept as written: such names are part of the message far more often than values.
     */
    private static boolean isNamedIdentifier(String token, int from, int to) {
        int letters = to - from - 1;
        if (letters < 2 || letters > 6) {
            return false;
        }
        for (int i = from; i < to - 1; i++) {
            if (!Character.isLetter(token.charAt(i))) {
                return false;
            }
        }
        return Character.isDigit(token.charAt(to - 1));
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || (c > 127 && Character.isLetterOrDigit(c));
    }

    private static boolean isHexLetter(char c) {
        return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
