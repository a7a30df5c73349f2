package org.ralf.pipelines.entity;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.log.LogRecord;

/**
 * Turns the records of one input topic (logs, discovery or CDC) into {@link EntityEvent}s; logs
 * also yield thinned-out {@link EntityKind#ACTIVITY} events of their host.
 *
 * @param <T> the input record type
 */
public final class ToEntityEvents<T> extends ProcessFunction<T, EntityEvent> {

    private static final long serialVersionUID = 1L;

    /** The mapping of one record type. */
    @FunctionalInterface
    private interface Mapper<T> extends Serializable {
        void map(T value, ActivityThinner thinner, Collector<EntityEvent> out);
    }

    private final Mapper<T> mapper;
    private final long heartbeatMillis;
    private transient ActivityThinner thinner;

    private ToEntityEvents(Mapper<T> mapper, EntitySettings rules) {
        this.mapper = mapper;
        this.heartbeatMillis = rules.heartbeat().toMillis();
    }

    /** Error logs, systemd unit state changes and host activity of log lines. */
    public static ToEntityEvents<LogRecord> logs(EntitySettings rules) {
        return new ToEntityEvents<>(
                (log, thinner, out) -> {
                    long ts = log.timestamp().toEpochMilli();
                    if (thinner.admit(log.host(), ts)) {
                        out.collect(EntityEvents.activity(log.host(), ts, "logs"));
                    }
                    EntityEvent error = EntityEvents.fromLog(log);
                    if (error != null) {
                        out.collect(error);
                    }
                    EntityEvent unit = EntityEvents.unitState(log);
                    if (unit != null) {
                        out.collect(unit);
                    }
                },
                rules);
    }

    /** Host sightings of discovery events. */
    public static ToEntityEvents<DiscoveryEvent> discovery(EntitySettings rules) {
        return new ToEntityEvents<>(
                (d, thinner, out) -> {
                    EntityEvent e = EntityEvents.fromDiscovery(d);
                    if (e != null) {
                        out.collect(e);
                    }
                },
                rules);
    }

    /** Deployment states and inventory hosts of CDC changes. */
    public static ToEntityEvents<CdcEnvelope> cdc(EntitySettings rules) {
        return new ToEntityEvents<>(
                (c, thinner, out) -> {
                    List<EntityEvent> events = EntityEvents.fromCdc(c);
                    events.forEach(out::collect);
                },
                rules);
    }

    @Override
    public void open(OpenContext context) {
        thinner = new ActivityThinner(heartbeatMillis);
    }

    @Override
    public void processElement(T value, Context ctx, Collector<EntityEvent> out) {
        mapper.map(value, thinner, out);
    }
}
