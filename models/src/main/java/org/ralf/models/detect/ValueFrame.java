package org.ralf.models.detect;

/**
 * The 16-bit value codes of a {@link DetectorState}: a stored value is {@code frameLo + u *
 * frameStep} with {@code u} in 0..65535 (kept as a signed short, {@code u - 32768}). The frame
 * starts around the first value and only widens: when a value falls outside, the frame grows to
 * cover it plus half the new span on that side (so a trending series re-encodes a logarithmic
 * number of times, not at every sample), and every stored code is re-encoded.
 *
 * <p>Why this precision is enough: the frame is at most about twice the series' range, so a code
 * step is below 4e-5 of the range, and re-encoding adds at most 1.5 steps in total (the steps grow
 * geometrically); every detector floors its scale at 1e-3 of the range. The 8-bit prefix codes of
 * the k-means training (the high byte) are coarser (1/256 of the frame), which the centroids, each
 * an average of dozens of shapes, tolerate (measured on NAB, see docs/detection.md).
 */
final class ValueFrame {

    private static final int CODES = 65_535;
    private static final int OFFSET = 32_768;

    private ValueFrame() {}

    /** Value of a 16-bit code. */
    static double decode(DetectorState s, short code) {
        return s.frameLo + (code + OFFSET) * s.frameStep;
    }

    /** Nearest 16-bit code of a value inside the frame (clamped to the frame). */
    static short encode(DetectorState s, double value) {
        if (s.frameStep <= 0) {
            return (short) -OFFSET;
        }
        long u = Math.round((value - s.frameLo) / s.frameStep);
        return (short) (Math.max(0L, Math.min(CODES, u)) - OFFSET);
    }

    /** Value of an 8-bit prefix code. */
    static double decode8(DetectorState s, byte code) {
        return s.frameLo + ((code & 0xff) << 8) * s.frameStep;
    }

    /** Nearest 8-bit prefix code of a value inside the frame. */
    static byte encode8(DetectorState s, double value) {
        int u = encode(s, value) + OFFSET;
        return (byte) Math.min(255, (u + 128) >> 8);
    }

    /** Fixed-point code of a number in [0,1] (k-means centroids). */
    static short encodeUnit(double x) {
        double c = Math.max(0.0, Math.min(1.0, x));
        return (short) (Math.round(c * CODES) - OFFSET);
    }

    /** Number in [0,1] of a fixed-point code. */
    static double decodeUnit(short code) {
        return (code + OFFSET) / (double) CODES;
    }

    /** Widens the frame (re-encoding every stored code) so that it covers {@code value}. */
    static void cover(DetectorState s, double value) {
        if (s.frameStep <= 0) {
            double pad = Math.max(1e-9, 1e-6 * Math.abs(value));
            s.frameLo = value - pad;
            s.frameStep = 2 * pad / CODES;
            return;
        }
        double lo = s.frameLo;
        double hi = lo + CODES * s.frameStep;
        if (value >= lo && value <= hi) {
            return;
        }
        // Clamped: near Double.MAX_VALUE the computed upper edge itself can overflow.
        double newLo = Math.max(-Double.MAX_VALUE, Math.min(lo, value));
        double newHi = Math.min(Double.MAX_VALUE, Math.max(hi, value));
        double half = 0.5 * newHi - 0.5 * newLo;
        if (value < lo) {
            newLo = Math.max(-Double.MAX_VALUE, newLo - half);
        }
        if (value > hi) {
            newHi = Math.min(Double.MAX_VALUE, newHi + half);
        }
        DetectorState old = new DetectorState();
        old.frameLo = s.frameLo;
        old.frameStep = s.frameStep;
        s.frameLo = newLo;
        s.frameStep = (0.5 * newHi - 0.5 * newLo) / (CODES / 2.0);
        // Only codes that hold a value are re-encoded: the rings fill from index 0, the k-means
        // prefix holds the first `count` values, and a seasonal bin holds one once counted. The
        // others are written before they are ever read, so skipping them changes no score, and a
        // young series (whose frame widens most often) no longer re-encodes ~1,000 empty codes
        // each time.
        recode(old, s, s.robustRing, s.robustSize);
        recode(old, s, s.contextRing, s.contextSize);
        for (int bin = 0; bin < s.seasonMean.length; bin++) {
            if (s.seasonCountOf(bin) > 0) {
                s.seasonMean[bin] = encode(s, decode(old, s.seasonMean[bin]));
            }
        }
        int prefix = (int) Math.min(s.count, s.clusterPrefix.length);
        for (int i = 0; i < prefix; i++) {
            s.clusterPrefix[i] = encode8(s, decode8(old, s.clusterPrefix[i]));
        }
    }

    private static void recode(DetectorState from, DetectorState to, short[] codes, int filled) {
        for (int i = 0; i < filled; i++) {
            codes[i] = encode(to, decode(from, codes[i]));
        }
    }
}
