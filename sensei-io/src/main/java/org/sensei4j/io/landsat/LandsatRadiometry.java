package org.sensei4j.io.landsat;

import java.util.Arrays;
import org.sensei4j.error.SenseiException;

/**
 * Landsat Level-1 DN conversions (USGS formulas), as pure functions on row-major pixel arrays.
 *
 * <ul>
 *   <li>radiance {@code L = M_L·DN + A_L}, W/(m²·sr·µm);</li>
 *   <li>TOA reflectance {@code ρ = (M_ρ·DN + A_ρ) / sin(sun elevation)}, unitless, not clipped (may be below 0
 *       or above 1);</li>
 *   <li>brightness temperature {@code BT = K2 / ln(K1/L + 1)}, kelvin (NaN where {@code L <= 0}).</li>
 * </ul>
 *
 * <p>DN 0 is fill (no data) and becomes NaN in every output; DNs are unsigned values held in {@code int}s.
 * Saturation ({@code DN == QUANTIZE_CAL_MAX}) keeps its converted value and is reported by
 * {@link #saturationMask(int[], LandsatBand)}.
 */
public final class LandsatRadiometry {

    /** The DN Landsat Level-1 products use for fill (no data). */
    public static final int NODATA_DN = 0;

    /** The percentile of valid brightness temperatures that {@link #normaliseBrightnessTemperature} maps to 1. */
    public static final double BT_NORMALISATION_PERCENTILE = 95.0;

    private LandsatRadiometry() {}

    /** TOA spectral radiance, W/(m²·sr·µm); NaN at DN 0. */
    public static float[] radiance(int[] dn, LandsatBand band) {
        double m = band.radianceMult();
        double a = band.radianceAdd();
        float[] out = new float[dn.length];
        for (int i = 0; i < dn.length; i++) {
            out[i] = dn[i] == NODATA_DN ? Float.NaN : (float) (m * dn[i] + a);
        }
        return out;
    }

    /**
     * TOA reflectance with the sun-elevation correction, {@code (M·DN + A) / sin(elevation)}; NaN at DN 0.
     *
     * @param sunElevationDeg sun elevation in degrees, in (0, 90]
     * @throws SenseiException when the band is thermal or its reflectance keys are missing
     */
    public static float[] toaReflectance(int[] dn, LandsatBand band, double sunElevationDeg) {
        if (!(sunElevationDeg > 0 && sunElevationDeg <= 90)) {
            throw new IllegalArgumentException("sun elevation " + sunElevationDeg
                    + "° is not in (0, 90]: TOA reflectance needs the sun above the horizon");
        }
        double m = band.reflectanceMult();
        double a = band.reflectanceAdd();
        double sin = Math.sin(Math.toRadians(sunElevationDeg));
        float[] out = new float[dn.length];
        for (int i = 0; i < dn.length; i++) {
            out[i] = dn[i] == NODATA_DN ? Float.NaN : (float) ((m * dn[i] + a) / sin);
        }
        return out;
    }

    /** TOA reflectance of band {@code bandId} with the scene-centre sun elevation of {@code metadata}. */
    public static float[] toaReflectance(int[] dn, LandsatMetadata metadata, String bandId) {
        return toaReflectance(dn, metadata.band(bandId), metadata.sunElevationDeg());
    }

    /**
     * At-sensor brightness temperature in kelvin, {@code K2 / ln(K1/L + 1)} with {@code L = M·DN + A}; NaN at
     * DN 0 and where the radiance is not positive.
     *
     * @throws SenseiException when the band is not thermal or its keys are missing
     */
    public static float[] brightnessTemperature(int[] dn, LandsatBand band) {
        double m = band.radianceMult();
        double a = band.radianceAdd();
        double k1 = band.k1();
        double k2 = band.k2();
        float[] out = new float[dn.length];
        for (int i = 0; i < dn.length; i++) {
            out[i] = dn[i] == NODATA_DN ? Float.NaN : (float) brightnessTemperature(m * dn[i] + a, k1, k2);
        }
        return out;
    }

    /** Brightness temperature in kelvin from radiance in W/(m²·sr·µm); NaN stays NaN, {@code L <= 0} gives NaN. */
    public static float[] brightnessTemperatureFromRadiance(float[] radiance, double k1, double k2) {
        float[] out = new float[radiance.length];
        for (int i = 0; i < radiance.length; i++) {
            out[i] = (float) brightnessTemperature(radiance[i], k1, k2);
        }
        return out;
    }

    private static double brightnessTemperature(double radiance, double k1, double k2) {
        return radiance > 0 ? k2 / Math.log(k1 / radiance + 1.0) : Double.NaN;
    }

    /**
     * The top-of-atmosphere value SEnSeI takes before normalisation: reflectance for reflective bands,
     * brightness temperature in kelvin for thermal bands. NaN at DN 0.
     */
    public static float[] toa(int[] dn, LandsatMetadata metadata, String bandId) {
        LandsatBand band = metadata.band(bandId);
        return band.isThermal()
                ? brightnessTemperature(dn, band)
                : toaReflectance(dn, band, metadata.sunElevationDeg());
    }

    /** True where DN is 0 (fill). */
    public static boolean[] nodataMask(int[] dn) {
        boolean[] mask = new boolean[dn.length];
        for (int i = 0; i < dn.length; i++) {
            mask[i] = dn[i] == NODATA_DN;
        }
        return mask;
    }

    /** True where DN equals the band's {@code QUANTIZE_CAL_MAX} (saturated). */
    public static boolean[] saturationMask(int[] dn, LandsatBand band) {
        int max = band.quantizeCalMax();
        boolean[] mask = new boolean[dn.length];
        for (int i = 0; i < dn.length; i++) {
            mask[i] = dn[i] == max;
        }
        return mask;
    }

    /**
     * SEnSeI's thermal normalisation {@code (BT − BT_min) / (BT_95% − BT_min)} over the finite values of
     * {@code bt}; NaN stays NaN. The 95th percentile interpolates linearly between order statistics (rank
     * {@code 0.95·(n − 1)}, NumPy's default). When all valid values are equal the result is 0 there. An array
     * without finite values comes back as NaN.
     */
    public static float[] normaliseBrightnessTemperature(float[] bt) {
        float[] valid = new float[bt.length];
        int n = 0;
        for (float v : bt) {
            if (Float.isFinite(v)) {
                valid[n++] = v;
            }
        }
        float[] out = new float[bt.length];
        if (n == 0) {
            Arrays.fill(out, Float.NaN);
            return out;
        }
        Arrays.sort(valid, 0, n);
        double min = valid[0];
        double p95 = percentile(valid, n, BT_NORMALISATION_PERCENTILE);
        double range = p95 - min;
        for (int i = 0; i < bt.length; i++) {
            if (!Float.isFinite(bt[i])) {
                out[i] = Float.NaN;
            } else {
                out[i] = range > 0 ? (float) ((bt[i] - min) / range) : 0f;
            }
        }
        return out;
    }

    /** Linear-interpolation percentile of the first {@code n} values of the sorted array. */
    static double percentile(float[] sorted, int n, double percent) {
        double rank = percent / 100.0 * (n - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, n - 1);
        double frac = rank - lo;
        return sorted[lo] + frac * ((double) sorted[hi] - sorted[lo]);
    }
}
