package org.ralf.pipelines.detect;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ralf.models.detect.Contribution;
import org.ralf.models.detect.DetectorKind;
import org.ralf.models.detect.DetectorState;
import org.ralf.models.detect.Score;
import org.ralf.models.detect.SeriesDetector;
import org.ralf.schemas.Ids;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;

/**
 * The keyed detector operator: one {@link SeriesDetector} state per series id, fed in event time.
 *
 * <p>Rules for awkward input (never a failure):
 *
 * <ul>
 *   <li>a sample behind the watermark is <em>late</em>: it goes to {@link #LATE} untouched;
 *   <li>a sample not newer than the series' last accepted sample (duplicate, or out of order within
 *       the watermark bound) is ignored and counted ({@code ignoredSamples}): the detectors need
 *       increasing time, and buffering to reorder would add the whole out-of-orderness bound to the
 *       detection latency;
 *   <li>non-finite values and far-future timestamps were dead-lettered before this operator.
 * </ul>
 *
 * <p>Counters ({@link #isCounter}) are scored by their per-second rate between consecutive samples
 * (resets count as restarts from zero); their first sample is only the baseline.
 *
 * <p>Emission: an anomaly when the fused score reaches {@code detect-job.threshold}, then nothing
 * for the same series within {@code detect-job.suppress} (event time). The detector runs with its
 * alert level at that threshold ({@link DetectStreamSettings#streamDetector()}), so its own alert
 * de-duplication starts only with a score the job emits. The anomaly id is name-based on (detector,
 * series, sample time), so a replay upserts instead of duplicating.
 *
 * <p>State cleanup: Flink's state TTL counts processing time, which would wipe state in the middle
 * of a fast replay and never in a batch backtest; instead one event-time timer per series fires
 * {@code detect-job.state-ttl} after its last sample and clears the series' state (re-armed if the
 * series spoke since). A series that disappears thus frees its state once the watermark, driven by
 * the other series, passes.
 */
