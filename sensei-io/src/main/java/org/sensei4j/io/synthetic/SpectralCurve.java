package org.sensei4j.io.synthetic;

/**
 * A smooth curve through (wavelength nm, value) anchor points: monotone piecewise-cubic Hermite interpolation
 * (PCHIP, Fritsch–Carlson slopes), which passes through every anchor and never overshoots between two of them.
 * Outside the anchors the curve is constant at the end values.
 */
final class SpectralCurve {

    private final double[] x;
    private final double[] y;
    private final double[] slope;

    /** @param pairs wavelength and value alternately, wavelengths strictly increasing */
    SpectralCurve(double... pairs) {
        if (pairs.length < 4 || pairs.length % 2 != 0) {
            throw new IllegalArgumentException("give at least two (nm, value) pairs");
        }
        int n = pairs.length / 2;
        x = new double[n];
        y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = pairs[2 * i];
            y[i] = pairs[2 * i + 1];
            if (i > 0 && x[i] <= x[i - 1]) {
                throw new IllegalArgumentException("anchor wavelengths must increase: " + x[i - 1] + " then " + x[i]);
            }
        }
        double[] h = new double[n - 1];
        double[] delta = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            h[i] = x[i + 1] - x[i];
            delta[i] = (y[i + 1] - y[i]) / h[i];
        }
        slope = new double[n];
        slope[0] = delta[0];
        slope[n - 1] = delta[n - 2];
        for (int i = 1; i < n - 1; i++) {
            if (delta[i - 1] * delta[i] <= 0) {
                slope[i] = 0;
            } else {
                double w1 = 2 * h[i] + h[i - 1];
                double w2 = h[i] + 2 * h[i - 1];
                slope[i] = (w1 + w2) / (w1 / delta[i - 1] + w2 / delta[i]);
            }
        }
        // end slopes: keep the end segments monotone too
        for (int i : new int[] {0, n - 1}) {
            double d = delta[i == 0 ? 0 : n - 2];
            if (slope[i] * d < 0 || d == 0) {
                slope[i] = 0;
            } else if (Math.abs(slope[i]) > 3 * Math.abs(d)) {
                slope[i] = 3 * d;
            }
        }
    }

    /** Value at {@code nm}. */
    double at(double nm) {
        int n = x.length;
        if (nm <= x[0]) {
            return y[0];
        }
        if (nm >= x[n - 1]) {
            return y[n - 1];
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= nm) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double h = x[hi] - x[lo];
        double t = (nm - x[lo]) / h;
        double t2 = t * t;
        double t3 = t2 * t;
        return (2 * t3 - 3 * t2 + 1) * y[lo]
                + (t3 - 2 * t2 + t) * h * slope[lo]
                + (-2 * t3 + 3 * t2) * y[hi]
                + (t3 - t2) * h * slope[hi];
    }
}
