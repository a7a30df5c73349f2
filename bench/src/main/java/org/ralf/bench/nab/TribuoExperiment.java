package org.ralf.bench.nab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.ralf.models.detect.DetectorConfig;
import org.ralf.models.detect.DetectorKind;
import org.ralf.models.detect.DetectorState;
import org.ralf.models.detect.Score;
import org.ralf.models.detect.SeriesDetector;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.libsvm.LibSVMAnomalyTrainer;
import org.tribuo.anomaly.libsvm.SVMAnomalyType;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.la.DenseVector;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The Tribuo experiment behind the design choice in {@code docs/detection.md}: does a Tribuo
 * k-means model over lag-embedded windows, trained causally on a prefix of each series, find NAB's
 * anomalies better than the built-in nearest-neighbour context detector? Both raw distances go
 * through the identical calibration (Gaussian tail of the log distance against its own EWMA
 * mean/variance, capped repeats within 20 samples), and each is scored alone with {@link
 * NabScorer}. Run: {@code java -cp ... org.ralf.bench.nab.TribuoExperiment DIR}.
 */
public final class TribuoExperiment {

    private static final int DIM = DetectorConfig.defaults().contextDim();
    private static final int PREFIX = DetectorConfig.defaults().clusterPrefix();
    private static final int CENTROIDS = DetectorConfig.defaults().clusterCentroids();

    private TribuoExperiment() {}

    /** Entry point: {@code args[0]} is a NAB-layout folder. */
    public static void main(String[] args) throws IOException {
        run(Path.of(args[0]), System.out);
    }

    /** Runs both variants and prints their NAB scores. */
    public static void run(Path dataDir, PrintStream out) throws IOException {
        NabCorpus corpus = NabCorpus.load(dataDir);
        SeriesDetector knn =
                new SeriesDetector(
                        DetectorConfig.defaults().withEnabled(EnumSet.of(DetectorKind.CONTEXT)));
        List<NabScorer.ScoredFile> knnScored = new ArrayList<>();
        List<NabScorer.ScoredFile> kmeansScored = new ArrayList<>();
        List<NabScorer.ScoredFile> svmScored = new ArrayList<>();
        long svmNanos = 0;
        long kmeansNanos = 0;
        for (NabCorpus.DataFile f : corpus.files()) {
            double[] rawKnn = new double[f.size()];
            DetectorState s = knn.newState();
            for (int i = 0; i < f.size(); i++) {
                Score sc = knn.update(s, f.timestamps()[i], f.values()[i]);
                rawKnn[i] = sc.accepted() ? sc.contribution(DetectorKind.CONTEXT).raw() : 0.0;
            }
            long t0 = System.nanoTime();
            double[] rawKm = kmeansDistances(f.values());
            kmeansNanos += System.nanoTime() - t0;
            long t1 = System.nanoTime();
            double[] rawSvm = oneClassSvm(f.values());
            svmNanos += System.nanoTime() - t1;
            List<long[]> w = corpus.windowsOf(f.relativePath());
            knnScored.add(
                    new NabScorer.ScoredFile(
                            f.relativePath(), f.timestamps(), calibrate(rawKnn), w));
            svmScored.add(
                    new NabScorer.ScoredFile(
                            f.relativePath(), f.timestamps(), calibrate(rawSvm), w));
            kmeansScored.add(
                    new NabScorer.ScoredFile(
                            f.relativePath(), f.timestamps(), calibrate(rawKm), w));
        }
        NabResult a = NabScorer.score(knnScored, corpus.profiles());
        NabResult b = NabScorer.score(kmeansScored, corpus.profiles());
        NabResult c = NabScorer.score(svmScored, corpus.profiles());
        out.printf(
                Locale.ROOT,
                "context kNN alone:      %.2f / %.2f / %.2f%n",
                a.standard(),
                a.rewardLowFpRate(),
                a.rewardLowFnRate());
        out.printf(
                Locale.ROOT,
                "Tribuo k-means alone:   %.2f / %.2f / %.2f  (k-means time %.2f s)%n",
                b.standard(),
                b.rewardLowFpRate(),
                b.rewardLowFnRate(),
                kmeansNanos / 1e9);
        out.printf(
                Locale.ROOT,
                "Tribuo one-class SVM:   %.2f / %.2f / %.2f  (SVM time %.2f s)%n",
                c.standard(),
                c.rewardLowFpRate(),
                c.rewardLowFnRate(),
                svmNanos / 1e9);
    }

