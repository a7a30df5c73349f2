package org.ralf.bench.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.EventSerde;

/**
 * Pre-rendered JSON of each series around the value and the timestamp: the producer must outrun the
 * job under test, and building and serialising a record per sample does not on two shared cores.
 * The template comes from the real serde, so the bytes are exactly what a connector would write.
 */
final class SampleEncoder {

    private static final EventSerde<MetricSample> SERDE = EventSerde.of(MetricSample.class);
    private static final String NAME = "bench_value";

    private final byte[][] keys;
    private final String[] heads;
    private final String middle;
    private final String tail;

    SampleEncoder(int series) {
        keys = new byte[series][];
        heads = new String[series];
        String mid = null;
        String end = null;
        for (int i = 0; i < series; i++) {
            MetricSample m = MetricSample.of(NAME, labels(i), 0.5, Instant.EPOCH, "bench");
            String json = new String(SERDE.serialize(m), StandardCharsets.UTF_8);
            int v = json.indexOf("\"value\":0.5");
            int ts = json.indexOf("1970-01-01T00:00:00Z");
            if (v < 0 || ts < 0) {
                throw new IllegalStateException("unexpected sample JSON: " + json);
            }
            keys[i] = m.seriesId().getBytes(StandardCharsets.UTF_8);
            heads[i] = json.substring(0, v + "\"value\":".length());
            mid = json.substring(v + "\"value\":0.5".length(), ts);
            end = json.substring(ts + "1970-01-01T00:00:00Z".length());
        }
        middle = mid;
        tail = end;
    }

    ProducerRecord<byte[], byte[]> record(String topic, int i, double value, long ts) {
        String json = heads[i] + value + middle + Instant.ofEpochMilli(ts) + tail;
        return new ProducerRecord<>(topic, keys[i], json.getBytes(StandardCharsets.UTF_8));
    }

    String seriesId(int i) {
        return new String(keys[i], StandardCharsets.UTF_8);
    }

    private static Map<String, String> labels(int i) {
        return Map.of("host", "h" + (i % 100), "series", Integer.toString(i));
    }

    /** The value of series i at step t: a per-series sine with seeded noise. */
    static double value(int i, long t, Random random) {
        return 50 + 10 * Math.sin((t + i) * 0.05) + random.nextGaussian();
    }
}
