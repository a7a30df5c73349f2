package org.ralf.models.logs;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The live templates of one miner and their bookkeeping: ids allocated from a sequence, the access
 * order that decides eviction, the buckets by length, and the redirects of merged ids. Matching and
 * merging decide what changes; this class keeps the indexes consistent.
 */
final class TemplateRegistry {

    private static final String WILDCARD = TokenMasker.WILDCARD;

    private final String source;
    private final MinerConfig config;

    /** Live templates in access order: the first entry is the least recently matched. */
    private final LinkedHashMap<String, TemplateCluster> byId =
            new LinkedHashMap<>(64, 0.75f, true);

    /** The same templates by id, for lookups that must not count as use. */
    private final HashMap<String, TemplateCluster> index = new HashMap<>();

    private final Map<Integer, LengthBucket> byLength = new HashMap<>();

    /** Merged id to surviving id; bounded like the templates themselves. */
    private final LinkedHashMap<String, String> redirects;

    private long nextSeq;

    TemplateRegistry(String source, MinerConfig config, long nextSeq) {
        this.source = source;
        this.config = config;
        this.nextSeq = nextSeq;
        int redirectCap = 4 * config.maxTemplates();
        this.redirects =
                new LinkedHashMap<>() {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                        return size() > redirectCap;
                    }
                };
    }

    long nextSeq() {
        return nextSeq;
    }

    int size() {
        return byId.size();
    }

    /** Live templates, least recently matched first; iterating does not count as use. */
    Collection<TemplateCluster> clusters() {
        return byId.values();
    }

    /** The merge map, oldest merge first. */
    Map<String, String> redirects() {
        return redirects;
    }

    /** The bucket of one length, or null when no live template has that length. */
    @Nullable
    LengthBucket bucket(int length) {
        return byLength.get(length);
    }

    /** The bucket of one length, created when missing. */
    LengthBucket bucketFor(int length) {
        return byLength.computeIfAbsent(length, n -> new LengthBucket());
    }

    /** A live template by id without counting it as use, or null. */
    @Nullable
    TemplateCluster peek(String templateId) {
        // A separate index: get() on the access-ordered map would count as use and skew eviction.
        return index.get(templateId);
    }

    /** The live id a (possibly merged) id now stands for, or null when it was evicted. */
    @Nullable
    String resolve(String templateId) {
        String id = templateId;
        for (int hops = 0; hops < 64; hops++) {
            if (byId.containsKey(id)) {
                return id;
            }
            String next = redirects.get(id);
            if (next == null) {
                return null;
            }
            id = next;
        }
        return null;
    }

    /** Follows merge links to the live template, or null when it (or its survivor) was evicted. */
    @Nullable
    TemplateCluster live(@Nullable TemplateCluster c) {
        TemplateCluster cur = c;
        while (cur != null && cur.mergedInto != null) {
            cur = cur.mergedInto;
        }
        return cur != null && !cur.evicted ? cur : null;
    }

    /** Registers a new template for a line (not yet in a bucket) under the next id. */
    TemplateCluster create(String[] tokens, String line, Instant at) {
        String[] own = tokens.clone();
        for (int i = 0; i < own.length; i++) {
            if (own[i].equals(WILDCARD)) {
                own[i] = WILDCARD; // canonical instance: identity compare in the hot loop
            }
        }
        TemplateCluster c = new TemplateCluster(source + "#" + nextSeq++, own, at, example(line));
        c.count = 1;
        byId.put(c.id, c);
        index.put(c.id, c);
        return c;
    }

    /** Counts one more line for a template and marks it as recently used. */
    void touch(TemplateCluster c, String line, Instant at) {
        c.count++;
        if (at.isAfter(c.lastSeen)) {
            c.lastSeen = at;
        }
        if (at.isBefore(c.firstSeen)) {
            c.firstSeen = at;
        }
        byId.get(c.id); // access order: marks the template as recently used
    }

    /**
     * Drops a template merged into {@code keep} from the indexes; its id redirects to the survivor,
     * which counts as recently used.
     */
    void retire(TemplateCluster gone, TemplateCluster keep) {
        byId.remove(gone.id);
        index.remove(gone.id);
        LengthBucket bucket = byLength.get(gone.tokens.length);
        if (bucket != null) {
            bucket.remove(gone);
            bucket.reindex(keep);
        }
        redirects.put(gone.id, keep.id);
        byId.get(keep.id); // recently used
    }

    /** Adds a template read from a snapshot, in the snapshot's (eviction) order. */
    void restore(TemplateCluster c) {
        byId.put(c.id, c);
        index.put(c.id, c);
        bucketFor(c.tokens.length).add(c);
    }

    /** Evicts the least recently matched templates while more than the cap are live. */
    void evictOverCap() {
        Iterator<TemplateCluster> it = byId.values().iterator();
        while (byId.size() > config.maxTemplates() && it.hasNext()) {
            TemplateCluster victim = it.next();
            it.remove();
            index.remove(victim.id);
            victim.evicted = true;
            LengthBucket bucket = byLength.get(victim.tokens.length);
            if (bucket != null) {
                bucket.remove(victim);
                if (bucket.size() == 0) {
                    byLength.remove(victim.tokens.length);
                }
            }
        }
    }

    private String example(String line) {
        return line.length() <= config.maxExampleChars()
                ? line
                : line.substring(0, config.maxExampleChars()) + TemplateMiner.TRUNCATED;
    }
}
