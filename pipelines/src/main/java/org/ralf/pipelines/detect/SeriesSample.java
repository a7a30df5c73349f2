package org.ralf.pipelines.detect;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The lean form of a metric sample that crosses the network shuffle to the keyed detector: strings
 * and primitives, no label map, with a serializer of its own ({@link SeriesSampleTypeInfo}; no
 * Kryo, no reflection).
 */
@TypeInfo(SeriesSampleTypeInfo.Factory.class)
public class SeriesSample {

    /** Series id (the key). */
    public String seriesId = "";

    /** Entity of the series (see {@link org.ralf.pipelines.entity.EntityEvents#entityOf}). */
    public String entity = "";

    /** Metric name. */
    public String name = "";

    /** Sample value, finite. */
    public double value;

    /** Event time, epoch millis. */
    public long timestamp;

    /** An empty sample (for the serializer). */
    public SeriesSample() {}

    /** A sample. */
    public static SeriesSample of(
            String seriesId, String entity, String name, double value, long timestamp) {
        SeriesSample s = new SeriesSample();
        s.seriesId = seriesId;
        s.entity = entity;
        s.name = name;
        s.value = value;
        s.timestamp = timestamp;
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesSample s
                && seriesId.equals(s.seriesId)
                && entity.equals(s.entity)
                && name.equals(s.name)
                && Double.compare(value, s.value) == 0
                && timestamp == s.timestamp;
    }

    @Override
    public int hashCode() {
        return Objects.hash(seriesId, entity, name, value, timestamp);
    }

    @Override
    public String toString() {
        return seriesId + "=" + value + "@" + timestamp;
    }
}
