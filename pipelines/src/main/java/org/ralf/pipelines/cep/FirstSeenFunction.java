package org.ralf.pipelines.cep;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ralf.pipelines.entity.EntityEvent;
import org.ralf.pipelines.entity.EntityKind;
import org.ralf.schemas.Ids;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;

/**
 * "New host discovered" and "backup server (PBS) appeared": keyed by discovery host id over {@link
 * EntityKind#HOST_SEEN} and {@link EntityKind#INVENTORY} events. The first sighting of a host that
 * neither discovery nor the inventory (CDC of nodes and guests) knew emits {@code new-host}, or
 * {@code backup-server-appeared} when the source is PBS or its type says {@code pbs}. Later
 * sightings are silent.
 *
 * <p>"Never seen" needs memory rather than a sequence, so this is a keyed function, not a CEP
 * pattern. Memory is bounded: a host unseen for {@code patterns.new-host.memory} is forgotten by an
 * event-time timer (and counts as new again). A discovery that overtakes its inventory row still
 * reads as new: the inventory is asynchronous, and the anomaly says where it came from.
 */
public final class FirstSeenFunction extends KeyedProcessFunction<String, EntityEvent, Anomaly> {

    private static final long serialVersionUID = 1L;

    /** Pattern name of a new host. */
    public static final String NEW_HOST = "new-host";

    /** Pattern name of a new backup server. */
    public static final String PBS_APPEARED = "backup-server-appeared";

    private final long memoryMillis;
    private transient ValueState<KnownHost> state;

    /**
     * @param options where {@code patterns.new-host.memory} comes from
     */
    public FirstSeenFunction(PatternSettings options) {
        this.memoryMillis = options.hostMemory().toMillis();
    }

    @Override
    public void open(OpenContext context) {
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "known-host", TypeInformation.of(KnownHost.class)));
    }

    @Override
    public void processElement(EntityEvent e, Context ctx, Collector<Anomaly> out)
            throws Exception {
        KnownHost k = state.value();
        if (k == null) {
            k = new KnownHost();
            if (e.kind == EntityKind.HOST_SEEN) {
                out.collect(anomaly(e));
            }
            k.timer = e.timestamp + memoryMillis;
            ctx.timerService().registerEventTimeTimer(k.timer);
        }
        k.lastSeen = Math.max(k.lastSeen, e.timestamp);
        state.update(k);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Anomaly> out)
            throws Exception {
        KnownHost k = state.value();
        if (k == null) {
            return;
        }
        long expiry = k.lastSeen + memoryMillis;
        if (expiry <= timestamp) {
            state.clear();
        } else {
            k.timer = expiry;
            ctx.timerService().registerEventTimeTimer(expiry);
            state.update(k);
        }
    }

    static boolean isBackupServer(EntityEvent e) {
        return "PBS".equals(e.name) || e.detail.toLowerCase(Locale.ROOT).contains("pbs");
    }

    private static Anomaly anomaly(EntityEvent e) {
        String name = isBackupServer(e) ? PBS_APPEARED : NEW_HOST;
        Instant at = Instant.ofEpochMilli(e.timestamp);
        String what =
                isBackupServer(e) ? "a backup server (PBS) not known before" : "a host not known";
        return new Anomaly(
                Anomaly.SCHEMA_VERSION,
                Ids.nameBased(name, e.entity),
                e.entity,
                null,
                null,
                AnomalyKind.PATTERN,
                name,
                1.0,
                null,
                null,
                null,
                Map.of(),
                at,
                at,
                at,
                name
                        + " on "
                        + e.entity
                        + ": "
                        + what
                        + " to discovery or inventory; matched "
                        + e.describe()
                        + (e.ref.isEmpty() ? "" : " (" + e.ref + ")"),
                Map.of("source", e.name));
    }
}
