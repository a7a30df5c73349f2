package org.ralf.pipelines.cep;

import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ralf.pipelines.entity.EntityEvent;
import org.ralf.schemas.Ids;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;

/**
 * "Host silent for T": keyed by host over its {@link org.ralf.pipelines.entity.EntityKind#ACTIVITY}
 * events, an event-time timer fires {@code patterns.silence.after} after the latest one and emits
 * an {@link AnomalyKind#ABSENCE} anomaly. The state is cleared when it fires, so a host that is
 * gone for good costs nothing afterwards; if it speaks again it is tracked afresh.
 *
 * <p>Event time means the timer fires when the watermark, driven by the other hosts, passes; if
 * every input is silent nothing advances and nothing fires (idle inputs are excluded from the
 * watermark by the job's {@code withIdleness}).
 */
public final class HostSilenceFunction extends KeyedProcessFunction<String, EntityEvent, Anomaly> {

    private static final long serialVersionUID = 1L;

    /** Pattern name. */
    public static final String NAME = "host-silent";

    private final long afterMillis;
    private final String after;
    private transient ValueState<HostSilence> state;

    /**
     * @param options where {@code patterns.silence.after} comes from
     */
    public HostSilenceFunction(PatternSettings options) {
        this.afterMillis = options.silentAfter().toMillis();
        this.after = options.silentAfter().toString();
    }

    @Override
    public void open(OpenContext context) {
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "silence", TypeInformation.of(HostSilence.class)));
    }

    @Override
    public void processElement(EntityEvent e, Context ctx, Collector<Anomaly> out)
            throws Exception {
        HostSilence s = state.value();
        if (s == null) {
            s = new HostSilence();
        }
        if (e.timestamp <= s.lastSeen) {
            return; // an older event says nothing new about liveness
        }
        s.lastSeen = e.timestamp;
        s.lastWhat = e.describe();
        long due = e.timestamp + afterMillis;
        if (s.timer != Long.MIN_VALUE) {
            ctx.timerService().deleteEventTimeTimer(s.timer);
        }
        s.timer = due;
        ctx.timerService().registerEventTimeTimer(due);
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Anomaly> out)
            throws Exception {
        HostSilence s = state.value();
        if (s == null || timestamp < s.lastSeen + afterMillis) {
            return;
        }
        String host = ctx.getCurrentKey();
        Instant last = Instant.ofEpochMilli(s.lastSeen);
        out.collect(
                new Anomaly(
                        Anomaly.SCHEMA_VERSION,
                        Ids.nameBased(NAME, host, Long.toString(s.lastSeen)),
                        host,
                        null,
                        null,
                        AnomalyKind.ABSENCE,
                        NAME,
                        1.0,
                        null,
                        null,
                        null,
                        Map.of(),
                        last,
                        Instant.ofEpochMilli(timestamp),
                        Instant.ofEpochMilli(timestamp),
                        NAME
                                + " on "
                                + host
                                + ": no metrics or logs for "
                                + after
                                + "; last event "
                                + s.lastWhat,
                        Map.of()));
        state.clear();
    }
}