public final class SeriesDetectorFunction
        extends KeyedProcessFunction<String, SeriesSample, Anomaly> {

    private static final long serialVersionUID = 1L;

    /** Name of the detector in anomalies. */
    public static final String DETECTOR = "series-detector";

    /** Samples that arrived behind the watermark. */
    public static final OutputTag<SeriesSample> LATE =
            new OutputTag<>("late-samples", TypeInformation.of(SeriesSample.class));

    private final DetectStreamSettings options;
    private transient SeriesDetector detector;
    private transient double threshold;
    private transient long suppressMillis;
    private transient long ttlMillis;
    private transient ValueState<SeriesState> state;
    private transient Counter ignored;
    private transient Counter late;

    /**
     * @param options detector configuration, suppression and TTL
     */
    public SeriesDetectorFunction(DetectStreamSettings options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext context) {
        detector = new SeriesDetector(options.streamDetector());
        threshold = options.threshold();
        suppressMillis = options.suppress().toMillis();
        ttlMillis = options.stateTtl().toMillis();
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "series", TypeInformation.of(SeriesState.class)));
        ignored = getRuntimeContext().getMetricGroup().counter("ignoredSamples");
        late = getRuntimeContext().getMetricGroup().counter("lateSamples");
    }

    @Override
    public void processElement(SeriesSample sample, Context ctx, Collector<Anomaly> out)
            throws Exception {
        long ts = sample.timestamp;
        long watermark = ctx.timerService().currentWatermark();
        if (ts < watermark) {
            late.inc();
            ctx.output(LATE, sample);
            return;
        }
        SeriesState series = state.value();
        if (series == null || series.detector == null || series.meta == null) {
            series = SeriesState.of(detector.newState());
        } else if (ts <= series.detector.lastTimestamp) {
            ignored.inc();
            return;
        }
        DetectorState s = series.detector;
        SeriesMeta m = series.meta;
        double value = sample.value;
        boolean counter = isCounter(sample.name);
        if (counter) {
            if (ts <= m.counterTs) {
                ignored.inc();
                return;
            }
            if (m.counterTs == Long.MIN_VALUE) {
                // the first sample of a counter is only its baseline
                m.counterTs = ts;
                m.counterValue = value;
                armCleanup(ctx, m, ts);
                state.update(series);
                return;
            }
            value = perSecond(m.counterValue, value, ts - m.counterTs);
            m.counterTs = ts;
            m.counterValue = sample.value;
        }
        long previous = s.count == 0 ? ts : s.lastTimestamp;
        Score score = detector.update(s, ts, value);
        armCleanup(ctx, m, ts);
        if (score.accepted()
                && score.anomalyScore() >= threshold
                && (m.lastEmit == Long.MIN_VALUE || ts - m.lastEmit >= suppressMillis)) {
            m.lastEmit = ts;
            out.collect(anomaly(sample, value, counter, previous, score));
        }
        state.update(series);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Anomaly> out)
            throws Exception {
        SeriesState series = state.value();
        if (series == null || series.detector == null || series.meta == null) {
            return;
        }
        long expiry = Math.max(series.detector.lastTimestamp, series.meta.counterTs) + ttlMillis;
        if (expiry <= timestamp) {
            state.clear();
        } else {
            series.meta.cleanupTimer = expiry;
            ctx.timerService().registerEventTimeTimer(expiry);
            state.update(series);
        }
    }

    private void armCleanup(Context ctx, SeriesMeta m, long ts) {
        if (m.cleanupTimer == Long.MIN_VALUE) {
            // One timer per series, re-armed on firing: a timer per sample would cost a timer
            // service write on the hot path.
            m.cleanupTimer = ts + ttlMillis;
            ctx.timerService().registerEventTimeTimer(m.cleanupTimer);
        }
    }

    /**
     * Whether a metric is a Prometheus counter by its name ({@code _total}; the {@code _count},
     * {@code _sum} and {@code _bucket} series of summaries and histograms): a counter only grows,
     * so its raw value says nothing; its rate does.
     */
    static boolean isCounter(String name) {
        return name.endsWith("_total")
                || name.endsWith("_count")
                || name.endsWith("_sum")
                || name.endsWith("_bucket");
    }

    /**
     * Per-second increase of a counter between two samples; a decrease is a counter reset (the
     * process restarted from zero), so the increase is the new value itself, as Prometheus's {@code
     * rate()} counts it.
     */
    static double perSecond(double before, double now, long millis) {
        double increase = now >= before ? now - before : now;
        return increase / (millis / 1000.0);
    }

    static Anomaly anomaly(
            SeriesSample sample, double value, boolean counter, long previous, Score score) {
        Map<String, Double> contributions = new LinkedHashMap<>();
        Contribution top = null;
        for (Contribution c : score.contributions()) {
            if (c.share() > 0) {
                contributions.put(c.detector().key(), c.share());
                if (top == null || c.share() > top.share()) {
                    top = c;
                }
            }
        }
        AnomalyKind kind = AnomalyKind.METRIC_OUTLIER;
        if (top != null && top.detector() == DetectorKind.CHANGE_POINT) {
            kind = AnomalyKind.LEVEL_SHIFT;
        } else if (top != null && top.detector() == DetectorKind.FORECAST) {
            kind = AnomalyKind.FORECAST_THRESHOLD;
        }
        Double low = Double.isFinite(score.expectedLow()) ? score.expectedLow() : null;
        Double high = Double.isFinite(score.expectedHigh()) ? score.expectedHigh() : null;
        if (low != null && high != null && low > high) {
            low = null;
            high = null;
        }
        double fused = Math.max(0.0, Math.min(1.0, score.anomalyScore()));
        StringBuilder why = new StringBuilder();
        why.append(counter ? "rate(" + sample.seriesId + ")" : sample.seriesId)
                .append(" = ")
                .append(fmt(value))
                .append(counter ? "/s" : "")
                .append(low != null ? ", expected " + fmt(low) + ".." + fmt(high) : "")
                .append(" (score ")
                .append(String.format(Locale.ROOT, "%.3f", fused))
                .append(top != null ? "; mostly " + top.detector().key() : "")
                .append(")");
        Instant at = Instant.ofEpochMilli(sample.timestamp);
        return new Anomaly(
                Anomaly.SCHEMA_VERSION,
                Ids.nameBased(DETECTOR, sample.seriesId, Long.toString(sample.timestamp)),
                sample.entity,
                sample.seriesId,
                null,
                kind,
                DETECTOR,
                fused,
                value,
                low,
                high,
                contributions,
                Instant.ofEpochMilli(Math.min(previous, sample.timestamp)),
                at,
                at,
                why.toString(),
                counter
                        ? Map.of("metric", sample.name, "transform", "rate")
                        : Map.of("metric", sample.name));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
