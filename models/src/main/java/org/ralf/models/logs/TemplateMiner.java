package org.ralf.models.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Online (streaming) log template miner for one source: a Drain-style parser with shape-based
 * variable masking ({@link TokenMasker}), buckets by length and first token, plain words and keyed
 * values that never generalise on a single line, and merging of templates as evidence arrives
 * (subsumption, five distinct words at one position, words shared by two messages). The method is
 * described in {@code docs/log-patterns.md}.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #add} assigns every line (empty, binary, huge, anything) to exactly one template and
 *       never throws for any string; lines are cut to {@link MinerConfig#maxLineChars()} and {@link
 *       MinerConfig#maxTokens()}, control characters become spaces.
 *   <li>Template ids are allocated on creation ({@code source + "#" + sequence}), persisted by
 *       {@link #snapshot()} and never reused. A template may only become more general; when two
 *       templates merge the older id survives and the other resolves to it ({@link #resolve}).
 *   <li>At most {@link MinerConfig#maxTemplates()} templates are live; creating one more evicts the
 *       least recently matched template (its id is retired, not reused).
 * </ul>
 *
 * <p>Not thread-safe: one miner per source, used by one thread (a keyed operator in Flink).
 *
 * <p>This class is the facade: {@link LineTokenizer} makes the tokens, {@link TemplateMatcher}
 * picks the template a line joins, {@link TemplateMerger} merges templates as evidence arrives and
 * {@link TemplateRegistry} keeps ids, eviction order and merge redirects.
 */
public final class TemplateMiner {

    /** Token that replaces the cut-off part of a line or token list. */
    public static final String TRUNCATED = "<truncated>";

    private static final int CACHE_MAX = 50_000;

    private final String source;
    private final MinerConfig config;
    private final TemplateRegistry registry;
    private final TemplateMerger merger;

    /** Masked line to template, so repeated shapes skip the similarity search. */
    private final HashMap<String, TemplateCluster> exact = new HashMap<>();

    /**
     * Creates an empty miner.
     *
     * @param source the source name, used as the id prefix; must not contain whitespace
     * @param config the configuration
     */
    public TemplateMiner(String source, MinerConfig config) {
        this(source, config, 1);
    }

    private TemplateMiner(String source, MinerConfig config, long nextSeq) {
        if (source.isEmpty() || source.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("source must be non-empty without whitespace");
        }
        this.source = source;
        this.config = config;
        this.registry = new TemplateRegistry(source, config, nextSeq);
        this.merger = new TemplateMerger(config, registry);
    }

    /** The source this miner learns. */
    public String source() {
        return source;
    }

    /** The configuration. */
    public MinerConfig config() {
        return config;
    }

    /**
     * Learns from one line and returns the template it belongs to.
     *
     * @param line the raw line; any content is accepted
     * @param at the event time of the line
     * @return the template id, text and what changed
     */
    public MatchResult add(String line, Instant at) {
        String[] tokens = tokenize(line);
        String key = String.join(" ", tokens);
        TemplateCluster hit = registry.live(exact.get(key));
        if (hit != null) {
            registry.touch(hit, line, at);
            return new MatchResult(hit.id, hit.text(), MatchResult.Kind.MATCHED, List.of());
        }
        LengthBucket bucket = registry.bucketFor(tokens.length);
        TemplateCluster best = bestMatch(bucket.candidates(tokens), tokens);
        MatchResult.Kind kind;
        if (best == null) {
            best = registry.create(tokens, line, at);
            bucket.add(best);
            kind = MatchResult.Kind.CREATED;
        } else {
            boolean changed = best.generalise(tokens);
            bucket.reindex(best);
            registry.touch(best, line, at);
            kind = changed ? MatchResult.Kind.UPDATED : MatchResult.Kind.MATCHED;
        }
        List<String> merged =
                kind == MatchResult.Kind.MATCHED
                        ? List.of()
                        : merger.mergeSimilar(best, bucket, kind == MatchResult.Kind.CREATED);
        best = registry.live(best);
        if (best == null) {
            throw new IllegalStateException("merge lost the current template");
        }
        if (!merged.isEmpty()) {
            kind = MatchResult.Kind.UPDATED;
        }
        if (exact.size() >= CACHE_MAX) {
            exact.clear(); // a cache, not state: rebuilding it costs only similarity searches
        }
        exact.put(key, best);
        registry.evictOverCap();
        return new MatchResult(best.id, best.text(), kind, merged);
    }

    /**
     * Finds the template a line would join, without learning.
     *
     * @param line the raw line
     * @return the matching template, or null when the line would create a new one
     */
    @Nullable
    public LogTemplate match(String line) {
        String[] tokens = tokenize(line);
        TemplateCluster hit = registry.live(exact.get(String.join(" ", tokens)));
        if (hit == null) {
            LengthBucket bucket = registry.bucket(tokens.length);
            hit = bucket == null ? null : bestMatch(bucket.candidates(tokens), tokens);
        }
        return hit == null ? null : hit.view(source);
    }

    /**
     * Follows merges: the live id a (possibly merged) id now stands for.
     *
     * @param templateId an id returned earlier by this miner
     * @return the live id, or null when the template (or its survivor) was evicted
     */
    @Nullable
    public String resolve(String templateId) {
        return registry.resolve(templateId);
    }

    /**
     * Looks up a live template by id without counting it as use.
     *
     * @param templateId a live id
     * @return the template or null
     */
    @Nullable
    public LogTemplate get(String templateId) {
        TemplateCluster c = registry.peek(templateId);
        return c == null ? null : c.view(source);
    }

    /** All live templates, least recently matched first. */
    public List<LogTemplate> templates() {
        List<LogTemplate> out = new ArrayList<>(registry.size());
        for (TemplateCluster c : registry.clusters()) {
            out.add(c.view(source));
        }
        return Collections.unmodifiableList(out);
    }

    /** Number of live templates. */
    public int size() {
        return registry.size();
    }

    /**
     * A serialisable copy of the state (templates, merge map, id sequence), in eviction order.
     *
     * @return the snapshot; {@link MinerSnapshots} writes and reads it as JSON
     */
    public MinerSnapshot snapshot() {
        List<MinerSnapshot.Template> ts = new ArrayList<>(registry.size());
        for (TemplateCluster c : registry.clusters()) {
            ts.add(
                    new MinerSnapshot.Template(
                            c.id,
                            List.of(c.tokens),
                            c.count,
                            c.firstSeen.toString(),
                            c.lastSeen.toString(),
                            c.example));
        }
        List<MinerSnapshot.Family> fs = new ArrayList<>(merger.families().size());
        for (TemplateMerger.Family f : merger.families()) {
            fs.add(
                    new MinerSnapshot.Family(
                            List.of(f.pattern()),
                            f.position(),
                            f.values().stream().sorted().toList()));
        }
        return new MinerSnapshot(
                MinerSnapshot.FORMAT_VERSION,
                source,
                registry.nextSeq(),
                ts,
                new LinkedHashMap<>(registry.redirects()),
                fs);
    }

    /**
     * Rebuilds a miner from a snapshot.
     *
     * @param snapshot a snapshot taken by {@link #snapshot()}
     * @param config the configuration to continue with
     * @return a miner that assigns later lines the same ids the snapshotted miner would have
     */
    public static TemplateMiner restore(MinerSnapshot snapshot, MinerConfig config) {
        if (snapshot.version() != MinerSnapshot.FORMAT_VERSION) {
            throw new IllegalArgumentException(
                    "unsupported miner snapshot version " + snapshot.version());
        }
        TemplateMiner m = new TemplateMiner(snapshot.source(), config, snapshot.nextSeq());
        for (MinerSnapshot.Template t : snapshot.templates()) {
            TemplateCluster c =
                    new TemplateCluster(
                            t.id(),
                            t.tokens().toArray(new String[0]),
                            Instant.parse(t.firstSeen()),
                            t.example());
            c.count = t.count();
            c.lastSeen = Instant.parse(t.lastSeen());
            m.registry.restore(c);
        }
        m.registry.redirects().putAll(snapshot.redirects());
        for (MinerSnapshot.Family f : snapshot.families()) {
            String[] pattern = f.pattern().toArray(new String[0]);
            m.merger.restoreFamily(pattern, f.position(), new HashSet<>(f.values()));
        }
        m.registry.evictOverCap();
        return m;
    }

    /** Cuts, sanitises, splits on whitespace and masks a line. */
    String[] tokenize(String raw) {
        return LineTokenizer.tokenize(raw, config);
    }

    @Nullable
    private TemplateCluster bestMatch(List<TemplateCluster> bucket, String[] tokens) {
        return TemplateMatcher.bestMatch(bucket, tokens, config.similarityThreshold());
    }
}
