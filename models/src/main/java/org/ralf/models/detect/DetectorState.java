package org.ralf.models.detect;

/**
 * The complete state of one series, owned by the caller (e.g. a Flink {@code ValueState}). A plain
 * mutable POJO of primitives and primitive arrays with a public no-argument constructor, so that
 * Flink's POJO serializer keeps it without Kryo. Its size is fixed at {@link
 * #create(DetectorConfig)} by the configuration and never grows (see {@link #sizeInDoubles()}).
 *
 * <p>Not thread-safe; one instance per series, updated only through {@link SeriesDetector}.
 */
public class DetectorState {

    /** Accepted samples so far. */
    public long count;

    /** Samples rejected by rule (non-finite value, timestamp going backwards). */
    public long rejected;

    /** Event time of the last accepted sample (epoch millis). */
    public long lastTimestamp = Long.MIN_VALUE;

    /** Running minimum of the accepted values. */
    public double runMin = Double.POSITIVE_INFINITY;

    /** Running maximum of the accepted values. */
    public double runMax = Double.NEGATIVE_INFINITY;

    /** EWMA mean of the value. */
    public double ewmaMean;

    /** EWMA variance of the value. */
    public double ewmaVar;

    /** Ring buffer of recent values for median/MAD. */
    public double[] robustRing = new double[0];

    /** Next write position in {@link #robustRing}. */
    public int robustPos;

    /** Filled length of {@link #robustRing}. */
    public int robustSize;

    /** Last robust median (for the expected range). */
    public double robustMedian;

    /** Last robust scale (1.4826 MAD, floored). */
    public double robustScale;

    /** Per-bin EWMA mean of the seasonal profile. */
    public double[] seasonMean = new double[0];

    /** Per-bin sample counts (saturating). */
    public int[] seasonCount = new int[0];

    /** EWMA variance of the seasonal residual. */
    public double seasonResidualVar;

    /** Samples contributing to {@link #seasonResidualVar}. */
    public long seasonResidualCount;

    /** Upper CUSUM sum. */
    public double cusumPos;

    /** Lower CUSUM sum. */
    public double cusumNeg;

    /** Previous accepted value. */
    public double prevValue;

    /** EWMA of the absolute first difference. */
    public double rateAbsMean;

    /** Ring buffer of values for the lag embeddings of the context detector. */
    public double[] contextRing = new double[0];

    /** Next write position in {@link #contextRing}. */
    public int contextPos;

    /** Filled length of {@link #contextRing}. */
    public int contextSize;

    /** Values of the training prefix of the cluster detector (kept until trained). */
    public double[] clusterPrefix = new double[0];

    /** Flattened k-means centroids [centroid][dim], in prefix-normalised units. */
    public double[] clusterCentroids = new double[0];

    /** Whether {@link #clusterCentroids} hold a trained model. */
    public boolean clusterTrained;

    /** Minimum of the training prefix (normalisation offset). */
    public double clusterMin;

    /** Range of the training prefix (normalisation scale). */
    public double clusterRange;

    /** Holt level. */
    public double holtLevel;

    /** Holt trend per sample. */
    public double holtTrend;

    /** EWMA of the interval between samples (millis). */
    public double meanIntervalMillis;

    /** Per detector, ring of recent raw scores (short-term average), flattened [kind][window]. */
    public double[] likShort = new double[0];

    /** Next write position in each short ring (shared by all detectors). */
    public int likShortPos;

    /** Per detector, EWMA mean of the short-term averaged raw score. */
    public double[] likMean = new double[0];

    /** Per detector, EWMA variance of the short-term averaged raw score. */
    public double[] likVar = new double[0];

    /** Decaying maximum of the fused evidence (-ln p), for relative scoring. */
    public double peakEvidence;

    /** Samples since the last emitted alert. */
    public long samplesSinceAlert = Long.MAX_VALUE / 2;

    /** For Flink's POJO serializer; use {@link #create(DetectorConfig)}. */
    public DetectorState() {}

    /** A fresh state sized for the configuration. */
    public static DetectorState create(DetectorConfig config) {
        DetectorState s = new DetectorState();
        int kinds = DetectorKind.values().length;
        s.robustRing = new double[config.robustWindow()];
        s.seasonMean = new double[config.seasonalBins()];
        s.seasonCount = new int[config.seasonalBins()];
        s.contextRing = new double[config.contextHistory() + config.contextDim()];
        s.clusterPrefix = new double[config.clusterPrefix()];
        s.clusterCentroids = new double[config.clusterCentroids() * config.contextDim()];
        s.likShort = new double[kinds * config.likelihoodShortWindow()];
        s.likMean = new double[kinds];
        s.likVar = new double[kinds];
        return s;
    }

    /** Number of 8-byte slots held in arrays: the bounded part of the state. */
    public long sizeInDoubles() {
        return (long) robustRing.length
                + seasonMean.length
                + (seasonCount.length + 1) / 2
                + contextRing.length
                + clusterPrefix.length
                + clusterCentroids.length
                + likShort.length
                + likMean.length
                + likVar.length;
    }
}
