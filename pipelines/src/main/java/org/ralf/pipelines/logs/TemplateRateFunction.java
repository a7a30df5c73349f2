package org.ralf.pipelines.logs;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ralf.models.detect.Contribution;
import org.ralf.models.detect.DetectorState;
import org.ralf.models.detect.Score;
import org.ralf.models.detect.SeriesDetector;
import org.ralf.pipelines.types.JsonTypeInfo;
import org.ralf.schemas.Ids;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;

/**
 * Rate detection per (source, template), keyed by {@link TemplateCount#seriesKey()}: each closed
 * window's line count goes through a {@link SeriesDetector} (the detectors of the detect job, with
 * {@link LogPatternStreamSettings#RATE_DETECTOR_DEFAULTS}); windows without lines count as zero.
 *
 * <ul>
 *   <li><b>Spike</b> ({@code LOG_RATE}, detector {@value #SPIKE}): the fused score reaches {@link
 *       LogPatternStreamSettings#spikeThreshold()} and the count is above the expected range (or
 *       there is no range yet). Drops are left to the disappearance rule.
 *   <li><b>Disappearance</b> ({@code LOG_RATE}, detector {@value #DISAPPEARED}): a template that
 *       had lines in at least {@link LogPatternStreamSettings#regularWindows()} consecutive windows
 *       has an empty one. An event-time timer at the end of the window after the last non-empty one
 *       finds it; later empty windows are fed to the detector lazily when lines return (at most
 *       {@value #MAX_BACKFILL}), so a silent template costs no timers per window.
 *   <li><b>Cleanup</b>: a template without lines for {@link LogPatternStreamSettings#templateTtl()}
 *       loses its state and timers; a retired (merged) id loses them at once.
 * </ul>
 */
