package org.ralf.pipelines.detect;

import org.ralf.models.detect.DetectorState;

/**
 * The one keyed state of {@link SeriesDetectorFunction} per series: the detector's state and the
 * operator's bookkeeping, together so that a sample costs one state read and one write, and a
 * checkpoint writes the series key once. A Flink POJO of two POJOs (no Kryo).
 */
public class SeriesState {

    /** The detectors' state. */
    public DetectorState detector;

    /** Emission, cleanup and counter bookkeeping. */
    public SeriesMeta meta;

    /** For Flink's POJO serializer. */
    public SeriesState() {}

    /** A fresh state for a new series. */
    public static SeriesState of(DetectorState detector) {
        SeriesState s = new SeriesState();
        s.detector = detector;
        s.meta = new SeriesMeta();
        return s;
    }
}
