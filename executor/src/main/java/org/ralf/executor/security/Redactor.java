package org.ralf.executor.security;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Removes secrets from text that leaves the executor (result excerpts, log lines): every configured
 * secret value literally, and anything that looks like a Proxmox API token header. Excerpts are
 * redacted before they are shortened, so a secret cannot escape by being cut in two.
 */
public final class Redactor {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    private static final Pattern TOKEN_HEADER = Pattern.compile("PVEAPIToken=[^\\s\"']+");

    /**
     * Secrets shorter than this are not redacted literally: masking "a" everywhere helps nobody.
     */
    private static final int MIN_SECRET_LENGTH = 4;

    private final List<String> secrets;

    /** Creates a redactor for the given secret values. */
    public Redactor(Collection<String> secrets) {
        // Longest first, so that a secret containing another is masked whole.
        this.secrets =
                secrets.stream()
                        .filter(s -> s.length() >= MIN_SECRET_LENGTH)
                        .distinct()
                        .sorted(Comparator.comparingInt(String::length).reversed())
                        .toList();
    }

    /** The text with every secret masked; null becomes empty. */
    public String redact(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return TOKEN_HEADER.matcher(out).replaceAll("PVEAPIToken=" + MASK);
    }

    /**
     * A redacted excerpt of at most about {@code maxChars} characters: head and tail are kept,
     * because the start says what ran and the end says how it ended.
     */
    public String excerpt(@Nullable String text, int maxChars) {
        String r = redact(text);
        if (r.length() <= maxChars) {
            return r;
        }
        int half = maxChars / 2;
        int cut = r.length() - 2 * half;
        return r.substring(0, half)
                + "\n...["
                + cut
                + " characters omitted]...\n"
                + r.substring(r.length() - half);
    }
}
