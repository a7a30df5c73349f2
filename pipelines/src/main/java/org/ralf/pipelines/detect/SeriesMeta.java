package org.ralf.pipelines.detect;

/**
 * Per-series bookkeeping of {@link SeriesDetectorFunction} beside the detector state: emission
 * suppression and the pending cleanup timer. A Flink POJO.
 */
public class SeriesMeta {

    /** Event time of the last emitted anomaly, or {@link Long#MIN_VALUE}. */
    public long lastEmit = Long.MIN_VALUE;

    /** Event time of the registered cleanup timer. */
    public long cleanupTimer = Long.MIN_VALUE;

    /** For Flink's POJO serializer. */
    public SeriesMeta() {}
}
