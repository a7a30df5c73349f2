package org.ralf.pipelines.detect;

import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ralf.pipelines.entity.ActivityThinner;
import org.ralf.pipelines.entity.EntityEvent;
import org.ralf.pipelines.entity.EntityEvents;
import org.ralf.pipelines.entity.EntitySettings;
import org.ralf.pipelines.types.JsonTypeInfo;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.schemas.topic.Topics;

/**
 * The stateless step between decoding and the keyed detector: rejects samples stamped too far in
 * the future (a dead letter, before they could drag the watermark ahead and make every honest
 * sample late), turns the rest into {@link SeriesSample}s, and emits the entity events of liveness,
 * health, saturation and disk metrics (plus thinned host activity) to {@link #ENTITY_EVENTS}.
 *
 * <p>Non-finite values never reach this step: {@link MetricSample}'s constructor rejects them, so
 * decoding already dead-lettered them.
 */
public final class MetricIngest extends ProcessFunction<MetricSample, SeriesSample> {

    private static final long serialVersionUID = 1L;

    /** Samples refused by rule, as dead letters for {@code ralf.deadletter}. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("metric-dead-letters", JsonTypeInfo.of(DeadLetter.class));

    /** Entity events derived from metrics. */
    public static final OutputTag<EntityEvent> ENTITY_EVENTS =
            new OutputTag<>("metric-entity-events", TypeInformation.of(EntityEvent.class));

    private final EntitySettings rules;
    private final long maxFutureMillis;
    private transient ActivityThinner thinner;
    private transient EventSerde<MetricSample> serde;
    private transient Counter future;

    /**
     * @param rules which metrics become entity events
     * @param options where {@code detect-job.max-future} comes from
     */
    public MetricIngest(EntitySettings rules, DetectStreamSettings options) {
        this.rules = rules;
        this.maxFutureMillis = options.maxFuture().toMillis();
    }

    @Override
    public void open(OpenContext context) {
        thinner = new ActivityThinner(rules.heartbeat().toMillis());
        serde = EventSerde.of(MetricSample.class);
        future = getRuntimeContext().getMetricGroup().counter("futureSamples");
    }

    @Override
    public void processElement(MetricSample s, Context ctx, Collector<SeriesSample> out) {
        long ts = s.timestamp().toEpochMilli();
        long now = ctx.timerService().currentProcessingTime();
        if (ts > now + maxFutureMillis) {
            future.inc();
            ctx.output(
                    DEAD_LETTERS,
                    new DeadLetter(
                            DeadLetter.SCHEMA_VERSION,
                            Topics.METRICS.name(),
                            null,
                            null,
                            serde.serialize(s),
                            DeadLetterCause.INVALID_VALUE,
                            "timestamp "
                                    + s.timestamp()
                                    + " is more than "
                                    + maxFutureMillis
                                    + " ms ahead of the clock ("
                                    + Instant.ofEpochMilli(now)
                                    + ")",
                            MetricSample.class.getSimpleName(),
                            Instant.ofEpochMilli(now)));
            return;
        }
        String entity = EntityEvents.entityOf(s.seriesId(), s.labels());
        EntityEvent state = EntityEvents.fromMetric(s, entity, rules);
        if (state != null) {
            ctx.output(ENTITY_EVENTS, state);
        }
        String host = entity.indexOf('/') < 0 ? entity : entity.substring(0, entity.indexOf('/'));
        if (thinner.admit(host, ts)) {
            ctx.output(ENTITY_EVENTS, EntityEvents.activity(host, ts, "metrics"));
        }
        out.collect(SeriesSample.of(s.seriesId(), entity, s.name(), s.value(), ts));
    }
}
