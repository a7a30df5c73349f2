package org.ralf.schemas;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids: the same parts always give the same id, so a record recomputed after a replay
 * or a job restart upserts the row it produced before instead of duplicating it.
 */
public final class Ids {

    // Unit separator: cannot appear in the ordinary text parts, so ("a","bc") != ("ab","c").
    private static final char SEPARATOR = '\u001f';

    private Ids() {}

    /**
     * A name-based (version 3) UUID string over the given parts.
     *
     * @param parts non-null parts, for example detector, entity, series id and window start
     * @return a lowercase UUID string
     */
    public static String nameBased(String... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("at least one id part is required");
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) {
                throw new IllegalArgumentException("id part " + i + " is null");
            }
            if (i > 0) {
                joined.append(SEPARATOR);
            }
            joined.append(parts[i]);
        }
        return UUID.nameUUIDFromBytes(joined.toString().getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
