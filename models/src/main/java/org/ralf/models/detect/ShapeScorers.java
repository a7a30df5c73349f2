package org.ralf.models.detect;

import java.util.Arrays;

/**
 * The detectors that score the shape of the latest values: the context detector (distance of the
 * newest embedding to its nearest earlier ones) and the cluster detector (distance to k-means
 * centroids trained on the series' prefix, see {@link KMeansShapes}). Holds only the immutable
 * configuration.
 */
final class ShapeScorers {

    /**
     * Calibrated z above which a cluster sample does not adapt the centroids: 3σ, the conventional
     * level (the one {@code detect.tail.level} uses), which leaves out about 0.1 % of the samples
     * of a well-calibrated normal series, so the gate barely biases the centroids.
     */
    private static final double ADAPT_GATE_Z = 3.0;

    private final DetectorConfig config;

    ShapeScorers(DetectorConfig config) {
        this.config = config;
    }

    void context(
            DetectorState s, double value, double range, double[] v, double[] raw, boolean[] has) {
        int cap = s.contextRing.length;
        s.contextRing[s.contextPos] = ValueFrame.encode(s, value);
        s.contextPos = (s.contextPos + 1) % cap;
        s.contextSize = Math.min(s.contextSize + 1, cap);
        int dim = config.contextDim();
        int first = 1 + config.contextExclude();
        int candidates = s.contextSize - dim - first + 1;
        if (candidates < Math.max(config.contextNeighbours(), SeriesDetector.MIN_SAMPLES)
                || range <= 0) {
            return;
        }
        // Chronological copy, newest last: embedding ending at age a covers [n-1-a-dim+1, n-1-a].
        int n = s.contextSize;
        int start = s.contextPos - n < 0 ? s.contextPos - n + cap : s.contextPos - n;
        // two straight runs instead of a modulo per value (an integer division each, which was
        // most of this detector's cost)
        int tail = Math.min(n, cap - start);
        for (int i = 0; i < tail; i++) {
            v[i] = ValueFrame.decode(s, s.contextRing[start + i]);
        }
        for (int i = tail; i < n; i++) {
            v[i] = ValueFrame.decode(s, s.contextRing[i - tail]);
        }
        int k = config.contextNeighbours();
        double[] best = new double[k];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        int curEnd = n - 1;
        double worst = Double.POSITIVE_INFINITY;
        for (int end = curEnd - first; end >= dim - 1; end--) {
            // The whole distance without an early exit: a branch per term cost more than the
            // terms. Same order of summation, so the same sums as a partial-sum cut-off gives.
            double d2 = 0;
            for (int j = 0; j < dim; j++) {
                double diff = v[curEnd - j] - v[end - j];
                d2 += diff * diff;
            }
            if (d2 < worst) {
                int p = k - 1;
                while (p > 0 && best[p - 1] > d2) {
                    best[p] = best[p - 1];
                    p--;
                }
                best[p] = d2;
                worst = best[k - 1];
            }
        }
        double sum = 0;
        for (double b : best) {
            sum += Math.sqrt(b / dim);
        }
        raw[DetectorKind.CONTEXT.ordinal()] = sum / k / range;
        has[DetectorKind.CONTEXT.ordinal()] = true;
    }

    void cluster(DetectorState s, double value, double[] raw, boolean[] has) {
        int dim = config.contextDim();
        if (!s.clusterTrained) {
            int prefix = config.clusterPrefix();
            if (s.count < prefix) {
                s.clusterPrefix[(int) s.count] = ValueFrame.encode8(s, value);
            }
            if (s.count + 1 >= prefix) {
                calibrate(
                        s,
                        SeriesDetector.LIK_SLOT[DetectorKind.CLUSTER.ordinal()],
                        KMeansShapes.train(s, dim, config.clusterCentroids()));
            }
            return;
        }
        // The context ring (already holding this value) supplies the latest embedding.
        int cap = s.contextRing.length;
        double[] e = new double[dim];
        for (int j = 0; j < dim; j++) {
            int at = s.contextPos - 1 - j;
            e[dim - 1 - j] = ValueFrame.decode(s, s.contextRing[at < 0 ? at + cap : at]);
        }
        double d = KMeansShapes.distance(s, e, dim);
        raw[DetectorKind.CLUSTER.ordinal()] = d;
        has[DetectorKind.CLUSTER.ordinal()] = true;
        if (config.clusterAdaptRate() > 0 && !clusterLooksAnomalous(s, d)) {
            // After scoring (the score of this sample used the centroids of earlier samples only).
            KMeansShapes.adapt(s, e, dim, config.clusterAdaptRate());
        }
    }

    /**
     * Whether the cluster detector's calibrated evidence for this distance is anomalous-looking:
     * the z of the short-window average it is about to be scored by (the same average and scale
     * {@link EvidenceFusion#fuse} computes, from the calibration before this sample) above {@value
     * #ADAPT_GATE_Z}. Such samples must not pull the centroids towards an anomaly.
     */
    private boolean clusterLooksAnomalous(DetectorState s, double distance) {
        int w = config.likelihoodShortWindow();
        int slot = SeriesDetector.LIK_SLOT[DetectorKind.CLUSTER.ordinal()];
        double sum = Math.log1p(distance);
        for (int i = 0; i < w; i++) {
            if (i != s.likShortPos) {
                sum += s.likShort[slot * w + i];
            }
        }
        return !((sum / w - s.likMean[slot]) / EvidenceFusion.likelihoodScale(s, slot)
                <= ADAPT_GATE_Z);
    }

    /**
     * Seeds a likelihood slot's calibration with raw scores the detector would have given on data
     * already seen (the cluster model's training embeddings): it scores from its first sample
     * against that baseline, instead of against an empty calibration, which would make its first
     * scores look extreme on every series at the same moment.
     */
    private void calibrate(DetectorState s, int slot, double[] rawScores) {
        int w = config.likelihoodShortWindow();
        if (rawScores.length < w) {
            return;
        }
        double mean = 0;
        double m2 = 0;
        int n = 0;
        double sum = 0;
        for (int i = 0; i < rawScores.length; i++) {
            sum += Math.log1p(rawScores[i]);
            if (i >= w) {
                sum -= Math.log1p(rawScores[i - w]);
            }
            if (i >= w - 1) {
                double avg = sum / w;
                n++;
                double d = avg - mean;
                mean += d / n;
                m2 += d * (avg - mean);
            }
        }
        s.likMean[slot] = mean;
        s.likVar[slot] = n > 1 ? m2 / (n - 1) : 0.0;
        for (int i = 0; i < w; i++) {
            // the ring's write position is shared; order inside the window does not matter
            s.likShort[slot * w + i] = (float) Math.log1p(rawScores[rawScores.length - w + i]);
        }
        s.likSeen[slot] = n;
    }
}
