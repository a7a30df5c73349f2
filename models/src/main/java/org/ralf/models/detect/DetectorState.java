package org.ralf.models.detect;

/**
 * The complete state of one series, owned by the caller (e.g. a Flink {@code ValueState}). A plain
 * mutable POJO of primitives and primitive arrays with a public no-argument constructor, so that
 * Flink's POJO serializer keeps it without Kryo.
 *
 * <p>Compact by design (the detect job keeps one per series, budget 2 KiB): every stored copy of a
 * value (rings, seasonal profile, k-means prefix) is a 16-bit code in the series' <em>value
 * frame</em> {@code [frameLo, frameLo + 65535 * frameStep]}, which only ever widens (all codes are
 * re-encoded when it does, see {@link ValueFrame}); the k-means training prefix is kept at 8 bits
 * and freed once the model is trained. Its size is bounded by the configuration ({@link
 * #sizeInBytes()} never exceeds {@link #maxSizeInBytes(DetectorConfig)}).
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

    /** Lower edge of the value frame of the 16-bit codes. */
    public double frameLo;

    /** Value of one code step (0 until the first sample). */
    public double frameStep;

    /** EWMA mean of the value. */
    public double ewmaMean;

    /** EWMA variance of the value. */
    public double ewmaVar;

    /** Ring buffer of recent values (16-bit codes) for median/MAD. */
    public short[] robustRing = new short[0];

    /** Next write position in {@link #robustRing}. */
    public int robustPos;

    /** Filled length of {@link #robustRing}. */
    public int robustSize;

    /** Per-bin EWMA mean of the seasonal profile (16-bit codes). */
    public short[] seasonMean = new short[0];

    /** Per-bin sample counts, two 4-bit counters per byte, saturating at 15. */
    public byte[] seasonCount = new byte[0];

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

    /** Ring buffer of values (16-bit codes) for the lag embeddings of context and cluster. */
    public short[] contextRing = new short[0];

    /** Next write position in {@link #contextRing}. */
    public int contextPos;

    /** Filled length of {@link #contextRing}. */
    public int contextSize;

    /**
     * Values of the cluster detector's training prefix (8-bit codes: the high byte of the 16-bit
     * code); empty once the model is trained.
     */
    public byte[] clusterPrefix = new byte[0];

    /**
     * Flattened k-means centroids [centroid][dim] in prefix-normalised units [0,1], as unsigned
     * 16-bit fixed point; empty until the model is trained.
     */
    public short[] clusterCentroids = new short[0];

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

    /**
     * Per likelihood-calibrated detector (change point, context, cluster), ring of recent raw
     * scores (short-term average), flattened [detector][window].
     */
    public float[] likShort = new float[0];

    /** Next write position in each short ring (shared by all detectors). */
    public int likShortPos;

    /** Per likelihood-calibrated detector, EWMA mean of the short-term averaged raw score. */
    public double[] likMean = new double[0];

    /** Per likelihood-calibrated detector, EWMA variance of the short-term averaged raw score. */
    public double[] likVar = new double[0];

    /**
     * Per likelihood-calibrated detector, how many raw scores its calibration has seen: a detector
     * that starts late (the cluster model once trained) is calibrated from its own start.
     */
    public int[] likSeen = new int[0];

    /**
     * Per z-score detector (EWMA, robust, seasonal, rate), the observed rate of |z| above {@code
     * detect.tail.level}, for the tail correction; empty when the correction is off.
     */
    public float[] tailRate = new float[0];

    /** Per z-score detector, how many z-scores {@link #tailRate} has seen. */
    public int[] tailSeen = new int[0];

    /** Decaying maximum of the fused evidence (-ln p), for relative scoring. */
    public double peakEvidence;

    /** Samples since the last emitted alert. */
    public long samplesSinceAlert = Long.MAX_VALUE / 2;

    /** For Flink's POJO serializer; use {@link #create(DetectorConfig)}. */
    public DetectorState() {}

    /** A fresh state sized for the configuration. */
    public static DetectorState create(DetectorConfig config) {
        DetectorState s = new DetectorState();
        int likelihoodKinds = SeriesDetector.LIKELIHOOD_KINDS;
        s.robustRing = new short[config.robustWindow()];
        s.seasonMean = new short[config.seasonalBins()];
        s.seasonCount = new byte[(config.seasonalBins() + 1) / 2];
        s.contextRing = new short[config.contextHistory() + config.contextDim()];
        s.clusterPrefix = new byte[config.clusterPrefix()];
        s.likShort = new float[likelihoodKinds * config.likelihoodShortWindow()];
        s.likMean = new double[likelihoodKinds];
        s.likVar = new double[likelihoodKinds];
        s.likSeen = new int[likelihoodKinds];
        if (config.tailLevel() > 0) {
            s.tailRate = new float[SeriesDetector.Z_KINDS];
            s.tailSeen = new int[SeriesDetector.Z_KINDS];
        }
        return s;
    }

    /** Bytes held in the arrays: the configuration-dependent part of the state. */
    public long sizeInBytes() {
        return 2L * robustRing.length
                + 2L * seasonMean.length
                + seasonCount.length
                + 2L * contextRing.length
                + clusterPrefix.length
                + 2L * clusterCentroids.length
                + 4L * likShort.length
                + 8L * likMean.length
                + 8L * likVar.length
                + 4L * likSeen.length
                + 4L * tailRate.length
                + 4L * tailSeen.length;
    }

    /**
     * Upper bound of {@link #sizeInBytes()} over the life of a state with this configuration: the
     * larger of the training phase (prefix held) and the trained phase (centroids held).
     */
    public static long maxSizeInBytes(DetectorConfig config) {
        DetectorState fresh = create(config);
        long withoutCluster = fresh.sizeInBytes() - fresh.clusterPrefix.length;
        return withoutCluster
                + Math.max(
                        config.clusterPrefix(),
                        2L * config.clusterCentroids() * config.contextDim());
    }

    /** Count of seasonal bin {@code bin} (0..15). */
    int seasonCountOf(int bin) {
        int b = seasonCount[bin >> 1] & 0xff;
        return (bin & 1) == 0 ? b & 0x0f : b >>> 4;
    }

    /** Increments the count of seasonal bin {@code bin}, saturating at 15. */
    void incrementSeasonCount(int bin) {
        int c = seasonCountOf(bin);
        if (c >= 15) {
            return;
        }
        int b = seasonCount[bin >> 1] & 0xff;
        b = (bin & 1) == 0 ? (b & 0xf0) | (c + 1) : (b & 0x0f) | ((c + 1) << 4);
        seasonCount[bin >> 1] = (byte) b;
    }
}
