package org.ralf.jobs.remediation;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ralf.pipelines.types.JsonTypeInfo;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.serde.Decoded;
import org.ralf.schemas.serde.EventSerde;

/**
 * Decodes raw Kafka values; what cannot be decoded goes to {@link #DEAD_LETTERS} with the reason.
 *
 * @param <T> record type
 */
public final class Decode<T extends Versioned> extends ProcessFunction<Tuple2<byte[], byte[]>, T> {

    private static final long serialVersionUID = 1L;

    /** Undecodable input. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", JsonTypeInfo.of(DeadLetter.class));

    private final EventSerde<T> serde;
    private final String topic;
    private final boolean skipTombstones;

    /**
     * @param serde serde of the type
     * @param topic topic name for dead letters
     * @param skipTombstones drop null values silently (Debezium writes one after every delete)
     */
    public Decode(EventSerde<T> serde, String topic, boolean skipTombstones) {
        this.serde = serde;
        this.topic = topic;
        this.skipTombstones = skipTombstones;
    }

    @Override
    public void processElement(Tuple2<byte[], byte[]> in, Context ctx, Collector<T> out) {
        if (in.f1 == null && skipTombstones) {
            return;
        }
        Decoded<T> d = serde.deserialize(topic, null, null, in.f1);
        if (d.isOk()) {
            out.collect(d.valueOrNull());
        } else {
            ctx.output(DEAD_LETTERS, d.deadLetterOrNull());
        }
    }
}
