package org.ralf.executor.config;

import java.util.regex.Pattern;

/**
 * A glob over command targets: {@code *} matches any run of characters (including {@code /}),
 * {@code ?} exactly one; everything else is literal. Globs rather than regular expressions keep the
 * allowlist readable and free of accidental over-matching.
 */
public final class TargetPattern {

    /**
     * Characters any target may consist of. A leading letter or digit keeps a target from being
     * read as a command-line option; no commas, colons or {@code !} keeps it one Ansible host or
     * group rather than a host expression.
     */
    public static final Pattern SAFE_TARGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");

    private final String glob;
    private final Pattern regex;

    private TargetPattern(String glob, Pattern regex) {
        this.glob = glob;
        this.regex = regex;
    }

    /** Compiles a glob. */
    public static TargetPattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return new TargetPattern(glob, Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    /** Whether the whole target matches. */
    public boolean matches(String target) {
        return regex.matcher(target).matches();
    }

    @Override
    public String toString() {
        return glob;
    }
}
