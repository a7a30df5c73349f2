package org.ralf.models.detect;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.la.DenseVector;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the cluster detector's model with Tribuo k-means on the lag embeddings of a series' prefix
 * and copies the centroids into the state's primitive array, so that scoring (and the state kept by
 * Flink) needs no Tribuo object. Deterministic (fixed seed, one thread).
 */
final class KMeansShapes {

    private static final long SEED = 42L;
    private static final int ITERATIONS = 25;

    /** Held so the level set below is not lost to garbage collection of the logger. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        // Tribuo logs every convergence at INFO; one model per series would flood the log.
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private KMeansShapes() {}

    /**
     * Trains {@code k} centroids on {@code s.clusterPrefix}, stores them and the normalisation in
     * {@code s}, and frees the prefix (the state keeps only the model from then on).
     *
     * @return the distance of every training embedding to its nearest centroid, in order (what
     *     {@link #distance} gives for them): the baseline that calibrates the detector's scores
     */
    static double[] train(DetectorState s, int dim, int k) {
        double[] v = new double[s.clusterPrefix.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = ValueFrame.decode8(s, s.clusterPrefix[i]);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double range = max - min > 0 ? max - min : Math.max(1e-9, Math.abs(max));
        s.clusterMin = min;
        s.clusterRange = range;
        short[] centroidCodes = new short[k * dim];
        String[] names = new String[dim];
        for (int j = 0; j < dim; j++) {
            names[j] = String.format(Locale.ROOT, "lag%03d", j);
        }
        ClusteringFactory factory = new ClusteringFactory();
        MutableDataset<ClusterID> data =
                new MutableDataset<>(new SimpleDataSourceProvenance("prefix", factory), factory);
        double[][] embeddings = new double[v.length - dim + 1][];
        for (int end = dim - 1; end < v.length; end++) {
            double[] e = new double[dim];
            for (int j = 0; j < dim; j++) {
                e[j] = (v[end - dim + 1 + j] - min) / range;
            }
            embeddings[end - dim + 1] = e;
        }
        try {
            for (double[] e : embeddings) {
                data.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, e));
            }
            KMeansTrainer trainer =
                    new KMeansTrainer(
                            k,
                            ITERATIONS,
                            new L2Distance(),
                            KMeansTrainer.Initialisation.PLUSPLUS,
                            1,
                            SEED);
            KMeansModel model = trainer.train(data);
            DenseVector[] centroids = model.getCentroidVectors();
            for (int c = 0; c < k; c++) {
                DenseVector cv = centroids[Math.min(c, centroids.length - 1)];
                for (int j = 0; j < dim; j++) {
                    centroidCodes[c * dim + j] =
                            ValueFrame.encodeUnit(j < cv.size() ? cv.get(j) : 0.0);
                }
            }
        } catch (RuntimeException degenerate) {
            // k-means++ cannot seed k centroids from fewer distinct points (e.g. a flat prefix),
            // and Tribuo rejects non-finite features (a prefix spanning more than
            // Double.MAX_VALUE):
            // fall back to evenly spaced prefix shapes, which is what the centroids would be
            // (non-finite coordinates are stored as 0).
            for (int c = 0; c < k; c++) {
                double[] e =
                        embeddings[(int) ((long) c * (embeddings.length - 1) / Math.max(1, k - 1))];
                for (int j = 0; j < dim; j++) {
                    centroidCodes[c * dim + j] = ValueFrame.encodeUnit(e[j]);
                }
            }
        }
        s.clusterCentroids = centroidCodes;
        s.clusterPrefix = new byte[0];
        s.clusterTrained = true;
        double[] distances = new double[embeddings.length];
        for (int i = 0; i < embeddings.length; i++) {
            distances[i] = nearest(s, embeddings[i], dim);
        }
        return distances;
    }

    /** RMS distance of a normalised embedding to the nearest stored centroid. */
    private static double nearest(DetectorState s, double[] normalised, int dim) {
        int k = s.clusterCentroids.length / dim;
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double d = 0;
            for (int j = 0; j < dim && d < best; j++) {
                double diff =
                        normalised[j] - ValueFrame.decodeUnit(s.clusterCentroids[c * dim + j]);
                d += diff * diff;
            }
            best = Math.min(best, d);
        }
        return Math.sqrt(best / dim);
    }

    /**
     * One step of sequential (MacQueen) k-means with a constant rate: moves the centroid nearest to
     * the embedding (newest value last) by {@code rate} times its difference to the embedding. An
     * embedding outside the normalisation's [0,1] first widens it (the centroids are re-expressed),
     * so that the centroids can follow a series that drifts out of its training range.
     */
    static void adapt(DetectorState s, double[] embedding, int dim, double rate) {
        int k = s.clusterCentroids.length / dim;
        double[] normalised = new double[dim];
        double lo = 0.0;
        double hi = 1.0;
        for (int j = 0; j < dim; j++) {
            normalised[j] = (embedding[j] - s.clusterMin) / s.clusterRange;
            lo = Math.min(lo, normalised[j]);
            hi = Math.max(hi, normalised[j]);
        }
        if ((lo < 0.0 || hi > 1.0) && Double.isFinite(lo) && Double.isFinite(hi)) {
            // The series has left the prefix's range: the 16-bit centroids (clamped to [0,1])
            // could not follow it. Widen the normalisation like the value frame (to cover the
            // embedding plus half the new span on the side it grew, so a trend widens it a
            // logarithmic number of times) and re-express the centroids in it.
            double span = hi - lo;
            double newLo = lo < 0.0 ? lo - 0.5 * span : 0.0;
            double newHi = hi > 1.0 ? hi + 0.5 * span : 1.0;
            double oldMin = s.clusterMin;
            double oldRange = s.clusterRange;
            s.clusterMin = oldMin + newLo * oldRange;
            s.clusterRange = (newHi - newLo) * oldRange;
            for (int i = 0; i < s.clusterCentroids.length; i++) {
                double c = ValueFrame.decodeUnit(s.clusterCentroids[i]);
                s.clusterCentroids[i] = ValueFrame.encodeUnit((c - newLo) / (newHi - newLo));
            }
            for (int j = 0; j < dim; j++) {
                normalised[j] = (embedding[j] - s.clusterMin) / s.clusterRange;
            }
        }
        int nearest = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double d = 0;
            for (int j = 0; j < dim && d < best; j++) {
                double diff =
                        normalised[j] - ValueFrame.decodeUnit(s.clusterCentroids[c * dim + j]);
                d += diff * diff;
            }
            if (d < best) {
                best = d;
                nearest = c;
            }
        }
        if (nearest < 0) {
            return; // non-finite distances (absurd magnitudes): nothing sensible to learn
        }
        for (int j = 0; j < dim; j++) {
            int i = nearest * dim + j;
            double c = ValueFrame.decodeUnit(s.clusterCentroids[i]);
            s.clusterCentroids[i] = ValueFrame.encodeUnit(c + rate * (normalised[j] - c));
        }
    }

    /** RMS distance of the latest embedding (newest value last) to the nearest centroid. */
    static double distance(DetectorState s, double[] embedding, int dim) {
        double[] normalised = new double[dim];
        for (int j = 0; j < dim; j++) {
            normalised[j] = (embedding[j] - s.clusterMin) / s.clusterRange;
        }
        return nearest(s, normalised, dim);
    }
}
