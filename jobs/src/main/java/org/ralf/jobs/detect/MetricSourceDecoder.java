package org.ralf.jobs.detect;

import org.ralf.jobs.kafka.SourceDecoder;
import org.ralf.jobs.kafka.SourceRecord;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.Decoded;

/**
 * Decodes the metrics topic's records as the source reads them ({@link MetricDecoder}), so that the
 * event time and {@link DecodeRouter} both use that one decoding instead of parsing the bytes twice
 * more. Records of other topics are left alone.
 *
 * <p>The event time is taken from the decoded sample only when the decoder's fast path accepted the
 * payload: then the document has exactly one top-level {@code timestamp}, the string {@link
 * org.ralf.jobs.kafka.EventTimes} would read, parsed the same way. For anything the fast path
 * leaves to the serde (unknown or repeated fields, bad input), {@code EventTimes} reads the bytes
 * as before, so the per-partition event times do not change.
 */
public final class MetricSourceDecoder implements SourceDecoder {

    private static final long serialVersionUID = 1L;

    private final String metricsTopic;
    private final MetricDecoder decoder;

    /**
     * @param metricsTopic the topic of {@link MetricSample}s
     * @param decoder how they are decoded
     */
    public MetricSourceDecoder(String metricsTopic, MetricDecoder decoder) {
        this.metricsTopic = metricsTopic;
        this.decoder = decoder;
    }

    @Override
    public void decode(SourceRecord r) {
        if (!r.topic.equals(metricsTopic)) {
            return;
        }
        MetricSample s = decoder.fast(r.value);
        if (s == null) {
            r.decoded = decoder.slow(r.topic, r.partition, r.offset, r.value);
            return;
        }
        r.decoded = new Decoded.Ok<>(s);
        try {
            r.eventTime = s.timestamp().toEpochMilli();
            r.hasEventTime = true;
        } catch (ArithmeticException beyondLong) {
            // EventTimes reads the bytes and falls back to the Kafka timestamp, as before
        }
    }
}