    /**
     * Negative decision value of a Tribuo one-class SVM (RBF, nu 0.05, gamma 10) trained on the
     * prefix's embeddings, floored at 0; 0 until the model is trained.
     */
    static double[] oneClassSvm(double[] v) {
        double[] out = new double[v.length];
        int prefix = Math.min(PREFIX, v.length);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < prefix; i++) {
            min = Math.min(min, v[i]);
            max = Math.max(max, v[i]);
        }
        double range = Math.max(max - min, 1e-9);
        String[] names = new String[DIM];
        for (int j = 0; j < DIM; j++) {
            names[j] = String.format(Locale.ROOT, "lag%02d", j);
        }
        AnomalyFactory factory = new AnomalyFactory();
        MutableDataset<Event> train =
                new MutableDataset<>(new SimpleDataSourceProvenance("prefix", factory), factory);
        for (int i = DIM - 1; i < prefix; i++) {
            train.add(
                    new ArrayExample<>(
                            AnomalyFactory.EXPECTED_EVENT, names, embed(v, i, min, range)));
        }
        // libsvm prints its optimisation trace to stdout by default.
        libsvm.svm.svm_set_print_string_function(text -> {});
        SVMParameters<Event> params =
                new SVMParameters<>(
                        new SVMAnomalyType(SVMAnomalyType.SVMMode.ONE_CLASS), KernelType.RBF);
        params.setNu(0.05);
        params.setGamma(10.0);
        Model<Event> model = new LibSVMAnomalyTrainer(params, 42L).train(train);
        for (int i = prefix; i < v.length; i++) {
            Event e =
                    model.predict(
                                    new ArrayExample<>(
                                            AnomalyFactory.EXPECTED_EVENT,
                                            names,
                                            embed(v, i, min, range)))
                            .getOutput();
            out[i] = Math.max(0.0, -e.getScore());
        }
        return out;
    }

    /** Distance of each lag embedding to its nearest centroid; 0 until the model is trained. */
    static double[] kmeansDistances(double[] v) {
        double[] out = new double[v.length];
        int prefix = Math.min(PREFIX, v.length);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < prefix; i++) {
            min = Math.min(min, v[i]);
            max = Math.max(max, v[i]);
        }
        double range = Math.max(max - min, 1e-9);
        String[] names = new String[DIM];
        for (int j = 0; j < DIM; j++) {
            names[j] = String.format(Locale.ROOT, "lag%02d", j);
        }
        ClusteringFactory factory = new ClusteringFactory();
        MutableDataset<ClusterID> train =
                new MutableDataset<>(new SimpleDataSourceProvenance("prefix", factory), factory);
        for (int i = DIM - 1; i < prefix; i++) {
            train.add(
                    new ArrayExample<>(
                            ClusteringFactory.UNASSIGNED_CLUSTER_ID,
                            names,
                            embed(v, i, min, range)));
        }
        KMeansTrainer trainer =
                new KMeansTrainer(
                        CENTROIDS,
                        25,
                        new L2Distance(),
                        KMeansTrainer.Initialisation.PLUSPLUS,
                        1,
                        42L);
        KMeansModel model = trainer.train(train);
        DenseVector[] centroids = model.getCentroidVectors();
        for (int i = prefix; i < v.length; i++) {
            double[] e = embed(v, i, min, range);
            double best = Double.POSITIVE_INFINITY;
            for (DenseVector c : centroids) {
                double d = 0;
                for (int j = 0; j < DIM; j++) {
                    double diff = e[j] - c.get(j);
                    d += diff * diff;
                }
                best = Math.min(best, d);
            }
            out[i] = Math.sqrt(best / DIM);
        }
        return out;
    }

    private static double[] embed(double[] v, int end, double min, double range) {
        double[] e = new double[DIM];
        for (int j = 0; j < DIM; j++) {
            double x = v[end - DIM + 1 + j];
            e[j] = Double.isFinite(x) ? (x - min) / range : 0.0;
        }
        return e;
    }

    /** Same calibration for both variants: Gaussian tail of log1p(raw) against its EWMA. */
    static double[] calibrate(double[] raw) {
        double[] out = new double[raw.length];
        double mean = 0;
        double var = 0;
        int since = Integer.MAX_VALUE / 2;
        for (int i = 0; i < raw.length; i++) {
            double x = Math.log1p(raw[i]);
            double a = Math.max(0.002, 1.0 / (i + 1));
            double z = (x - mean) / (Math.sqrt(var) + 0.05 * Math.abs(mean) + 1e-6);
            double score = i < 150 ? 0.0 : Math.min(1.0, z * z / 2 / Math.log(1e30));
            if (z < 0) {
                score = 0;
            }
            double diff = x - mean;
            mean += a * diff;
            var = (1 - a) * (var + a * diff * diff);
            since++;
            if (score >= 0.2) {
                if (since <= 20) {
                    score = Math.nextDown(0.2);
                } else {
                    since = 0;
                }
            }
            out[i] = score;
        }
        return out;
    }
}