public final class TemplateRateFunction extends KeyedProcessFunction<String, TemplateCount, Anomaly>
        implements ResultTypeQueryable<Anomaly> {

    private static final long serialVersionUID = 1L;

    /** Detector name of rate spikes. */
    public static final String SPIKE = "log-rate-spike";

    /** Detector name of disappearances. */
    public static final String DISAPPEARED = "log-template-disappeared";

    /** Most empty windows fed to the detector when lines return after a gap. */
    static final int MAX_BACKFILL = 60;

    private final LogPatternStreamSettings options;
    private final long window;

    private transient SeriesDetector detector;
    private transient ValueState<DetectorState> detectorState;
    private transient ValueState<RateMeta> meta;

    /**
     * @param options window, thresholds, time-to-live and detector keys
     */
    public TemplateRateFunction(LogPatternStreamSettings options) {
        this.options = options;
        this.window = options.window().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        detector = new SeriesDetector(options.detectorConfig());
        detectorState =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "detector", TypeInformation.of(DetectorState.class)));
        meta =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "rate-meta", TypeInformation.of(RateMeta.class)));
    }

    @Override
    public void processElement(TemplateCount c, Context ctx, Collector<Anomaly> out)
            throws Exception {
        RateMeta m = meta.value();
        if (c.retired) {
            if (m != null) {
                clear(m, ctx);
            }
            return;
        }
        if (m == null) {
            m = new RateMeta();
            m.source = c.source;
            m.host = c.host;
            m.templateId = c.templateId;
        }
        if (m.lastWindow != Long.MIN_VALUE && c.windowStart <= m.lastWindow) {
            return; // a window is counted once; a replayed or late count changes nothing
        }
        m.template = c.template;
        DetectorState ds = detectorState.value();
        if (ds == null) {
            ds = detector.newState();
        }
        if (m.lastWindow != Long.MIN_VALUE) {
            int fed = 0;
            for (long w = m.lastWindow + window;
                    w < c.windowStart && fed < MAX_BACKFILL;
                    w += window) {
                detector.update(ds, w, 0.0);
                m.streak = 0;
                fed++;
            }
            if (c.windowStart - m.lastWindow > window) {
                m.streak = 0;
            }
        }
        Score s = detector.update(ds, c.windowStart, c.count);
        m.streak++;
        m.lastWindow = c.windowStart;
        if (s.accepted()
                && s.anomalyScore() >= options.spikeThreshold()
                && (!Double.isFinite(s.expectedHigh()) || c.count > s.expectedHigh())) {
            out.collect(spike(m, c, s));
        }
        if (m.nextCheck != 0) {
            ctx.timerService().deleteEventTimeTimer(m.nextCheck);
        }
        m.nextCheck = c.windowStart + 2 * window - 1;
        ctx.timerService().registerEventTimeTimer(m.nextCheck);
        if (m.cleanupAt != 0) {
            ctx.timerService().deleteEventTimeTimer(m.cleanupAt);
        }
        m.cleanupAt = c.windowStart + window - 1 + options.templateTtl().toMillis();
        ctx.timerService().registerEventTimeTimer(m.cleanupAt);
        detectorState.update(ds);
        meta.update(m);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Anomaly> out)
            throws Exception {
        RateMeta m = meta.value();
        if (m == null) {
            return;
        }
        if (timestamp == m.cleanupAt) {
            clear(m, ctx);
            return;
        }
        if (timestamp != m.nextCheck) {
            return;
        }
        m.nextCheck = 0;
        long w = timestamp + 1 - window;
        DetectorState ds = detectorState.value();
        if (ds != null) {
            detector.update(ds, w, 0.0);
            detectorState.update(ds);
        }
        if (m.streak >= options.regularWindows()) {
            out.collect(disappeared(m, w));
        }
        m.streak = 0;
        m.lastWindow = w;
        meta.update(m);
    }

    private void clear(RateMeta m, Context ctx) {
        if (m.nextCheck != 0) {
            ctx.timerService().deleteEventTimeTimer(m.nextCheck);
        }
        if (m.cleanupAt != 0) {
            ctx.timerService().deleteEventTimeTimer(m.cleanupAt);
        }
        meta.clear();
        detectorState.clear();
    }

    private Anomaly spike(RateMeta m, TemplateCount c, Score s) {
        Map<String, Double> contributions = new HashMap<>();
        for (Contribution k : s.contributions()) {
            if (k.share() > 0) {
                contributions.put(k.detector().key(), k.share());
            }
        }
        boolean range = Double.isFinite(s.expectedLow()) && Double.isFinite(s.expectedHigh());
        Instant start = Instant.ofEpochMilli(c.windowStart);
        Instant end = Instant.ofEpochMilli(c.windowStart + window);
        return new Anomaly(
                Anomaly.SCHEMA_VERSION,
                Ids.nameBased(SPIKE, m.source, m.templateId, Long.toString(c.windowStart)),
                m.host,
                null,
                m.templateId,
                AnomalyKind.LOG_RATE,
                SPIKE,
                Math.min(1.0, Math.max(0.0, s.anomalyScore())),
                (double) c.count,
                range ? Math.max(0.0, s.expectedLow()) : null,
                range ? Math.max(0.0, s.expectedHigh()) : null,
                contributions,
                start,
                end,
                end,
                c.count
                        + " lines in "
                        + options.window().toSeconds()
                        + " s of log template on "
                        + m.source
                        + (range
                                ? String.format(
                                        " (expected %.0f-%.0f)",
                                        Math.max(0.0, s.expectedLow()), s.expectedHigh())
                                : "")
                        + ": "
                        + TemplateMinerFunction.abbreviate(m.template),
                Map.of("source", m.source, "template", m.template));
    }

    private Anomaly disappeared(RateMeta m, long w) {
        Instant start = Instant.ofEpochMilli(w);
        Instant end = Instant.ofEpochMilli(w + window);
        double score = Math.min(1.0, 0.5 + 0.5 * m.streak / (4.0 * options.regularWindows()));
        return new Anomaly(
                Anomaly.SCHEMA_VERSION,
                Ids.nameBased(DISAPPEARED, m.source, m.templateId, Long.toString(w)),
                m.host,
                null,
                m.templateId,
                AnomalyKind.LOG_RATE,
                DISAPPEARED,
                score,
                0.0,
                null,
                null,
                Map.of(),
                start,
                end,
                end,
                "regular log message stopped on "
                        + m.source
                        + " (lines in each of the last "
                        + m.streak
                        + " windows, none in the window from "
                        + start
                        + "): "
                        + TemplateMinerFunction.abbreviate(m.template),
                Map.of("source", m.source, "template", m.template));
    }

    @Override
    public TypeInformation<Anomaly> getProducedType() {
        return JsonTypeInfo.of(Anomaly.class);
    }
}
