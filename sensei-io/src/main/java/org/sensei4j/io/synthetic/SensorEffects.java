package org.sensei4j.io.synthetic;

import java.util.SplittableRandom;
import org.sensei4j.error.SenseiException;

/**
 * What a sensor and its processing do to the reflectance a synthetic scene renders (measured-spectra scenes only,
 * see {@link MeasuredSceneSpec}): Gaussian blur of the point-spread function, a small misregistration of each band
 * (a sub-pixel shift drawn per band from the scene's seed and the band's wavelengths), noise of standard deviation
 * {@code noiseAbs + noiseRel · value}, quantisation to {@code bits} bits between 0 and {@code saturation}
 * (values above saturate, as clouds and snow do in Landsat TM/ETM+ 8-bit bands), and optionally surface instead of
 * top-of-atmosphere reflectance (the clear-sky path reflectance removed and the gas transmittance divided out, as
 * an atmospheric correction does). Thermal bands get the noise only (in K, {@code 100 · noiseAbs}).
 *
 * @param bits               0 (no quantisation: floats), or 8..16
 * @param saturation         reflectance of the largest digital number; ignored when bits is 0
 * @param noiseAbs           noise floor, reflectance
 * @param noiseRel           noise growing with the signal, fraction of the value
 * @param blurSigmaPx        standard deviation of the Gaussian point-spread function, px (0: none)
 * @param misregistrationPx  largest shift of a band against the scene's grid, px, along each axis
 * @param surfaceReflectance surface (bottom-of-atmosphere) instead of top-of-atmosphere reflectance
 */
