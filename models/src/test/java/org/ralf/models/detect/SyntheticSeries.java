package org.ralf.models.detect;

import java.util.Random;

/** Seeded synthetic series shared by the detector tests: 5-minute samples from a fixed instant. */
final class SyntheticSeries {

    /** 2024-01-01T00:00:00Z. */
    static final long START = 1_704_067_200_000L;

    static final long STEP = 300_000L;

    private SyntheticSeries() {}

    static long ts(int i) {
        return START + i * STEP;
    }

    /** Gaussian noise around a level. */
    static double[] noise(int n, double level, double sigma, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = level + sigma * r.nextGaussian();
        }
        return v;
    }

    /** A daily sine (period 288 samples) plus noise. */
    static double[] daily(int n, double level, double amplitude, double sigma, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = level + amplitude * Math.sin(2 * Math.PI * i / 288.0) + sigma * r.nextGaussian();
        }
        return v;
    }

    /** Feeds every value and returns the scores. */
    static Score[] run(SeriesDetector d, DetectorState s, double[] v) {
        Score[] out = new Score[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = d.update(s, ts(i), v[i]);
        }
        return out;
    }
}
