package org.ralf.pipelines.remediation.topology;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.ralf.pipelines.types.JsonTypeInfo;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.cdc.CdcEnvelope;

/**
 * Locates each anomaly's entity in the topology broadcast from the inventory CDC streams. The
 * topology is small (one row per node, guest, service) and needed by every parallel instance, so
 * broadcast state fits; it is checkpointed with the job.
 */
public final class TopologyResolver
        extends BroadcastProcessFunction<Anomaly, CdcEnvelope, LocatedAnomaly> {

    private static final long serialVersionUID = 1L;

    /** The broadcast state: topology keys to rows. */
    public static final MapStateDescriptor<String, TopoEntry> TOPOLOGY =
            new MapStateDescriptor<>("topology", Types.STRING, JsonTypeInfo.of(TopoEntry.class));

    @Override
    public void processElement(Anomaly anomaly, ReadOnlyContext ctx, Collector<LocatedAnomaly> out)
            throws Exception {
        ReadOnlyBroadcastState<String, TopoEntry> state = ctx.getBroadcastState(TOPOLOGY);
        out.collect(
                new LocatedAnomaly(
                        anomaly,
                        Topology.locate(
                                anomaly.entity(),
                                key -> {
                                    try {
                                        return state.get(key);
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                })));
    }

    @Override
    public void processBroadcastElement(
            CdcEnvelope change, Context ctx, Collector<LocatedAnomaly> out) throws Exception {
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
    }
}
