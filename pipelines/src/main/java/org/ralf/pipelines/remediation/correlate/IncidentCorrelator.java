package org.ralf.pipelines.remediation.correlate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ralf.pipelines.remediation.topology.EntityLocation;
import org.ralf.pipelines.remediation.topology.LocatedAnomaly;
import org.ralf.pipelines.types.JsonTypeInfo;
import org.ralf.schemas.Ids;

/**
 * Groups anomalies into incidents per node (key: {@link EntityLocation#correlationKey()}): an
 * anomaly on the node, one of its guests or their services joins the open incident if it arrives
 * within the quiet period after the previous one; otherwise it opens a new incident. The root-cause
 * candidate is the affected entity on the lowest layer (node before guest before service; the
 * earliest on ties). When no anomaly arrived for the quiet period, the incident is CLEARED and its
 * state is deleted: exactly one processing-time timer per open incident, moved on every anomaly, so
 * state never outlives an incident.
 *
 * <p>Processing time, not event time: remediation acts in the present, and the inputs (CDC, command
 * results) are too sparse for watermarks to advance reliably.
 */
public final class IncidentCorrelator
        extends KeyedProcessFunction<String, LocatedAnomaly, IncidentSignal> {

    private static final long serialVersionUID = 1L;

    /** At most this many anomaly ids are kept per incident (the oldest are kept). */
    public static final int MAX_ANOMALY_IDS = 1000;

    private final long quietMs;
    private transient ValueState<IncidentSignal> current;

    /**
     * @param quietMs an incident clears after this long without a new anomaly; also the window in
     *     which anomalies join it
     */
    public IncidentCorrelator(long quietMs) {
        if (quietMs <= 0) {
            throw new IllegalArgumentException("quietMs must be > 0");
        }
        this.quietMs = quietMs;
    }

    @Override
    public void open(OpenContext ctx) {
        current =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "incident", JsonTypeInfo.of(IncidentSignal.class)));
    }

    @Override
    public void processElement(LocatedAnomaly in, Context ctx, Collector<IncidentSignal> out)
            throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        IncidentSignal open = current.value();
        IncidentSignal next;
        if (open == null) {
            AnomalyBrief brief = AnomalyBrief.of(in.anomaly());
            next =
                    new IncidentSignal(
                            SignalType.OPENED,
                            Ids.nameBased("incident", ctx.getCurrentKey(), brief.anomalyId()),
                            ctx.getCurrentKey(),
                            in.location(),
                            List.of(in.location()),
                            List.of(brief.anomalyId()),
                            List.of(brief),
                            in.anomaly().labels(),
                            brief.score(),
                            now,
                            now);
        } else {
            if (open.anomalyIds().contains(in.anomaly().anomalyId())) {
                return; // a replayed or duplicated anomaly changes nothing
            }
            next = join(open, in, now);
            ctx.timerService().deleteProcessingTimeTimer(open.atMs() + quietMs);
        }
        current.update(next);
        ctx.timerService().registerProcessingTimeTimer(now + quietMs);
        out.collect(next);
    }

    private static IncidentSignal join(IncidentSignal open, LocatedAnomaly in, long now) {
        List<EntityLocation> affected = new ArrayList<>(open.affected());
        if (affected.stream().noneMatch(l -> l.entity().equals(in.location().entity()))) {
            affected.add(in.location());
        }
        // lowest layer first; stable sort keeps the earliest on ties
        EntityLocation root =
                affected.stream().min(Comparator.comparingInt(EntityLocation::layer)).orElseThrow();
        List<String> ids = new ArrayList<>(open.anomalyIds());
        if (ids.size() < MAX_ANOMALY_IDS) {
            ids.add(in.anomaly().anomalyId());
        }
        List<AnomalyBrief> briefs = new ArrayList<>(open.anomalies());
        if (briefs.size() < IncidentSignal.MAX_BRIEFS) {
            briefs.add(AnomalyBrief.of(in.anomaly()));
        }
        Map<String, String> labels = new TreeMap<>(in.anomaly().labels());
        labels.putAll(open.labels());
        return new IncidentSignal(
                SignalType.UPDATED,
                open.incidentId(),
                open.correlationKey(),
                root,
                affected,
                ids,
                briefs,
                labels,
                Math.max(open.maxScore(), in.anomaly().score()),
                open.openedAtMs(),
                now);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IncidentSignal> out)
            throws Exception {
        IncidentSignal open = current.value();
        if (open == null || timestamp < open.atMs() + quietMs) {
            return;
        }
        current.clear();
        out.collect(open.as(SignalType.CLEARED, timestamp));
    }
}
