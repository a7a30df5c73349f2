package org.ralf.models.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Online (streaming) log template miner for one source: a Drain-style parser with shape-based
 * variable masking, equal-length buckets and merging of templates as evidence arrives.
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
 */
public final class TemplateMiner {

    /** Token that replaces the cut-off part of a line or token list. */
    public static final String TRUNCATED = "<truncated>";

    private static final String WILDCARD = TokenMasker.WILDCARD;
    private static final int CACHE_MAX = 50_000;

    /** Words two families must share before both positions count as variables. */
    private static final int SHARED_VALUES = 3;

    private final String source;
    private final MinerConfig config;

    /** Live templates in access order: the first entry is the least recently matched. */
    private final LinkedHashMap<String, Cluster> byId = new LinkedHashMap<>(64, 0.75f, true);

    /** The same templates by id, for lookups that must not count as use. */
    private final HashMap<String, Cluster> index = new HashMap<>();

    private final Map<Integer, Bucket> byLength = new HashMap<>();

    /** Merged id to surviving id; bounded like the templates themselves. */
    private final LinkedHashMap<String, String> redirects;

    /** Masked line to template, so repeated shapes skip the similarity search. */
    private final HashMap<String, Cluster> exact = new HashMap<>();

    /** Sibling families below the evidence threshold, bounded like the templates. */
    private final LinkedHashMap<String, Family> families;

