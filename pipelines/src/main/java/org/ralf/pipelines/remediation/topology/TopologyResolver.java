package org.ralf.pipelines.remediation.topology;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.ralf.pipelines.types.JsonTypeInfo;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.cdc.CdcEnvelope;

/**
 * Locates each anomaly's entity in the topology broadcast from the inventory CDC streams. The
 * topology is small (one row per node, guest, service) and needed by every parallel instance, so
 * broadcast state fits; it is checkpointed with the job.
 *
 * <p>Keyed by entity. An anomaly whose entity is not in the topology (yet: at start-up the
 * anomalies backlog and the inventory CDC snapshot are read concurrently, and a new guest's row may
 * trail its first anomaly) is held in keyed state for at most {@code holdMs}: when an inventory
 * change makes the entity locatable, every held anomaly of it is released located, in arrival
 * order; otherwise one processing-time timer per burst releases them as {@code unknown}. Held
 * anomalies are bounded ({@link #MAX_HELD} per entity: beyond it the burst is released as unknown)
 * and the state is cleared on every release, so it never outlives the hold. The cost is that an
 * entity that is genuinely never in the inventory is correlated up to {@code holdMs} late.
 */
public final class TopologyResolver
        extends KeyedBroadcastProcessFunction<String, Anomaly, CdcEnvelope, LocatedAnomaly> {

    private static final long serialVersionUID = 1L;

    /** At most this many anomalies are held per entity. */
    public static final int MAX_HELD = 100;

    /** The broadcast state: topology keys to rows. */
    public static final MapStateDescriptor<String, TopoEntry> TOPOLOGY =
            new MapStateDescriptor<>("topology", Types.STRING, JsonTypeInfo.of(TopoEntry.class));

    /** Keyed state: anomalies of the key's entity waiting for the inventory. */
    static final ListStateDescriptor<Anomaly> HELD =
            new ListStateDescriptor<>("held-anomalies", JsonTypeInfo.of(Anomaly.class));

    private final long holdMs;
    private transient ListState<Anomaly> held;

    /**
     * @param holdMs how long an anomaly on an entity missing from the topology waits for it (0:
     *     never held)
     */
    public TopologyResolver(long holdMs) {
        if (holdMs < 0) {
            throw new IllegalArgumentException("holdMs must be >= 0");
        }
        this.holdMs = holdMs;
    }

    @Override
    public void open(OpenContext ctx) {
        held = getRuntimeContext().getListState(HELD);
    }

    @Override
    public void processElement(Anomaly anomaly, ReadOnlyContext ctx, Collector<LocatedAnomaly> out)
            throws Exception {
        EntityLocation location = locate(anomaly.entity(), ctx.getBroadcastState(TOPOLOGY));
        List<Anomaly> waiting = list(held.get());
        if (holdMs == 0 || !"unknown".equals(location.role())) {
            // located (or no hold): anything still held for this entity goes first, in order
            release(waiting, location, out);
            out.collect(new LocatedAnomaly(anomaly, location));
            return;
        }
        if (waiting.isEmpty()) {
            ctx.timerService()
                    .registerProcessingTimeTimer(
                            ctx.timerService().currentProcessingTime() + holdMs);
        } else if (waiting.size() >= MAX_HELD) {
            release(waiting, location, out);
            out.collect(new LocatedAnomaly(anomaly, location));
            return;
        }
        held.add(anomaly);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LocatedAnomaly> out)
            throws Exception {
        // the hold is over: correlate with whatever the topology says now (usually unknown)
        List<Anomaly> waiting = list(held.get());
        if (!waiting.isEmpty()) {
            EntityLocation location = locate(ctx.getCurrentKey(), ctx.getBroadcastState(TOPOLOGY));
            release(waiting, location, out);
        }
    }

    @Override
    public void processBroadcastElement(
            CdcEnvelope change, Context ctx, Collector<LocatedAnomaly> out) throws Exception {
        if (!Topology.TABLES.contains(change.table())) {
            return;
        }
        BroadcastState<String, TopoEntry> state = ctx.getBroadcastState(TOPOLOGY);
        Topology.apply(
                change,
                new Topology.Store() {
                    @Override
                    public void put(String key, TopoEntry entry) throws Exception {
                        state.put(key, entry);
                    }

                    @Override
                    public void remove(String key) throws Exception {
                        state.remove(key);
                    }
                });
        if (holdMs == 0) {
            return;
        }
        // release the held anomalies of entities this change made locatable; the timer of a
        // released burst finds nothing held and does nothing
        ctx.applyToKeyedState(
                HELD,
                (entity, list) -> {
                    List<Anomaly> waiting = list(list.get());
                    if (waiting.isEmpty()) {
                        return;
                    }
                    EntityLocation location = locate(entity, state);
                    if (!"unknown".equals(location.role())) {
                        for (Anomaly a : waiting) {
                            out.collect(new LocatedAnomaly(a, location));
                        }
                        list.clear();
                    }
                });
    }

    private void release(
            List<Anomaly> waiting, EntityLocation location, Collector<LocatedAnomaly> out)
            throws Exception {
        if (waiting.isEmpty()) {
            return;
        }
        for (Anomaly a : waiting) {
            out.collect(new LocatedAnomaly(a, location));
        }
        held.clear();
    }

    private static EntityLocation locate(
            String entity, ReadOnlyBroadcastState<String, TopoEntry> state) {
        return Topology.locate(
                entity,
                key -> {
                    try {
                        return state.get(key);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    private static List<Anomaly> list(Iterable<Anomaly> values) {
        List<Anomaly> out = new ArrayList<>();
        if (values != null) {
            values.forEach(out::add);
        }
        return out;
    }
}
