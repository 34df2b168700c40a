package org.sensei4j.io.synthetic;

import java.util.function.DoubleUnaryOperator;

/**
 * The spectra behind synthetic scenes, 400–2500 nm (constant beyond): two end-member reflectance spectra per
 * surface type (pixels blend between them), thick water cloud, cirrus (ice), the two-way water-vapour
 * transmittance of the atmosphere, and Rayleigh path reflectance. Anchor points are chosen to look like
 * published library spectra (USGS / ECOSTRESS style), not copied from any of them; surface temperatures and
 * thermal emissivities are typical values.
 */
final class ReferenceSpectra {

    private ReferenceSpectra() {}

    /** Dense green vegetation: low visible with a green peak, red edge at ~700 nm, NIR plateau ~0.4. */
    static final SpectralCurve VEGETATION_DENSE = new SpectralCurve(
            400, 0.030, 450, 0.035, 500, 0.045, 550, 0.090, 600, 0.060, 650, 0.040, 680, 0.035, 700, 0.080, 720, 0.200,
            740, 0.330, 760, 0.380, 800, 0.400, 900, 0.410, 1000, 0.400, 1100, 0.390, 1200, 0.360, 1300, 0.340, 1400,
            0.220, 1450, 0.160, 1500, 0.220, 1600, 0.270, 1700, 0.260, 1800, 0.210, 1900, 0.090, 1940, 0.070, 2000,
            0.090, 2100, 0.150, 2200, 0.170, 2300, 0.140, 2400, 0.100, 2500, 0.080);

    /** Sparse or dry vegetation (partly soil): weaker red edge, brighter visible and SWIR. */
    static final SpectralCurve VEGETATION_SPARSE = new SpectralCurve(
            400, 0.050, 500, 0.070, 550, 0.100, 650, 0.100, 680, 0.100, 700, 0.130, 750, 0.240, 800, 0.280, 1000, 0.300,
            1300, 0.300, 1400, 0.220, 1450, 0.190, 1500, 0.250, 1600, 0.320, 1800, 0.290, 1900, 0.150, 1950, 0.140,
            2000, 0.160, 2200, 0.250, 2400, 0.180, 2500, 0.150);

    /** Bright dry soil: rising gently from the blue into the SWIR, weak water dips. */
    static final SpectralCurve SOIL_DRY = new SpectralCurve(
            400, 0.100, 500, 0.140, 600, 0.200, 700, 0.250, 800, 0.280, 1000, 0.310, 1300, 0.340, 1400, 0.320, 1450,
            0.300, 1600, 0.370, 1800, 0.380, 1900, 0.330, 1950, 0.320, 2100, 0.370, 2200, 0.350, 2300, 0.340, 2500,
            0.320);

    /** Dark moist soil: same shape, darker, deeper water dips. */
    static final SpectralCurve SOIL_MOIST = new SpectralCurve(
            400, 0.050, 500, 0.070, 600, 0.110, 700, 0.140, 800, 0.160, 1000, 0.180, 1300, 0.190, 1400, 0.160, 1450,
            0.130, 1600, 0.200, 1800, 0.200, 1900, 0.110, 1950, 0.100, 2100, 0.170, 2200, 0.170, 2300, 0.150, 2500,
            0.130);

    /** Clear deep water: a few percent in the blue, ~0 in the NIR and SWIR. */
    static final SpectralCurve WATER_CLEAR = new SpectralCurve(
            400, 0.060, 450, 0.060, 500, 0.050, 550, 0.040, 600, 0.025, 650, 0.015, 700, 0.010, 750, 0.005, 800, 0.003,
            900, 0.002, 1000, 0.001, 2500, 0.001);

    /** Turbid water: green-red peak from sediment, still ~0 beyond 900 nm. */
    static final SpectralCurve WATER_TURBID = new SpectralCurve(
            400, 0.060, 500, 0.080, 550, 0.090, 600, 0.080, 650, 0.060, 700, 0.050, 750, 0.025, 800, 0.015, 850, 0.010,
            900, 0.005, 1000, 0.002, 2500, 0.001);

    /** Fresh snow: ~0.9 in the visible, falling through the NIR to ~0.05 at 1500–1600 nm. */
    static final SpectralCurve SNOW_FRESH = new SpectralCurve(
            400, 0.920, 500, 0.920, 600, 0.910, 700, 0.890, 800, 0.850, 900, 0.780, 1000, 0.650, 1030, 0.560, 1100,
            0.620, 1200, 0.450, 1260, 0.500, 1300, 0.400, 1400, 0.120, 1500, 0.050, 1600, 0.050, 1700, 0.080, 1800,
            0.120, 1900, 0.030, 2000, 0.010, 2100, 0.030, 2200, 0.040, 2300, 0.030, 2500, 0.010);

    /** Old coarse-grained snow and ice: darker, falling faster in the NIR, ~0.02 at 1600 nm. */
    static final SpectralCurve SNOW_OLD = new SpectralCurve(
            400, 0.800, 500, 0.800, 600, 0.780, 700, 0.740, 800, 0.680, 900, 0.580, 1000, 0.450, 1030, 0.350, 1100,
            0.400, 1200, 0.250, 1260, 0.280, 1300, 0.200, 1400, 0.050, 1500, 0.020, 1600, 0.025, 1700, 0.040, 1800,
            0.060, 1900, 0.010, 2000, 0.005, 2200, 0.020, 2500, 0.005);