public record SensorEffects(
        int bits,
        double saturation,
        double noiseAbs,
        double noiseRel,
        double blurSigmaPx,
        double misregistrationPx,
        boolean surfaceReflectance) {

    /** The legacy generator's noise only: 0.0015 + 0.6% of the value, no blur, shift or quantisation. */
    public static final SensorEffects NOISE_ONLY =
            new SensorEffects(0, Double.POSITIVE_INFINITY, 0.0015, 0.006, 0, 0, false);

    public SensorEffects {
        if (bits != 0 && (bits < 8 || bits > 16)) {
            throw new SenseiException("sensor effects: " + bits + " bits: give 0 (floats) or 8..16");
        }
        if (bits != 0 && !(saturation > 0)) {
            throw new SenseiException("sensor effects: saturation " + saturation + " must be a positive reflectance");
        }
        if (!(noiseAbs >= 0)
                || !(noiseRel >= 0)
                || !(blurSigmaPx >= 0)
                || !(misregistrationPx >= 0)
                || Double.isInfinite(blurSigmaPx)
                || blurSigmaPx > 10
                || misregistrationPx > 5) {
            throw new SenseiException("sensor effects: noise, blur (at most 10 px) and misregistration (at most "
                    + "5 px) must be finite and >= 0");
        }
    }

    /**
     * Effects drawn for one scene: 8 bits (25%, saturating at 0.45-1.0 reflectance), 12 bits (35%, at 1.6) or
     * 16 bits (40%, 0.0001 steps); noise floor 0.0005-0.004 plus 0.2-1% of the value; blur σ 0-0.8 px; bands
     * shifted by up to 0-0.4 px; surface reflectance in 25% of scenes.
     */
    public static SensorEffects draw(SplittableRandom r) {
        double u = r.nextDouble();
        int bits = u < 0.25 ? 8 : u < 0.6 ? 12 : 16;
        double saturation = bits == 8 ? 0.45 + 0.55 * r.nextDouble() : bits == 12 ? 1.6 : 6.5535;
        double noiseAbs = 0.0005 + 0.0035 * r.nextDouble();
        double noiseRel = 0.002 + 0.008 * r.nextDouble();
        double blur = 0.8 * r.nextDouble();
        double shift = 0.4 * r.nextDouble();
        boolean surface = r.nextDouble() < 0.25;
        return new SensorEffects(bits, saturation, noiseAbs, noiseRel, blur, shift, surface);
    }

    /** {@code v} quantised to this many bits (and clipped to 0..saturation); {@code v} itself when bits is 0. */
    public double quantise(double v) {
        if (bits == 0) {
            return Math.max(0, v);
        }
        double levels = (1 << bits) - 1;
        double dn = Math.rint(v / saturation * levels);
        dn = dn < 0 ? 0 : dn > levels ? levels : dn;
        return dn * saturation / levels;
    }

    /**
     * Applies the effects in place to one band of {@code w × h} values: blur, then the band's shift (bilinear,
     * edges held), then noise, then quantisation (reflective bands) or noise alone (thermal bands, K).
     *
     * @param key the band's noise key (seed and wavelengths): noise and shift depend on it only
     */
    float[] apply(float[] v, int w, int h, long key, boolean thermal) {
        float[] out = v;
        if (!thermal && blurSigmaPx > 0.05) {
            out = blur(out, w, h, blurSigmaPx);
        }
        if (!thermal && misregistrationPx > 0) {
            double dx = misregistrationPx * (2 * unit(key ^ 0x3C6EF372FE94F82BL) - 1);
            double dy = misregistrationPx * (2 * unit(key ^ 0xA54FF53A5F1D36F1L) - 1);
            out = shift(out, w, h, dx, dy);
        }
        final float[] res = out == v ? v : out;
        for (int i = 0; i < res.length; i++) {
            double x = res[i];
            if (thermal) {
                res[i] = (float) (x + 100 * noiseAbs * SyntheticSceneGenerator.gaussian(key, i));
            } else {
                x += (noiseAbs + noiseRel * Math.max(0, x)) * SyntheticSceneGenerator.gaussian(key, i);
                res[i] = (float) quantise(x);
            }
        }
        return res;
    }

    private static double unit(long seed) {
        return (ValueNoise.mix(seed) >>> 11) * 0x1.0p-53;
    }

    /** Separable Gaussian blur of standard deviation {@code sigma} px, edges held. */
    static float[] blur(float[] v, int w, int h, double sigma) {
        int rad = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * rad + 1];
        double sum = 0;
        for (int j = -rad; j <= rad; j++) {
            k[j + rad] = Math.exp(-0.5 * j * j / (sigma * sigma));
            sum += k[j + rad];
        }
        for (int j = 0; j < k.length; j++) {
            k[j] /= sum;
        }
        float[] tmp = new float[v.length];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double a = 0;
                for (int j = -rad; j <= rad; j++) {
                    int cc = Math.min(w - 1, Math.max(0, c + j));
                    a += k[j + rad] * v[r * w + cc];
                }
                tmp[r * w + c] = (float) a;
            }
        }
        float[] out = new float[v.length];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double a = 0;
                for (int j = -rad; j <= rad; j++) {
                    int rr = Math.min(h - 1, Math.max(0, r + j));
                    a += k[j + rad] * tmp[rr * w + c];
                }
                out[r * w + c] = (float) a;
            }
        }
        return out;
    }

    /** The band shifted by (dx, dy) px: value at (c, r) is the input's at (c − dx, r − dy), bilinear. */
    static float[] shift(float[] v, int w, int h, double dx, double dy) {
        float[] out = new float[v.length];
        for (int r = 0; r < h; r++) {
            double y = Math.min(h - 1, Math.max(0, r - dy));
            int y0 = (int) Math.floor(y);
            int y1 = Math.min(h - 1, y0 + 1);
            double fy = y - y0;
            for (int c = 0; c < w; c++) {
                double x = Math.min(w - 1, Math.max(0, c - dx));
                int x0 = (int) Math.floor(x);
                int x1 = Math.min(w - 1, x0 + 1);
                double fx = x - x0;
                double top = v[y0 * w + x0] * (1 - fx) + v[y0 * w + x1] * fx;
                double bottom = v[y1 * w + x0] * (1 - fx) + v[y1 * w + x1] * fx;
                out[r * w + c] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }
}
