package org.ralf.pipelines.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ralf.models.logs.MatchResult;
import org.ralf.models.logs.MinerSnapshot;
import org.ralf.models.logs.TemplateMiner;
import org.ralf.pipelines.types.JsonTypeInfo;
import org.ralf.schemas.Ids;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;
import org.ralf.schemas.log.LogTemplate;
import org.ralf.schemas.log.Severity;
import org.ralf.schemas.log.TemplatedLog;

/**
 * The keyed template miner: one {@link TemplateMiner} per source (key {@link LogLine#source}).
 * Every line gets a template id; the operator emits
 *
 * <ul>
 *   <li>a {@link LogTemplate} record (main output, for the compacted {@code ralf.log-templates} and
 *       the pgvector store) when a template is created or changes, and once per window for every
 *       template that matched lines in it: bounded, never once per line;
 *   <li>a {@link TemplateCount} per template and closed event-time window ({@link #COUNTS}), and a
 *       retired count when an id was merged into another;
 *   <li>a {@code NEW_TEMPLATE} {@link Anomaly} ({@link #NEW_TEMPLATES}) when a line creates a
 *       template, is {@link ErrorLike error-like} and the source is past its warm-up lines;
 *   <li>a {@link TemplatedLog} for every line ({@link #LINES}): the line with the id and text of
 *       the template it was assigned to and the wildcard values ({@link TemplateParameters}), for
 *       {@code ralf.logs.templated}. The id is the one the catalogue record carries; when the
 *       template is later merged into another, the old id resolves to the survivor ({@link
 *       TemplateCount#retired} and the miner's redirects), the line is not re-emitted.
 * </ul>
 *
 * <p><b>State and the miner cache.</b> The miner of a source lives in keyed state as its {@link
 * MinerSnapshot} JSON ({@code ValueState<String>}), with the source's line count and the worst
 * severity per template. Materialising a miner from JSON costs milliseconds, so materialised miners
 * are kept in a transient per-subtask cache (LRU, {@link LogPatternStreamSettings#cacheSize()}) and
 * only written back when a checkpoint is taken ({@link TemplateMinerOperator} calls {@link #flush}
 * before the keyed state is snapshotted) or when the cache evicts a miner. A checkpoint therefore
 * holds exactly the miners as of the checkpoint barrier, and a restore continues with the same ids.
 * The price: a checkpoint serialises every miner that saw a line since the last one (a source with
 * 5,000 templates is about 1 MB of JSON), and the cache costs heap beyond the state backend. Window
 * counts ({@code MapState}, {@code window|templateId -> lines}) are in state directly.
 *
 * <p><b>Cleanup.</b> Counts are removed when their window closes. When a source has no open window
 * left, an event-time timer {@link LogPatternStreamSettings#sourceTtl()} later clears its miner;
 * any new line moves that timer.
 *
 * <p>Late lines (at or behind the watermark) are mined and enriched but not counted in a window;
 * their templates' records go out with the next window that closes.
 */
