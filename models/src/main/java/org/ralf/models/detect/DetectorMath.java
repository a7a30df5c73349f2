package org.ralf.models.detect;

/**
 * Numeric helpers of the detectors: the Gaussian upper tail (through a fitted complementary error
 * function) and a linear-time median by selection. Pure static functions.
 */
final class DetectorMath {

    private DetectorMath() {}

    /** P(Z &ge; z) for a standard normal Z, at least {@link Double#MIN_NORMAL}. */
    static double upperTail(double z) {
        // Floored so that -ln p stays finite for absurd z (e.g. a 1e6 spike on a unit-noise
        // series).
        return Math.max(Double.MIN_NORMAL, 0.5 * erfc(z / Math.sqrt(2.0)));
    }

    /** Complementary error function (Chebyshev fit, relative error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double ans =
                t
                        * Math.exp(
                                -z * z
                                        - 1.26551223
                                        + t
                                                * (1.00002368
                                                        + t
                                                                * (0.37409196
                                                                        + t
                                                                                * (0.09678418
                                                                                        + t
                                                                                                * (-0.18628806
                                                                                                        + t
                                                                                                                * (0.27886807
                                                                                                                        + t
                                                                                                                                * (-1.13520398
                                                                                                                                        + t
                                                                                                                                                * (1.48851587
                                                                                                                                                        + t
                                                                                                                                                                * (-0.82215223
                                                                                                                                                                        + t
                                                                                                                                                                                * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }

    /**
     * Median of the first n entries (reorders them): the same value a sort gives, found by
     * selection in linear time (the robust detector takes two medians of its ring per sample).
     */
    static double median(double[] a, int n) {
        int mid = n / 2;
        double upper = select(a, n, mid);
        if ((n & 1) == 1) {
            return upper;
        }
        // After the selection every entry below mid is <= a[mid]: the lower middle is their max.
        double lower = a[0];
        for (int i = 1; i < mid; i++) {
            lower = Math.max(lower, a[i]);
        }
        return 0.5 * (lower + upper);
    }

    /**
     * The k-th smallest of the first n entries (Hoare selection, median-of-three pivot); on return
     * a[k] holds it, entries before k are &le; it and entries after k are &ge; it.
     */
    static double select(double[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (hi > lo) {
            int m = (lo + hi) >>> 1;
            if (a[m] < a[lo]) {
                swap(a, m, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[m]) {
                swap(a, hi, m);
            }
            double pivot = a[m];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
