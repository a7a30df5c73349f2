package org.ralf.pipelines.detect;

/**
 * Per-series bookkeeping of {@link SeriesDetectorFunction} beside the detector state: emission
 * suppression, the pending cleanup timer and a counter's last raw sample. A Flink POJO.
 */
public class SeriesMeta {

    /** Event time of the last emitted anomaly, or {@link Long#MIN_VALUE}. */
    public long lastEmit = Long.MIN_VALUE;

    /** Event time of the registered cleanup timer. */
    public long cleanupTimer = Long.MIN_VALUE;

    /** Event time of a counter's last raw sample, or {@link Long#MIN_VALUE} (not a counter). */
    public long counterTs = Long.MIN_VALUE;

    /** A counter's last raw value (its rate is scored, not the value). */
    public double counterValue;

    /** For Flink's POJO serializer. */
    public SeriesMeta() {}
}
