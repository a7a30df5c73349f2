package org.ralf.models.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The templates of one length, indexed by first token as in Drain's tree: a line is compared with
 * templates that have its first token and with those whose first token holds a variable ({@code
 * <*>}, {@code attempt_<*>}); a first token holding a variable goes to that second group, as Drain
 * sends tokens with digits to its {@code <*>} branch.
 */
final class LengthBucket {

    private static final String WILDCARD = TokenMasker.WILDCARD;

    private final Map<String, List<TemplateCluster>> byFirst = new HashMap<>();
    private final List<TemplateCluster> wildFirst = new ArrayList<>();
    private int size;

    void add(TemplateCluster c) {
        if (variableFirst(c.tokens)) {
            wildFirst.add(c);
            c.indexKey = null;
        } else {
            String key = c.tokens.length == 0 ? "" : c.tokens[0];
            byFirst.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
            c.indexKey = key;
        }
        size++;
    }

    void remove(TemplateCluster c) {
        boolean removed;
        if (c.indexKey == null) {
            removed = wildFirst.remove(c);
        } else {
            List<TemplateCluster> l = byFirst.get(c.indexKey);
            removed = l != null && l.remove(c);
            if (l != null && l.isEmpty()) {
                byFirst.remove(c.indexKey);
            }
        }
        if (removed) {
            size--;
        }
    }

    /** Moves a template whose first token changed. */
    void reindex(TemplateCluster c) {
        String key = c.tokens.length == 0 ? "" : c.tokens[0];
        if (variableFirst(c.tokens) ? c.indexKey != null : !key.equals(c.indexKey)) {
            remove(c);
            add(c);
        }
    }

    int size() {
        return size;
    }

    List<TemplateCluster> candidates(String[] tokens) {
        List<TemplateCluster> same =
                variableFirst(tokens)
                        ? List.of()
                        : byFirst.getOrDefault(tokens.length == 0 ? "" : tokens[0], List.of());
        if (wildFirst.isEmpty()) {
            return same;
        }
        List<TemplateCluster> out = new ArrayList<>(same.size() + wildFirst.size());
        out.addAll(same);
        out.addAll(wildFirst);
        return out;
    }

    List<TemplateCluster> sameFirst(String first) {
        return List.copyOf(
                first.contains(WILDCARD) ? wildFirst : byFirst.getOrDefault(first, List.of()));
    }

    List<TemplateCluster> compoundFirst() {
        List<TemplateCluster> out = new ArrayList<>();
        for (Map.Entry<String, List<TemplateCluster>> e : byFirst.entrySet()) {
            if (TokenShapes.isCompound(e.getKey())) {
                out.addAll(e.getValue());
            }
        }
        return out;
    }

    List<TemplateCluster> all() {
        List<TemplateCluster> out = new ArrayList<>(size);
        for (List<TemplateCluster> l : byFirst.values()) {
            out.addAll(l);
        }
        out.addAll(wildFirst);
        return out;
    }

    static boolean variableFirst(String[] tokens) {
        return tokens.length > 0 && tokens[0].contains(WILDCARD);
    }
}
