package org.ralf.pipelines.cep;

import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.ralf.pipelines.entity.EntityEvent;
import org.ralf.pipelines.entity.EntityKind;
import org.ralf.pipelines.types.JsonTypeInfo;
import org.ralf.schemas.anomaly.Anomaly;

/**
 * Applies the whole pattern library to the per-entity stream: a pure graph-building function. Each
 * pattern sees only the events it needs (filtered before its key-by), so the NFAs of one pattern
 * never hold events of another.
 */
public final class PatternLibrary {

    private PatternLibrary() {}

    /**
     * The anomalies of every pattern over the entity stream, which must carry event-time timestamps
     * and watermarks.
     */
    public static DataStream<Anomaly> apply(DataStream<EntityEvent> input, PatternSettings o) {
        JsonTypeInfo<Anomaly> type = JsonTypeInfo.of(Anomaly.class);
        // One operator in front of the patterns' filters, so that they chain onto it: the entity
        // stream is a union, which nothing chains onto, and without it every filter was a task of
        // its own, i.e. one more network output of the upstream task (the detect job's source,
        // which checks each output's availability for every metric sample it emits).
        DataStream<EntityEvent> entities =
                input.map(e -> e).returns(input.getType()).name("entity-patterns").uid("entities");
        DataStream<Anomaly> all = null;
        for (EntityPattern p : Patterns.all(o)) {
            DataStream<Anomaly> matches =
                    CEP.pattern(
                                    entities.filter(p.filter())
                                            .name(p.name() + "-input")
                                            .keyBy(p.key()),
                                    p.pattern())
                            .process(p.onMatch())
                            .returns(type)
                            .name(p.name())
                            .uid("pattern-" + p.name());
            all = all == null ? matches : all.union(matches);
        }
        DataStream<Anomaly> silence =
                entities.filter(e -> e.kind == EntityKind.ACTIVITY)
                        .name("activity")
                        .keyBy(EntityEvent::host)
                        .process(new HostSilenceFunction(o))
                        .returns(type)
                        .name(HostSilenceFunction.NAME)
                        .uid("pattern-" + HostSilenceFunction.NAME);
        DataStream<Anomaly> firstSeen =
                entities.filter(
                                e ->
                                        e.kind == EntityKind.HOST_SEEN
                                                || e.kind == EntityKind.INVENTORY)
                        .name("sightings")
                        .keyBy(e -> e.entity)
                        .process(new FirstSeenFunction(o))
                        .returns(type)
                        .name(FirstSeenFunction.NEW_HOST)
                        .uid("pattern-" + FirstSeenFunction.NEW_HOST);
        return all.union(silence, firstSeen);
    }
}