public final class TemplateMinerFunction
        extends KeyedProcessFunction<String, LogLine, LogTemplate> {

    private static final long serialVersionUID = 1L;

    /** Per-template window counts. */
    public static final OutputTag<TemplateCount> COUNTS =
            new OutputTag<>("template-counts", TypeInformation.of(TemplateCount.class));

    /** {@code NEW_TEMPLATE} anomalies. */
    public static final OutputTag<Anomaly> NEW_TEMPLATES =
            new OutputTag<>("new-templates", JsonTypeInfo.of(Anomaly.class));

    /** Every line with its template id. */
    public static final OutputTag<TemplatedLog> LINES =
            new OutputTag<>("templated-lines", JsonTypeInfo.of(TemplatedLog.class));

    /** Detector name of new-template anomalies. */
    public static final String DETECTOR = "new-template";

    private static final int MAX_TEXT = 200;

    private final LogPatternStreamSettings options;
    private final long window;
    private final int maxLineChars;

    private transient ValueState<String> minerState;
    private transient MapState<String, Long> counts;
    private transient ValueState<Long> cleanupAt;
    private transient LinkedHashMap<String, Source> cache;
    private transient ObjectMapper json;
    @Nullable private transient KeyContext keys;

    /** The function; use it through {@link TemplateMinerOperator}. */
    TemplateMinerFunction(LogPatternStreamSettings options) {
        this.options = options;
        this.window = options.window().toMillis();
        this.maxLineChars = options.minerConfig().maxLineChars();
    }

    /** Lets the function write back miners of other keys than the current one. */
    void bind(KeyContext keyContext) {
        this.keys = keyContext;
    }

    @Override
    public void open(OpenContext openContext) {
        minerState =
                getRuntimeContext().getState(new ValueStateDescriptor<>("miner", Types.STRING));
        counts =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "window-counts", Types.STRING, Types.LONG));
        cleanupAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup-at", Types.LONG));
        json = new ObjectMapper();
        cache = new LinkedHashMap<>(64, 0.75f, true);
    }

    @Override
    public void processElement(LogLine line, Context ctx, Collector<LogTemplate> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        Source src = source(key, line.host);
        Instant at = Instant.ofEpochMilli(line.timestamp);
        MatchResult r = src.miner.add(line.message, at);
        src.lines++;
        src.dirty = true;
        if (line.severity >= 0) {
            src.severities.merge(r.templateId(), line.severity, Math::min);
        }
        for (String merged : r.mergedIds()) {
            Integer sev = src.severities.remove(merged);
            if (sev != null) {
                src.severities.merge(r.templateId(), sev, Math::min);
            }
            ctx.output(
                    COUNTS,
                    TemplateCount.of(
                            key,
                            src.host,
                            merged,
                            r.template(),
                            windowStart(line.timestamp),
                            0,
                            true));
        }
        if (line.timestamp > ctx.timerService().currentWatermark()) {
            long ws = windowStart(line.timestamp);
            String ck = ws + "|" + r.templateId();
            Long n = counts.get(ck);
            counts.put(ck, n == null ? 1L : n + 1);
            ctx.timerService().registerEventTimeTimer(ws + window - 1);
        } else {
            // Late: not counted, but the template's published count must not lag behind; it goes
            // out with the next window that closes.
            src.lateTouched.add(r.templateId());
            long next = windowStart(ctx.timerService().currentWatermark() + 1);
            ctx.timerService().registerEventTimeTimer(next + window - 1);
        }
        if (r.kind() != MatchResult.Kind.MATCHED) {
            out.collect(record(src, r.templateId()));
        }
        ctx.output(LINES, templated(line, r));
        if (r.kind() == MatchResult.Kind.CREATED
                && src.lines > options.newTemplateWarmupLines()
                && ErrorLike.isErrorLike(line.severity, r.template())) {
            ctx.output(NEW_TEMPLATES, newTemplate(line, r));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LogTemplate> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        Long cleanup = cleanupAt.value();
        boolean empty = counts.isEmpty();
        if (cleanup != null && cleanup == timestamp && empty) {
            minerState.clear();
            cleanupAt.clear();
            counts.clear();
            cache.remove(key);
            return;
        }
        Source src = source(key, "");
        // Close every window that ends at or before this timer; merged ids count for survivors.
        Map<Long, Map<String, Long>> closed = new HashMap<>();
        Iterator<Map.Entry<String, Long>> it = counts.iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            int bar = e.getKey().indexOf('|');
            long ws = Long.parseLong(e.getKey().substring(0, bar));
            if (ws + window - 1 <= timestamp) {
                String id = e.getKey().substring(bar + 1);
                String live = src.miner.resolve(id);
                if (live != null) {
                    closed.computeIfAbsent(ws, w -> new HashMap<>())
                            .merge(live, e.getValue(), Long::sum);
                }
                it.remove();
            }
        }
        List<String> touched = new ArrayList<>();
        for (Map.Entry<Long, Map<String, Long>> w : closed.entrySet()) {
            for (Map.Entry<String, Long> c : w.getValue().entrySet()) {
                var t = src.miner.get(c.getKey());
                if (t != null) {
                    ctx.output(
                            COUNTS,
                            TemplateCount.of(
                                    key,
                                    src.host,
                                    c.getKey(),
                                    text(t.template()),
                                    w.getKey(),
                                    c.getValue(),
                                    false));
                    if (!touched.contains(c.getKey())) {
                        touched.add(c.getKey());
                    }
                }
            }
        }
        for (String late : src.lateTouched) {
            String live = src.miner.resolve(late);
            if (live != null && !touched.contains(live)) {
                touched.add(live);
            }
        }
        src.lateTouched.clear();
        for (String id : touched) {
            out.collect(record(src, id));
        }
        if (counts.isEmpty()) {
            counts.clear(); // an emptied map may still be an entry of the state backend
            if (cleanup != null) {
                ctx.timerService().deleteEventTimeTimer(cleanup);
            }
            long next = timestamp + options.sourceTtl().toMillis();
            cleanupAt.update(next);
            ctx.timerService().registerEventTimeTimer(next);
        }
    }

    /**
     * Writes every miner changed since the last write back to keyed state. Called by {@link
     * TemplateMinerOperator} before each checkpoint, so that the checkpoint holds the miners as of
     * the barrier.
     */
    void flush() throws IOException {
        if (cache == null || cache.isEmpty()) {
            return;
        }
        KeyContext k = requireKeys();
        Object current = k.getCurrentKey();
        for (Map.Entry<String, Source> e : cache.entrySet()) {
            if (e.getValue().dirty) {
                k.setCurrentKey(e.getKey());
                minerState.update(toJson(e.getValue()));
                e.getValue().dirty = false;
            }
        }
        if (current != null) {
            k.setCurrentKey(current);
        }
    }

    /** Materialised miners (tests: the cache bound). */
    int cachedMiners() {
        return cache == null ? 0 : cache.size();
    }

    private Source source(String key, String host) throws IOException {
        Source src = cache.get(key);
        if (src != null) {
            if (src.host.isEmpty() && !host.isEmpty()) {
                src.host = host;
            }
            return src;
        }
        String stored = minerState.value();
        if (stored == null) {
            src =
                    new Source(
                            new TemplateMiner(key, options.minerConfig()),
                            host,
                            0,
                            new HashMap<>());
        } else {
            Persisted p = json.readValue(stored, Persisted.class);
            src =
                    new Source(
                            TemplateMiner.restore(p.miner(), options.minerConfig()),
                            host.isEmpty() ? p.host() : host,
                            p.lines(),
                            new HashMap<>(p.severities()));
        }
        cache.put(key, src);
        if (cache.size() > options.cacheSize()) {
            evictEldest(key);
        }
        return src;
    }

    private void evictEldest(String current) throws IOException {
        Iterator<Map.Entry<String, Source>> it = cache.entrySet().iterator();
        Map.Entry<String, Source> eldest = it.next();
        if (eldest.getKey().equals(current)) {
            return;
        }
        if (eldest.getValue().dirty) {
            KeyContext k = requireKeys();
            k.setCurrentKey(eldest.getKey());
            minerState.update(toJson(eldest.getValue()));
            k.setCurrentKey(current);
        }
        it.remove();
    }

    private KeyContext requireKeys() {
        if (keys == null) {
            throw new IllegalStateException(
                    "TemplateMinerFunction runs only inside TemplateMinerOperator");
        }
        return keys;
    }

    private String toJson(Source s) {
        try {
            return json.writeValueAsString(
                    new Persisted(s.miner.snapshot(), s.host, s.lines, s.severities));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long windowStart(long ts) {
        return Math.floorDiv(ts, window) * window;
    }

    private LogTemplate record(Source src, String id) {
        var t = src.miner.get(id);
        if (t == null) {
            throw new IllegalStateException("template " + id + " is not live");
        }
        Integer sev = src.severities.get(id);
        Instant last = t.lastSeen().isBefore(t.firstSeen()) ? t.firstSeen() : t.lastSeen();
        return new LogTemplate(
                LogTemplate.SCHEMA_VERSION,
                t.templateId(),
                t.source(),
                text(t.template()),
                t.tokenCount(),
                t.count(),
                t.firstSeen(),
                last,
                t.example().isEmpty() ? null : t.example(),
                sev == null ? null : Severity.ofCode(sev));
    }

    private TemplatedLog templated(LogLine line, MatchResult r) {
        int max = maxLineChars;
        boolean kafka = line.partition >= 0 && line.offset >= 0;
        return new TemplatedLog(
                TemplatedLog.SCHEMA_VERSION,
                Instant.ofEpochMilli(line.timestamp),
                line.host,
                line.service,
                line.severity >= 0 ? Severity.ofCode(line.severity) : Severity.UNKNOWN,
                TemplateParameters.bounded(line.message, max),
                r.templateId(),
                text(r.template()),
                TemplateParameters.extract(r.template(), line.message, max),
                kafka ? line.partition : null,
                kafka ? line.offset : null);
    }

    private static String text(String template) {
        return template.isBlank() ? "<empty>" : template;
    }

    private Anomaly newTemplate(LogLine line, MatchResult r) {
        Instant at = Instant.ofEpochMilli(line.timestamp);
        String why;
        double score;
        if (line.severity >= 0) {
            Severity sev = Severity.ofCode(line.severity);
            why = sev.name();
            score = line.severity <= Severity.CRITICAL.code() ? 0.9 : 0.7;
        } else {
            why = "error word '" + ErrorLike.errorWord(r.template()) + "'";
            score = 0.5;
        }
        Map<String, String> labels = new HashMap<>();
        labels.put("source", line.source);
        labels.put("template", text(r.template()));
        if (line.service != null) {
            labels.put("service", line.service);
        }
        return new Anomaly(
                Anomaly.SCHEMA_VERSION,
                Ids.nameBased(DETECTOR, r.templateId()),
                line.host,
                null,
                r.templateId(),
                AnomalyKind.NEW_TEMPLATE,
                DETECTOR,
                score,
                null,
                null,
                null,
                Map.of(),
                at,
                at,
                at,
                "never-seen log template ("
                        + why
                        + ") on "
                        + line.source
                        + ": "
                        + abbreviate(text(r.template())),
                labels);
    }

    static String abbreviate(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
    }

    /** A materialised miner and what goes with it. */
    private static final class Source {
        final TemplateMiner miner;
        String host;
        long lines;
        final Map<String, Integer> severities;

        /** Templates of late lines since the last window closed (transient: lost on restore). */
        final java.util.Set<String> lateTouched = new java.util.LinkedHashSet<>();

        boolean dirty;

        Source(TemplateMiner miner, String host, long lines, Map<String, Integer> severities) {
            this.miner = miner;
            this.host = host;
            this.lines = lines;
            this.severities = severities;
        }
    }

    /**
     * The keyed-state form of a source (JSON).
     *
     * @param miner the miner snapshot
     * @param host host of the source
     * @param lines lines seen
     * @param severities worst RFC 5424 severity per template id
     */
    record Persisted(
            MinerSnapshot miner, String host, long lines, Map<String, Integer> severities) {}
}
