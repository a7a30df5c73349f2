package org.ralf.connectors.metrics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.ralf.connectors.kafka.JsonStrings;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.EventSerde;

/**
 * Writes {@link MetricSample} JSON byte for byte as {@link EventSerde} does, but splits it into a
 * per-series prefix (schema version, series id, name, labels) and a per-sample rest (value,
 * timestamp, source), so a receiver validates and encodes each series once and each sample costs
 * only its value and time. Jackson data binding was the largest cost of the remote_write path.
 * {@code MetricSampleJsonTest} keeps the output identical to the serde's.
 */
final class MetricSampleJson {

    private static final byte[] VALUE = ",\"value\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIMESTAMP = ",\"timestamp\":\"".getBytes(StandardCharsets.US_ASCII);

    private final byte[] sourceSuffix;

    /**
     * @param source the {@code source} of every sample this encoder writes
     */
    MetricSampleJson(String source) {
        this.sourceSuffix =
                ("\",\"source\":" + quote(source) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The prefix of a series; the sample must be valid (it was constructed) and is only used for
     * its id, name and labels.
     */
    static byte[] prefix(MetricSample series) {
        StringBuilder b = new StringBuilder(128 + series.seriesId().length() * 2);
        b.append("{\"schemaVersion\":")
                .append(series.schemaVersion())
                .append(",\"seriesId\":")
                .append(quote(series.seriesId()))
                .append(",\"name\":")
                .append(quote(series.name()))
                .append(",\"labels\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : series.labels().entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(quote(e.getKey())).append(':').append(quote(e.getValue()));
        }
        b.append('}');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The full JSON of one sample of the series with this prefix; value must be finite. */
    byte[] sample(byte[] prefix, double value, long timestampMillis) {
        byte[] v = Double.toString(value).getBytes(StandardCharsets.US_ASCII);
        byte[] ts =
                Instant.ofEpochMilli(timestampMillis)
                        .toString()
                        .getBytes(StandardCharsets.US_ASCII);
        byte[] out =
                Arrays.copyOf(
                        prefix,
                        prefix.length
                                + VALUE.length
                                + v.length
                                + TIMESTAMP.length
                                + ts.length
                                + sourceSuffix.length);
        int p = prefix.length;
        System.arraycopy(VALUE, 0, out, p, VALUE.length);
        p += VALUE.length;
        System.arraycopy(v, 0, out, p, v.length);
        p += v.length;
        System.arraycopy(TIMESTAMP, 0, out, p, TIMESTAMP.length);
        p += TIMESTAMP.length;
        System.arraycopy(ts, 0, out, p, ts.length);
        p += ts.length;
        System.arraycopy(sourceSuffix, 0, out, p, sourceSuffix.length);
        return out;
    }

    static boolean writable(String s) {
        return JsonStrings.writable(s);
    }

    static String quote(String s) {
        return JsonStrings.quote(s);
    }
}
