package org.ralf.jobs.detect;

import java.io.Serializable;
import java.time.Instant;
import javax.annotation.Nullable;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ralf.jobs.kafka.SourceRecord;
import org.ralf.pipelines.types.JsonTypeInfo;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.Decoded;
import org.ralf.schemas.serde.EventSerde;

/**
 * Decodes the records of every input topic with the never-throwing {@link EventSerde} (metric
 * samples through {@link MetricDecoder}, which has the same outcome, or as the source's {@link
 * MetricSourceDecoder} already decoded them): metric samples on the main output, logs, discovery
 * and CDC events on side outputs, and anything that fails to decode (malformed JSON, missing
 * fields, non-finite values, unknown versions) as a {@link DeadLetter} with its topic, partition
 * and offset. Bad input never fails the job.
 */
public final class DecodeRouter extends ProcessFunction<SourceRecord, MetricSample> {

    private static final long serialVersionUID = 1L;

    /** Decoded log lines. */
    public static final OutputTag<LogRecord> LOGS =
            new OutputTag<>("logs", JsonTypeInfo.of(LogRecord.class));

    /** Decoded discovery events. */
    public static final OutputTag<DiscoveryEvent> DISCOVERY =
            new OutputTag<>("discovery", JsonTypeInfo.of(DiscoveryEvent.class));

    /** Decoded CDC changes. */
    public static final OutputTag<CdcEnvelope> CDC =
            new OutputTag<>("cdc", JsonTypeInfo.of(CdcEnvelope.class));

    /** Records that did not decode. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", JsonTypeInfo.of(DeadLetter.class));

    /** Which topic carries which record type. */
    public record Routes(String metrics, String logs, String discovery, String cdcPrefix)
            implements Serializable {}

    private final Routes routes;
    private transient MetricDecoder metrics;
    private transient EventSerde<LogRecord> logs;
    private transient EventSerde<DiscoveryEvent> discovery;
    private transient EventSerde<CdcEnvelope> cdc;
    private transient Counter deadLetters;

    /**
     * @param routes the topic names
     */
    public DecodeRouter(Routes routes) {
        this.routes = routes;
    }

    @Override
    public void open(OpenContext context) {
        metrics = new MetricDecoder();
        logs = EventSerde.of(LogRecord.class);
        discovery = EventSerde.of(DiscoveryEvent.class);
        cdc = EventSerde.of(CdcEnvelope.class);
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(SourceRecord r, Context ctx, Collector<MetricSample> out) {
        String topic = r.topic;
        if (topic.equals(routes.metrics())) {
            Decoded<MetricSample> d = decodedAtSource(r);
            if (d == null) {
                d = metrics.decode(r.topic, r.partition, r.offset, r.value);
            }
            MetricSample s = valueOrDeadLetter(d, ctx);
            if (s != null) {
                out.collect(s);
            }
        } else if (topic.equals(routes.logs())) {
            emit(ctx, LOGS, decode(logs, r, ctx));
        } else if (topic.equals(routes.discovery())) {
            emit(ctx, DISCOVERY, decode(discovery, r, ctx));
        } else if (topic.startsWith(routes.cdcPrefix())) {
            emit(ctx, CDC, decode(cdc, r, ctx));
        } else {
            deadLetters.inc();
            ctx.output(
                    DEAD_LETTERS,
                    new DeadLetter(
                            DeadLetter.SCHEMA_VERSION,
                            topic.isBlank() ? "unknown" : topic,
                            r.partition,
                            r.offset,
                            r.value == null ? new byte[0] : r.value,
                            DeadLetterCause.UNEXPECTED,
                            "no route for topic " + topic,
                            null,
                            Instant.now()));
        }
    }

    private static <T> void emit(Context ctx, OutputTag<T> tag, @Nullable T value) {
        if (value != null) {
            ctx.output(tag, value);
        }
    }

    private <T extends Versioned> @Nullable T decode(
            EventSerde<T> serde, SourceRecord r, Context ctx) {
        return valueOrDeadLetter(serde.deserialize(r.topic, r.partition, r.offset, r.value), ctx);
    }

    private <T> @Nullable T valueOrDeadLetter(Decoded<T> d, Context ctx) {
        if (d instanceof Decoded.Ok<T> ok) {
            return ok.value();
        }
        deadLetters.inc();
        ctx.output(DEAD_LETTERS, d.deadLetterOrNull());
        return null;
    }

    /**
     * The metric sample or its dead letter as a {@link MetricSourceDecoder} left it on the record,
     * or null where the source did not decode it (then this step decodes the bytes).
     */
    @SuppressWarnings("unchecked") // checked: the value is a MetricSample, or the letter is one's
    private static @Nullable Decoded<MetricSample> decodedAtSource(SourceRecord r) {
        Decoded<?> d = r.decoded;
        if (d instanceof Decoded.Ok<?> ok && ok.value() instanceof MetricSample) {
            return (Decoded<MetricSample>) d;
        }
        if (d instanceof Decoded.Failed<?> failed
                && MetricSample.class.getSimpleName().equals(failed.deadLetter().expectedType())) {
            return (Decoded<MetricSample>) d;
        }
        return null;
    }
}
