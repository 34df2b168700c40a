package org.sensei4j.io.synthetic;

/**
 * Seeded fractal value noise in the plane: a sum of octaves of lattice noise (a hashed random value at each
 * integer lattice point, blended with the quintic fade), each octave half the period of the one before.
 * Values lie in [0, 1); a value depends only on the seed, the settings and the position, so fields are
 * identical however they are split into rows or threads.
 */
final class ValueNoise {

    private final long[] seeds;
    private final double[] invPeriod;
    private final double[] amplitude;
    private final double[] offsetU;
    private final double[] offsetV;
    private final double cos;
    private final double sin;
    private final double invStretch;
    private final double invNorm;

    /**
     * @param seed seed of the field
     * @param basePeriodPx lattice spacing of the coarsest octave, in pixels
     * @param minPeriodPx octaves are added while their lattice spacing is at least this, in pixels (at least one)
     * @param persistence amplitude ratio of one octave to the one before, e.g. 0.5
     * @param angleRad direction of the stretch axis, radians from the column axis
     * @param stretch how much longer features are along the stretch axis than across it (1 = isotropic)
     */
    ValueNoise(
            long seed, double basePeriodPx, double minPeriodPx, double persistence, double angleRad, double stretch) {
        int octaves = 1;
        for (double p = basePeriodPx / 2; p >= minPeriodPx && octaves < 12; p /= 2) {
            octaves++;
        }
        seeds = new long[octaves];
        invPeriod = new double[octaves];
        amplitude = new double[octaves];
        offsetU = new double[octaves];
        offsetV = new double[octaves];
        double amp = 1;
        double norm = 0;
        long s = seed;
        for (int o = 0; o < octaves; o++) {
            s = mix(s + 0x9E3779B97F4A7C15L);
            seeds[o] = s;
            invPeriod[o] = (1 << o) / basePeriodPx;
            amplitude[o] = amp;
            // random lattice origin per octave: no octave's lattice lines up with another's at the origin
            offsetU[o] = (mix(s ^ 0x632BE59BD9B4E019L) >>> 11) * 0x1.0p-53 * 1000;
            offsetV[o] = (mix(s ^ 0x85157AF5L) >>> 11) * 0x1.0p-53 * 1000;
            norm += amp;
            amp *= persistence;
        }
        invNorm = 1 / norm;
        cos = Math.cos(angleRad);
        sin = Math.sin(angleRad);
        invStretch = 1 / stretch;
    }

    /** Number of octaves summed. */
    int octaves() {
        return seeds.length;
    }

    /**
     * Writes the field at pixel centres {@code (x0 + i + 0.5, y + 0.5)}, {@code i = 0..width−1}, into
     * {@code out[offset..offset+width)}; x along columns, y along rows, both in pixels.
     */
    void fillRow(double x0, double y, float[] out, int offset, int width) {
        double[] acc = new double[width];
        double px = x0 + 0.5;
        double py = y + 0.5;
        for (int o = 0; o < seeds.length; o++) {
            long seed = seeds[o];
            double ip = invPeriod[o];
            double u = (px * cos + py * sin) * ip * invStretch + offsetU[o];
            double v = (-px * sin + py * cos) * ip + offsetV[o];
            double du = cos * ip * invStretch;
            double dv = -sin * ip;
            double amp = amplitude[o];
            if (dv == 0) {
                axisAlignedOctave(seed, u, du, v, amp, acc, width);
                continue;
            }
            long cellX = Long.MIN_VALUE;
            long cellY = Long.MIN_VALUE;
            double a = 0;
            double b = 0;
            double c = 0;
            double d = 0;
            for (int i = 0; i < width; i++) {
                double uu = u + i * du;
                double vv = v + i * dv;
                double fu = Math.floor(uu);
                double fv = Math.floor(vv);
                long xi = (long) fu;
                long yi = (long) fv;
                if (xi != cellX || yi != cellY) {
                    if (yi == cellY && xi == cellX + 1) {
                        a = b;
                        c = d;
                    } else {
                        a = lattice(seed, xi, yi);
                        c = lattice(seed, xi, yi + 1);
                    }
                    b = lattice(seed, xi + 1, yi);
                    d = lattice(seed, xi + 1, yi + 1);
                    cellX = xi;
                    cellY = yi;
                }
                double tx = fade(uu - fu);
                double ty = fade(vv - fv);
                double top = a + (b - a) * tx;
                double bottom = c + (d - c) * tx;
                acc[i] += amp * (top + (bottom - top) * ty);
            }
        }
        for (int i = 0; i < width; i++) {
            out[offset + i] = (float) (acc[i] * invNorm);
        }
    }

    /** One octave along a row that runs parallel to the lattice: the row's lattice row and fade are shared. */
    private static void axisAlignedOctave(
            long seed, double u, double du, double v, double amp, double[] acc, int width) {
        double fv = Math.floor(v);
        long yi = (long) fv;
        double ty = fade(v - fv);
        long cellX = Long.MIN_VALUE;
        double left = 0;
        double right = 0;
        for (int i = 0; i < width; i++) {
            double uu = u + i * du;
            double fu = Math.floor(uu);
            long xi = (long) fu;
            if (xi != cellX) {
                if (xi == cellX + 1) {
                    left = right;
                } else {
                    double a = lattice(seed, xi, yi);
                    left = a + (lattice(seed, xi, yi + 1) - a) * ty;
                }
                double b = lattice(seed, xi + 1, yi);
                right = b + (lattice(seed, xi + 1, yi + 1) - b) * ty;
                cellX = xi;
            }
            acc[i] += amp * (left + (right - left) * fade(uu - fu));
        }
    }

    /** The field at one pixel centre {@code (x + 0.5, y + 0.5)}. */
    float at(double x, double y) {
        float[] one = new float[1];
        fillRow(x, y, one, 0, 1);
        return one[0];
    }

    private static double fade(double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }

    /** Random value in [0, 1) at lattice point (x, y). */
    static double lattice(long seed, long x, long y) {
        long h = mix(seed + x * 0x9E3779B97F4A7C15L);
        h = mix(h + y * 0xC2B2AE3D27D4EB4FL);
        return (h >>> 11) * 0x1.0p-53;
    }

    /** The MurmurHash3 64-bit finaliser: a bijective, well-mixing hash of a long. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
