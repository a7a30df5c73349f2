package org.ralf.pipelines.remediation.policy;

import java.util.regex.Pattern;

/** Entity and detector selectors: {@code *} matches any run of characters, {@code ?} one. */
public final class Glob {

    private Glob() {}

    /** Whether the value matches the glob (case-sensitive, whole string). */
    public static boolean matches(String glob, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.matches(regex.toString(), value);
    }
}