    private long nextSeq;

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
        this.nextSeq = nextSeq;
        int redirectCap = 4 * config.maxTemplates();
        int familyCap = config.maxTemplates();
        this.families =
                new LinkedHashMap<>() {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Family> eldest) {
                        return size() > familyCap;
                    }
                };
        this.redirects =
                new LinkedHashMap<>() {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                        return size() > redirectCap;
                    }
                };
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
        Cluster hit = live(exact.get(key));
        if (hit != null) {
            touch(hit, line, at);
            return new MatchResult(hit.id, hit.text(), MatchResult.Kind.MATCHED, List.of());
        }
        Bucket bucket = byLength.computeIfAbsent(tokens.length, n -> new Bucket());
        Cluster best = bestMatch(bucket.candidates(tokens), tokens);
        MatchResult.Kind kind;
        if (best == null) {
            best = create(tokens, line, at);
            bucket.add(best);
            kind = MatchResult.Kind.CREATED;
        } else {
            boolean changed = generalise(best, tokens);
            bucket.reindex(best);
            touch(best, line, at);
            kind = changed ? MatchResult.Kind.UPDATED : MatchResult.Kind.MATCHED;
        }
        List<String> merged =
                kind == MatchResult.Kind.MATCHED
                        ? List.of()
                        : mergeSimilar(best, bucket, kind == MatchResult.Kind.CREATED);
        best = live(best);
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
        evictOverCap();
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
        Cluster hit = live(exact.get(String.join(" ", tokens)));
        if (hit == null) {
            Bucket bucket = byLength.get(tokens.length);
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

    /**
     * Looks up a live template by id without counting it as use.
     *
     * @param templateId a live id
     * @return the template or null
     */
    @Nullable
    public LogTemplate get(String templateId) {
        // A separate index: get() on the access-ordered map would count as use and skew eviction.
        Cluster c = index.get(templateId);
        return c == null ? null : c.view(source);
    }

    /** All live templates, least recently matched first. */
    public List<LogTemplate> templates() {
        List<LogTemplate> out = new ArrayList<>(byId.size());
        for (Cluster c : byId.values()) {
            out.add(c.view(source));
        }
        return Collections.unmodifiableList(out);
    }

    /** Number of live templates. */
    public int size() {
        return byId.size();
    }

    /**
     * A serialisable copy of the state (templates, merge map, id sequence), in eviction order.
     *
     * @return the snapshot; {@link MinerSnapshots} writes and reads it as JSON
     */
    public MinerSnapshot snapshot() {
        List<MinerSnapshot.Template> ts = new ArrayList<>(byId.size());
        for (Cluster c : byId.values()) {
            ts.add(
                    new MinerSnapshot.Template(
                            c.id,
                            List.of(c.tokens),
                            c.count,
                            c.firstSeen.toString(),
                            c.lastSeen.toString(),
                            c.example));
        }
        List<MinerSnapshot.Family> fs = new ArrayList<>(families.size());
        for (Family f : families.values()) {
            fs.add(
                    new MinerSnapshot.Family(
                            List.of(f.pattern), f.position, f.values.stream().sorted().toList()));
        }
        return new MinerSnapshot(
                MinerSnapshot.FORMAT_VERSION,
                source,
                nextSeq,
                ts,
                new LinkedHashMap<>(redirects),
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
            Cluster c =
                    new Cluster(
                            t.id(),
                            t.tokens().toArray(new String[0]),
                            Instant.parse(t.firstSeen()),
                            t.example());
            c.count = t.count();
            c.lastSeen = Instant.parse(t.lastSeen());
            m.byId.put(c.id, c);
            m.index.put(c.id, c);
            m.byLength.computeIfAbsent(c.tokens.length, n -> new Bucket()).add(c);
        }
        m.redirects.putAll(snapshot.redirects());
        for (MinerSnapshot.Family f : snapshot.families()) {
            String[] pattern = f.pattern().toArray(new String[0]);
            m.families.put(
                    familyKey(pattern, f.position()),
                    new Family(pattern, f.position(), new HashSet<>(f.values())));
        }
        m.evictOverCap();
        return m;
    }

    // ---------------------------------------------------------------------------------------

    /** Cuts, sanitises, splits on whitespace and masks a line. */
    String[] tokenize(String raw) {
        String line = raw;
        boolean cut = false;
        if (line.length() > config.maxLineChars()) {
            line = line.substring(0, config.maxLineChars());
            cut = true;
        }
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        int limit = config.maxTokens() - 1;
        while (i < n) {
            while (i < n && isSpace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int j = i;
            while (j < n && !isSpace(line.charAt(j))) {
                j++;
            }
            if (out.size() == limit) {
                cut = true;
                break;
            }
            String masked = TokenMasker.mask(line.substring(i, j));
            if (!out.isEmpty()
                    && TokenMasker.isUnit(masked)
                    && out.get(out.size() - 1).equals(WILDCARD)) {
                // "5.2 KB," is one size, "12 ms" one duration: the unit joins the number, its
                // trailing punctuation stays.
                char last = masked.charAt(masked.length() - 1);
                if (!Character.isLetter(last)) {
                    out.set(out.size() - 1, WILDCARD + last);
                }
                i = j;
                continue;
            }
            out.add(masked);
            i = j;
        }
        if (cut) {
            out.add(TRUNCATED);
        }
        return out.toArray(new String[0]);
    }

    private static boolean isSpace(char c) {
        // Control characters (binary garbage, NUL, ESC) separate tokens like whitespace does.
        return c <= ' ' || Character.isWhitespace(c) || Character.isISOControl(c);
    }

    @Nullable
    private Cluster live(@Nullable Cluster c) {
        Cluster cur = c;
        while (cur != null && cur.mergedInto != null) {
            cur = cur.mergedInto;
        }
        return cur != null && !cur.evicted ? cur : null;
    }

    @Nullable
    private Cluster bestMatch(List<Cluster> bucket, String[] tokens) {
        int n = tokens.length;
        if (n == 0) {
            return bucket.isEmpty() ? null : bucket.get(0);
        }
        boolean[] words = new boolean[n];
        for (int i = 0; i < n; i++) {
            words[i] = isWord(tokens[i]);
        }
        Cluster best = null;
        int bestScore = -1;
        int bestWild = -1;
        candidates:
        for (Cluster c : bucket) {
            int score = 0;
            int wild = 0;
            String[] t = c.tokens;
            for (int i = 0; i < n; i++) {
                String tt = t[i];
                if (c.wild[i]) {
                    wild++;
                } else if (tt.equals(tokens[i])) {
                    score++;
                } else if (words[i] && c.words[i]) {
                    // Two different plain words: in logs far more often two messages than one
                    // variable. Only sibling evidence (mergeSiblings) turns such a position into
                    // <*>.
                    continue candidates;
                }
            }
            // Similarity over the template's constant positions: masked variables are not
            // evidence against a match (Drain divides by all positions and so splits templates
            // with many variables).
            int constants = n - wild;
            boolean similar =
                    constants == 0
                            || (score > 0
                                    && score >= config.similarityThreshold() * constants - 1e-9);
            if (similar && (score > bestScore || (score == bestScore && wild > bestWild))) {
                best = c;
                bestScore = score;
                bestWild = wild;
            }
        }
        return best;
    }

    private static boolean allCompoundAtStart(Cluster c, List<Cluster> sibs) {
        if (!isCompound(c.tokens[0])) {
            return false;
        }
        for (Cluster s : sibs) {
            if (!isCompound(s.tokens[0])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The most specific token covering two different tokens at one position: {@code <*>} framed by
     * the punctuation both share at their start and end ({@code "a,"} and {@code "<*>,"} give
     * {@code "<*>,"}), so that the template keeps commas and brackets as the messages have them.
     */
    static String generalised(String a, String b) {
        String la = lead(a);
        String lb = lead(b);
        int p = 0;
        while (p < la.length() && p < lb.length() && la.charAt(p) == lb.charAt(p)) {
            p++;
        }
        String ta = trail(a);
        String tb = trail(b);
        int q = 0;
        while (q < ta.length()
                && q < tb.length()
                && ta.charAt(ta.length() - 1 - q) == tb.charAt(tb.length() - 1 - q)) {
            q++;
        }
        if (p == 0 && q == 0) {
            return WILDCARD;
        }
        return la.substring(0, p) + WILDCARD + ta.substring(ta.length() - q);
    }

    private static String lead(String t) {
        int i = 0;
        while (i < t.length() && isFramePunctuation(t.charAt(i))) {
            i++;
        }
        return i == t.length() ? "" : t.substring(0, i);
    }

    private static String trail(String t) {
        int i = t.length();
        while (i > 0 && isFramePunctuation(t.charAt(i - 1))) {
            i--;
        }
        return i == 0 ? "" : t.substring(i);
    }

    private static boolean isFramePunctuation(char c) {
        return "()[]{}\"',;:.".indexOf(c) >= 0;
    }

    /** {@code <*>} alone or framed only by punctuation: a variable position. */
    static boolean isWildLike(String token) {
        int at = token.indexOf(WILDCARD);
        if (at < 0 || token.indexOf(WILDCARD, at + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (i >= at && i < at + WILDCARD.length()) {
                continue;
            }
            if (!isFramePunctuation(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A name made of parts ({@code chrome.exe}, {@code CBS_E_FOO}): inner '.' or '_'. */
    static boolean isCompound(String token) {
        for (int i = 1; i < token.length() - 1; i++) {
            char ch = token.charAt(i);
            if ((ch == '.' || ch == '_')
                    && Character.isLetterOrDigit(token.charAt(i - 1))
                    && Character.isLetterOrDigit(token.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A plain word: letters (and inner {@code _ - . '}) with optional surrounding punctuation, no
     * digit, no wildcard.
     */
    static boolean isWord(String token) {
        int a = 0;
        int b = token.length();
        while (a < b && !Character.isLetter(token.charAt(a))) {
            char ch = token.charAt(a);
            if (ch == '<' || Character.isDigit(ch)) {
                return false;
            }
            a++;
        }
        while (b > a && !Character.isLetterOrDigit(token.charAt(b - 1))) {
            if (token.charAt(b - 1) == '>') {
                return false;
            }
            b--;
        }
        if (b > a && Character.isDigit(token.charAt(b - 1))) {
            // "eth0", "alt0": a name with one trailing digit is a word too (see TokenMasker).
            if (b - a < 3 || b - a > 7 || Character.isDigit(token.charAt(b - 2))) {
                return false;
            }
            b--;
        }
        if (a == b) {
            return false;
        }
        for (int i = a; i < b; i++) {
            char ch = token.charAt(i);
            if (!Character.isLetter(ch) && ch != '_' && ch != '-' && ch != '.' && ch != '\'') {
                return false;
            }
        }
        return true;
    }

    private boolean generalise(Cluster c, String[] tokens) {
        boolean changed = false;
        for (int i = 0; i < tokens.length; i++) {
            if (!c.tokens[i].equals(tokens[i])) {
                String g = generalised(c.tokens[i], tokens[i]);
                if (!g.equals(c.tokens[i])) {
                    c.set(i, g);
                    changed = true;
                }
            }
        }
        if (changed) {
            c.text = null;
        }
        return changed;
    }

    /**
     * Merging as evidence arrives, after {@code c} was created or generalised: templates that
     * {@code c} now covers are absorbed, and a new template whose only difference from siblings is
     * one plain word merges with them once that position has shown enough distinct words.
     */
    private List<String> mergeSimilar(Cluster c, Bucket bucket, boolean created) {
        List<String> merged = new ArrayList<>();
        Cluster survivor = c;
        // Only templates with c's first token (or any, when c's first position is a variable)
        // can be covered by c.
        List<Cluster> coverable =
                c.tokens.length == 0 || c.wild[0] ? bucket.all() : bucket.sameFirst(c.tokens[0]);
        // (sameFirst of a first token holding a variable is that whole second group.)
        for (Cluster other : coverable) {
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

    private Cluster mergeSiblings(Cluster c, Bucket bucket, List<String> merged) {
        int n = c.tokens.length;
        if (n == 0) {
            return c;
        }
        // Siblings: same length, equal everywhere except one position where both hold words. They
        // share c's first token, unless that position is the one that differs (compound names).
        List<Cluster> candidates = new ArrayList<>(bucket.sameFirst(c.tokens[0]));
        if (isCompound(c.tokens[0]) && c.words[0]) {
            candidates.addAll(bucket.compoundFirst());
        }
        Map<Integer, List<Cluster>> byPosition = new HashMap<>();
        for (Cluster other : new java.util.LinkedHashSet<>(candidates)) {
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
        Cluster survivor = c;
        for (Map.Entry<Integer, List<Cluster>> e : byPosition.entrySet()) {
            List<Cluster> sibs = e.getValue();
            int p = e.getKey();
            // The first token names the message (Drain's prior): a plain word there is never a
            // variable by this rule; compound names (chrome.exe, x_y) may be, when all of them are.
            if (p == 0 && !allCompoundAtStart(c, sibs)) {
                continue;
            }
            List<Cluster> members = new ArrayList<>(sibs);
            members.add(c);
            Set<String> values = new HashSet<>();
            for (Cluster m : members) {
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
                families.remove(familyKey(shared.pattern, shared.position));
                List<Cluster> other = familyMembers(shared);
                if (other.size() > 1) {
                    mergeFamily(other, shared.position, merged);
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
            for (String v : f.getValue().values) {
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

    private List<Cluster> familyMembers(Family f) {
        List<Cluster> out = new ArrayList<>();
        Bucket bucket = byLength.get(f.pattern.length);
        for (Cluster c : bucket == null ? List.<Cluster>of() : bucket.all()) {
            boolean match = c.words[f.position];
            for (int i = 0; match && i < f.pattern.length; i++) {
                match = i == f.position || c.tokens[i].equals(f.pattern[i]);
            }
            if (match) {
                out.add(c);
            }
        }
        return out;
    }

    private Cluster mergeFamily(List<Cluster> members, int p, List<String> merged) {
        Cluster survivor = members.get(0);
        for (Cluster m : members.subList(1, members.size())) {
            if (!m.evicted && m.mergedInto == null && survivor.mergedInto == null) {
                survivor = absorb(survivor, m, merged);
            }
        }
        String g = survivor.tokens[p];
        for (Cluster m : members) {
            g = generalised(g, m.tokens[p]);
        }
        survivor.set(p, isWildLike(g) ? g : WILDCARD);
        survivor.text = null;
        Bucket bucket = byLength.get(survivor.tokens.length);
        if (bucket != null) {
            bucket.reindex(survivor);
        }
        return survivor;
    }

    private static String familyKey(String[] tokens, int p) {
        StringBuilder sb = new StringBuilder().append(tokens.length).append('/').append(p);
        for (int i = 0; i < tokens.length; i++) {
            sb.append(' ').append(i == p ? "\u0000" : tokens[i]);
        }
        return sb.toString();
    }

    /** Words seen at one position of otherwise equal templates: the evidence kept between lines. */
    private static final class Family {
        final String[] pattern;
        final int position;
        final Set<String> values;

        Family(String[] pattern, int position, Set<String> values) {
            this.pattern = pattern;
            this.position = position;
            this.values = values;
        }
    }

    /** True when every line of {@code b}'s shape also matches {@code a}. */
    private static boolean covers(Cluster a, Cluster b) {
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
    private Cluster absorb(Cluster a, Cluster b, List<String> merged) {
        Cluster keep = a.seq <= b.seq ? a : b;
        Cluster gone = keep == a ? b : a;
        for (int i = 0; i < keep.tokens.length; i++) {
            if (!keep.tokens[i].equals(gone.tokens[i])) {
                keep.set(i, generalised(keep.tokens[i], gone.tokens[i]));
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
        byId.remove(gone.id);
        index.remove(gone.id);
        Bucket bucket = byLength.get(gone.tokens.length);
        if (bucket != null) {
            bucket.remove(gone);
            bucket.reindex(keep);
        }
        redirects.put(gone.id, keep.id);
        merged.add(gone.id);
        byId.get(keep.id); // recently used
        return keep;
    }

    private Cluster create(String[] tokens, String line, Instant at) {
        String[] own = tokens.clone();
        for (int i = 0; i < own.length; i++) {
            if (own[i].equals(WILDCARD)) {
                own[i] = WILDCARD; // canonical instance: identity compare in the hot loop
            }
        }
        Cluster c = new Cluster(source + "#" + nextSeq++, own, at, example(line));
        c.count = 1;
        byId.put(c.id, c);
        index.put(c.id, c);
        return c;
    }

    private void touch(Cluster c, String line, Instant at) {
        c.count++;
        if (at.isAfter(c.lastSeen)) {
            c.lastSeen = at;
        }
        if (at.isBefore(c.firstSeen)) {
            c.firstSeen = at;
        }
        byId.get(c.id); // access order: marks the template as recently used
    }

    private String example(String line) {
        return line.length() <= config.maxExampleChars()
                ? line
                : line.substring(0, config.maxExampleChars()) + TRUNCATED;
    }

    private void evictOverCap() {
        Iterator<Cluster> it = byId.values().iterator();
        while (byId.size() > config.maxTemplates() && it.hasNext()) {
            Cluster victim = it.next();
            it.remove();
            index.remove(victim.id);
            victim.evicted = true;
            Bucket bucket = byLength.get(victim.tokens.length);
            if (bucket != null) {
                bucket.remove(victim);
                if (bucket.size() == 0) {
                    byLength.remove(victim.tokens.length);
                }
            }
        }
    }

    /**
     * The templates of one length, indexed by first token as in Drain's tree: a line is compared
     * with templates that have its first token and with those whose first token holds a variable
     * ({@code <*>}, {@code attempt_<*>}); a first token holding a variable goes to that second
     * group, as Drain sends tokens with digits to its {@code <*>} branch.
     */
    private static final class Bucket {
        private final Map<String, List<Cluster>> byFirst = new HashMap<>();
        private final List<Cluster> wildFirst = new ArrayList<>();
        private int size;

        void add(Cluster c) {
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

        void remove(Cluster c) {
            boolean removed;
            if (c.indexKey == null) {
                removed = wildFirst.remove(c);
            } else {
                List<Cluster> l = byFirst.get(c.indexKey);
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
        void reindex(Cluster c) {
            String key = c.tokens.length == 0 ? "" : c.tokens[0];
            if (variableFirst(c.tokens) ? c.indexKey != null : !key.equals(c.indexKey)) {
                remove(c);
                add(c);
            }
        }

        int size() {
            return size;
        }

        List<Cluster> candidates(String[] tokens) {
            List<Cluster> same =
                    variableFirst(tokens)
                            ? List.of()
                            : byFirst.getOrDefault(tokens.length == 0 ? "" : tokens[0], List.of());
            if (wildFirst.isEmpty()) {
                return same;
            }
            List<Cluster> out = new ArrayList<>(same.size() + wildFirst.size());
            out.addAll(same);
            out.addAll(wildFirst);
            return out;
        }

        List<Cluster> sameFirst(String first) {
            return List.copyOf(
                    first.contains(WILDCARD) ? wildFirst : byFirst.getOrDefault(first, List.of()));
        }

        List<Cluster> compoundFirst() {
            List<Cluster> out = new ArrayList<>();
            for (Map.Entry<String, List<Cluster>> e : byFirst.entrySet()) {
                if (isCompound(e.getKey())) {
                    out.addAll(e.getValue());
                }
            }
            return out;
        }

        List<Cluster> all() {
            List<Cluster> out = new ArrayList<>(size);
            for (List<Cluster> l : byFirst.values()) {
                out.addAll(l);
            }
            out.addAll(wildFirst);
            return out;
        }
    }

    private static boolean variableFirst(String[] tokens) {
        return tokens.length > 0 && tokens[0].contains(WILDCARD);
    }

    /** Mutable state of one template; confined to the miner. */
    private static final class Cluster {
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
        @Nullable Cluster mergedInto;

        /** First-token key under which the bucket holds this template; null when variable. */
        @Nullable String indexKey;

        @Nullable String text;

        Cluster(String id, String[] tokens, Instant firstSeen, String example) {
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
            words[i] = isWord(token);
            wild[i] = isWildLike(token);
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
    }
}
