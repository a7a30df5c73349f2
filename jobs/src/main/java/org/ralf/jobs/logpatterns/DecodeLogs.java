package org.ralf.jobs.logpatterns;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ralf.pipelines.logs.LogLine;
import org.ralf.pipelines.types.JsonTypeInfo;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.serde.Decoded;
import org.ralf.schemas.serde.EventSerde;

/**
 * Decodes {@code ralf.logs} values with {@link EventSerde} (never throws); what does not decode
 * goes to {@link #DEAD_LETTERS} with its position and reason.
 */
public final class DecodeLogs extends ProcessFunction<RawLog, LogLine> {

    private static final long serialVersionUID = 1L;

    /** Records that failed to decode. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", JsonTypeInfo.of(DeadLetter.class));

    private final EventSerde<LogRecord> serde = EventSerde.of(LogRecord.class);

    @Override
    public void processElement(RawLog raw, Context ctx, Collector<LogLine> out) {
        if (raw.line != null) {
            out.collect(raw.line);
            return;
        }
        Decoded<LogRecord> d = serde.deserialize(raw.topic, raw.partition, raw.offset, raw.value);
        if (d instanceof Decoded.Ok<LogRecord> ok) {
            out.collect(LogLine.of(ok.value(), raw.partition, raw.offset));
        } else {
            ctx.output(DEAD_LETTERS, d.deadLetterOrNull());
        }
    }
}