    /** Bright built-up surfaces (concrete, light roofs): flat 0.2–0.3. */
    static final SpectralCurve URBAN_BRIGHT = new SpectralCurve(
            400, 0.180, 500, 0.220, 600, 0.260, 700, 0.280, 800, 0.290, 1000, 0.300, 1300, 0.310, 1600, 0.320, 2000,
            0.300, 2200, 0.290, 2500, 0.270);

    /** Dark built-up surfaces (asphalt, dark roofs): flat ~0.1–0.17. */
    static final SpectralCurve URBAN_DARK = new SpectralCurve(
            400, 0.080, 500, 0.100, 600, 0.120, 700, 0.130, 800, 0.140, 1000, 0.150, 1300, 0.160, 1600, 0.170, 2000,
            0.160, 2200, 0.150, 2500, 0.140);

    /**
     * Thick water cloud: bright and flat in the visible (~0.83), slowly decreasing into the SWIR, with droplet
     * absorption dips at 1450 and 1940 nm (the 1380 nm dip comes from the vapour above the cloud).
     */
    static final SpectralCurve THICK_CLOUD = new SpectralCurve(
            400, 0.820, 500, 0.830, 600, 0.830, 700, 0.820, 800, 0.810, 900, 0.790, 1000, 0.770, 1100, 0.750, 1200,
            0.720, 1300, 0.700, 1400, 0.600, 1450, 0.520, 1500, 0.620, 1600, 0.630, 1700, 0.600, 1800, 0.560, 1900,
            0.400, 1940, 0.350, 2000, 0.420, 2100, 0.500, 2200, 0.500, 2300, 0.470, 2500, 0.380);

    /** Cirrus (ice crystals), reflectance of an opaque layer: ~0.55 visible, strong ice absorption near 1500 nm. */
    static final SpectralCurve CIRRUS = new SpectralCurve(
            400, 0.550, 700, 0.540, 1000, 0.500, 1200, 0.450, 1300, 0.440, 1375, 0.420, 1450, 0.300, 1500, 0.180, 1600,
            0.200, 1700, 0.250, 1800, 0.250, 1900, 0.120, 2000, 0.080, 2200, 0.150, 2500, 0.100);

    /** The two end members of each surface type, indexed by {@link SurfaceType#ordinal()}. */
    static final SpectralCurve[][] SURFACE = {
        {VEGETATION_DENSE, VEGETATION_SPARSE},
        {SOIL_MOIST, SOIL_DRY},
        {WATER_CLEAR, WATER_TURBID},
        {SNOW_FRESH, SNOW_OLD},
        {URBAN_BRIGHT, URBAN_DARK},
    };

    /** Mean surface (skin) temperature of each surface type in kelvin, by ordinal. */
    static final double[] SURFACE_TEMPERATURE_K = {296.0, 306.0, 290.0, 268.0, 308.0};

    /** Thermal-infrared emissivity of each surface type, by ordinal. */
    static final double[] SURFACE_EMISSIVITY = {0.980, 0.955, 0.990, 0.985, 0.940};

    /** Scale height of atmospheric water vapour, m: the share of the column above height h is exp(−h / this). */
    static final double VAPOUR_SCALE_HEIGHT_M = 2000.0;

    /** Water-vapour absorption bands (centre nm, peak optical depth, Gaussian sigma nm), two-way, nadir. */
    private static final double[][] VAPOUR_BANDS = {
        {940, 0.60, 22}, {1130, 0.45, 28}, {1385, 6.5, 45}, {1880, 6.0, 55},
    };

    /**
     * Two-way optical depth of the whole atmospheric column at {@code nm}: a weak continuum plus water-vapour
     * bands; about 6.5 at 1385 nm, so the ground is nearly invisible around 1375 nm.
     */
    static double vapourOpticalDepth(double nm) {
        double depth = 0.02;
        for (double[] b : VAPOUR_BANDS) {
            double z = (nm - b[0]) / b[2];
            depth += b[1] * Math.exp(-0.5 * z * z);
        }
        return depth;
    }

    /** Two-way transmittance from the top of the atmosphere down to height {@code heightM} and back. */
    static double transmittance(double nm, double heightM) {
        return Math.exp(-vapourOpticalDepth(nm) * Math.exp(-heightM / VAPOUR_SCALE_HEIGHT_M));
    }

    /** Rayleigh path reflectance: 0.085 at 443 nm, falling as λ⁻⁴. */
    static double rayleighPath(double nm) {
        double r = 443.0 / nm;
        return 0.085 * r * r * r * r;
    }

    /**
     * Band-averaged value of {@code f}: the mean over (min, max) by the midpoint rule with at most 0.25 nm
     * between samples (boxcar spectral response); the value at {@code min} for a zero-width band.
     */
    static double bandMean(DoubleUnaryOperator f, double minNm, double maxNm) {
        double width = maxNm - minNm;
        if (width <= 0) {
            return f.applyAsDouble(minNm);
        }
        int n = (int) Math.ceil(width * 4);
        double step = width / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += f.applyAsDouble(minNm + (i + 0.5) * step);
        }
        return sum / n;
    }
}
