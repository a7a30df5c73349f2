package org.ralf.models.logs;

import java.time.Instant;
import javax.annotation.Nullable;

/**
 * Mutable state of one template (its tokens, counters and merge link); confined to the miner that
 * owns it, which is used by one thread.
 */
final class TemplateCluster {

    private static final String WILDCARD = TokenMasker.WILDCARD;

    final String id;
    final long seq;
    final String[] tokens;
    final boolean[] words;

    /** Positions that accept any token: {@code <*>}, possibly framed by punctuation. */
    final boolean[] wild;

    final String example;
    long count;
    Instant firstSeen;
    Instant lastSeen;
    boolean evicted;
    @Nullable TemplateCluster mergedInto;

    /** First-token key under which the bucket holds this template; null when variable. */
    @Nullable String indexKey;

    @Nullable String text;

    TemplateCluster(String id, String[] tokens, Instant firstSeen, String example) {
        this.id = id;
        this.seq = Long.parseLong(id.substring(id.lastIndexOf('#') + 1));
        this.tokens = tokens;
        this.words = new boolean[tokens.length];
        this.wild = new boolean[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            set(i, tokens[i]);
        }
        this.firstSeen = firstSeen;
        this.lastSeen = firstSeen;
        this.example = example;
    }

    void set(int i, String token) {
        tokens[i] = token.equals(WILDCARD) ? WILDCARD : token;
        words[i] = TokenShapes.isWord(token);
        wild[i] = TokenShapes.isWildLike(token);
        text = null;
    }

    String text() {
        String t = text;
        if (t == null) {
            t = String.join(" ", tokens);
            text = t;
        }
        return t;
    }

    LogTemplate view(String source) {
        return new LogTemplate(
                id, source, text(), tokens.length, count, firstSeen, lastSeen, example);
    }

    /** Generalises the positions where a matched line differs; true when a token changed. */
    boolean generalise(String[] line) {
        boolean changed = false;
        for (int i = 0; i < line.length; i++) {
            if (!tokens[i].equals(line[i])) {
                String g = TokenShapes.generalised(tokens[i], line[i]);
                if (!g.equals(tokens[i])) {
                    set(i, g);
                    changed = true;
                }
            }
        }
        if (changed) {
            text = null;
        }
        return changed;
    }
}
