package org.ralf.models.logs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * The miner's merge rules, applied after a template was created or generalised: subsumption (a
 * template now covering another absorbs it), sibling families (templates differing in one plain
 * word merge once that position has shown {@link MinerConfig#wordVariableEvidence()} distinct
 * words, or when another family shares three of them). Holds the families, the evidence kept
 * between lines; the templates themselves live in the {@link TemplateRegistry}.
 */
final class TemplateMerger {

    private static final String WILDCARD = TokenMasker.WILDCARD;

    /** Words two families must share before both positions count as variables. */
    private static final int SHARED_VALUES = 3;

    private final MinerConfig config;
    private final TemplateRegistry registry;

    /** Sibling families below the evidence threshold, bounded like the templates. */
    private final LinkedHashMap<String, Family> families;

    TemplateMerger(MinerConfig config, TemplateRegistry registry) {
        this.config = config;
        this.registry = registry;
        int familyCap = config.maxTemplates();
        this.families =
                new LinkedHashMap<>() {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Family> eldest) {
                        return size() > familyCap;
                    }
                };
    }

    /** The recorded families, oldest first. */
    Collection<Family> families() {
        return families.values();
    }

    /** Adds a family read from a snapshot. */
    void restoreFamily(String[] pattern, int position, Set<String> values) {
        families.put(familyKey(pattern, position), new Family(pattern, position, values));
    }

    /**
     * Merging as evidence arrives, after {@code c} was created or generalised: templates that
     * {@code c} now covers are absorbed, and a new template whose only difference from siblings is
     * one plain word merges with them once that position has shown enough distinct words.
     */
    List<String> mergeSimilar(TemplateCluster c, LengthBucket bucket, boolean created) {
        List<String> merged = new ArrayList<>();
        TemplateCluster survivor = c;
        // Only templates with c's first token (or any, when c's first position is a variable)
        // can be covered by c.
        List<TemplateCluster> coverable =
                c.tokens.length == 0 || c.wild[0] ? bucket.all() : bucket.sameFirst(c.tokens[0]);
        // (sameFirst of a first token holding a variable is that whole second group.)
        for (TemplateCluster other : coverable) {
            if (other != survivor
                    && !other.evicted
                    && other.mergedInto == null
                    && covers(survivor, other)) {
                survivor = absorb(survivor, other, merged);
            }
        }
        if (created && survivor == c) {
            survivor = mergeSiblings(c, bucket, merged);
        }
        return merged;
    }

    private TemplateCluster mergeSiblings(
            TemplateCluster c, LengthBucket bucket, List<String> merged) {
        int n = c.tokens.length;
        if (n == 0) {
            return c;
        }
        // Siblings: same length, equal everywhere except one position where both hold words. They
        // share c's first token, unless that position is the one that differs (compound names).
        List<TemplateCluster> candidates = new ArrayList<>(bucket.sameFirst(c.tokens[0]));
        if (TokenShapes.isCompound(c.tokens[0]) && c.words[0]) {
            candidates.addAll(bucket.compoundFirst());
        }
        Map<Integer, List<TemplateCluster>> byPosition = new HashMap<>();
        for (TemplateCluster other : new LinkedHashSet<>(candidates)) {
            if (other == c) {
                continue;
            }
            int diff = -1;
            for (int i = 0; i < n; i++) {
                if (!other.tokens[i].equals(c.tokens[i])) {
                    if (diff >= 0 || !other.words[i] || !c.words[i]) {
                        diff = -2;
                        break;
                    }
                    diff = i;
                }
            }
            if (diff >= 0) {
                byPosition.computeIfAbsent(diff, k -> new ArrayList<>()).add(other);
            }
        }
        TemplateCluster survivor = c;
        for (Map.Entry<Integer, List<TemplateCluster>> e : byPosition.entrySet()) {
            List<TemplateCluster> sibs = e.getValue();
            int p = e.getKey();
            // The first token names the message (Drain's prior): a plain word there is never a
            // variable by this rule; compound names (chrome.exe, x_y) may be, when all of them are.
            if (p == 0 && !allCompoundAtStart(c, sibs)) {
                continue;
            }
            List<TemplateCluster> members = new ArrayList<>(sibs);
            members.add(c);
            Set<String> values = new HashSet<>();
            for (TemplateCluster m : members) {
                values.add(m.tokens[p]);
            }
            String key = familyKey(c.tokens, p);
            Family shared = null;
            if (values.size() < config.wordVariableEvidence()) {
                shared = sharingFamily(key, values);
                if (shared == null) {
                    families.put(key, new Family(c.tokens.clone(), p, values));
                    continue;
                }
            }
            families.remove(key);
            survivor = mergeFamily(members, p, merged);
            if (shared != null) {
                // The same words vary in another message too: they are values (user names, hosts),
                // not an enumeration that belongs to one message; that family is a variable too.
                families.remove(familyKey(shared.pattern(), shared.position()));
                List<TemplateCluster> other = familyMembers(shared);
                if (other.size() > 1) {
                    mergeFamily(other, shared.position(), merged);
                }
            }
            break;
        }
        return survivor;
    }

    /** Another recorded family sharing at least {@link #SHARED_VALUES} of these words, or null. */
    @Nullable
    private Family sharingFamily(String key, Set<String> values) {
        if (values.size() < SHARED_VALUES) {
            return null;
        }
        for (Map.Entry<String, Family> f : families.entrySet()) {
            if (f.getKey().equals(key)) {
                continue;
            }
            int common = 0;
            for (String v : f.getValue().values()) {
                if (values.contains(v)) {
                    common++;
                }
            }
            if (common >= SHARED_VALUES) {
                return f.getValue();
            }
        }
        return null;
    }

    private List<TemplateCluster> familyMembers(Family f) {
        List<TemplateCluster> out = new ArrayList<>();
        LengthBucket bucket = registry.bucket(f.pattern().length);
        for (TemplateCluster c : bucket == null ? List.<TemplateCluster>of() : bucket.all()) {
            boolean match = c.words[f.position()];
            for (int i = 0; match && i < f.pattern().length; i++) {
                match = i == f.position() || c.tokens[i].equals(f.pattern()[i]);
            }
            if (match) {
                out.add(c);
            }
        }
        return out;
    }

    private TemplateCluster mergeFamily(List<TemplateCluster> members, int p, List<String> merged) {
        TemplateCluster survivor = members.get(0);
        for (TemplateCluster m : members.subList(1, members.size())) {
            if (!m.evicted && m.mergedInto == null && survivor.mergedInto == null) {
                survivor = absorb(survivor, m, merged);
            }
        }
        String g = survivor.tokens[p];
        for (TemplateCluster m : members) {
            g = TokenShapes.generalised(g, m.tokens[p]);
        }
        survivor.set(p, TokenShapes.isWildLike(g) ? g : WILDCARD);
        survivor.text = null;
        LengthBucket bucket = registry.bucket(survivor.tokens.length);
        if (bucket != null) {
            bucket.reindex(survivor);
        }
        return survivor;
    }

    static String familyKey(String[] tokens, int p) {
        StringBuilder sb = new StringBuilder().append(tokens.length).append('/').append(p);
        for (int i = 0; i < tokens.length; i++) {
            sb.append(' ').append(i == p ? "\u0000" : tokens[i]);
        }
        return sb.toString();
    }

    /** Words seen at one position of otherwise equal templates: the evidence kept between lines. */
    record Family(String[] pattern, int position, Set<String> values) {}

    /** True when every line of {@code b}'s shape also matches {@code a}. */
    private static boolean covers(TemplateCluster a, TemplateCluster b) {
        for (int i = 0; i < a.tokens.length; i++) {
            if (!a.wild[i] && !a.tokens[i].equals(b.tokens[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Merges two templates: the older id survives with the more general tokens of both; the other
     * id redirects to it. Returns the survivor.
     */
    private TemplateCluster absorb(TemplateCluster a, TemplateCluster b, List<String> merged) {
        TemplateCluster keep = a.seq <= b.seq ? a : b;
        TemplateCluster gone = keep == a ? b : a;
        for (int i = 0; i < keep.tokens.length; i++) {
            if (!keep.tokens[i].equals(gone.tokens[i])) {
                keep.set(i, TokenShapes.generalised(keep.tokens[i], gone.tokens[i]));
            }
        }
        keep.text = null;
        keep.count += gone.count;
        if (gone.firstSeen.isBefore(keep.firstSeen)) {
            keep.firstSeen = gone.firstSeen;
        }
        if (gone.lastSeen.isAfter(keep.lastSeen)) {
            keep.lastSeen = gone.lastSeen;
        }
        gone.mergedInto = keep;
        registry.retire(gone, keep);
        merged.add(gone.id);
        return keep;
    }

    private static boolean allCompoundAtStart(TemplateCluster c, List<TemplateCluster> sibs) {
        if (!TokenShapes.isCompound(c.tokens[0])) {
            return false;
        }
        for (TemplateCluster s : sibs) {
            if (!TokenShapes.isCompound(s.tokens[0])) {
                return false;
            }
        }
        return true;
    }
}
