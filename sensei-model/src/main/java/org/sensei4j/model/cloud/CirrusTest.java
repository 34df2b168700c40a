package org.sensei4j.model.cloud;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.sensei4j.error.SenseiException;

/**
 * The 1.38 µm cirrus test of a calibration ({@code spec.calibration.cirrus_test}): physical evidence of high ice
 * cloud, added to the model's calibrated cloud probability in scenes that have a cirrus band (Sentinel-2 B10,
 * Landsat 8/9 B9, MODIS band 26, VIIRS M9: a band in {@link org.sensei4j.sensor.SpectralSlot#CIRRUS}).
 *
 * <p>Why: the water vapour of the lower atmosphere absorbs nearly all 1.38 µm light, so the band sees only what is
 * above it: cirrus, contrails and the tops of high cloud (Gao et al. 1993; the cirrus test of Fmask 3.3+ and of the
 * threshold baseline). Thin cirrus over dark ground or sea adds only 0.02–0.05 to the visible bands, which a
 * per-pixel model weighs against the many clear pixels that look alike; the cirrus band shows it plainly. Cirrus
 * band TOA reflectance 0.02 is ice optical thickness ≈ 0.1 in this project's renderer, the label convention's
 * cirrus threshold.
 *
 * <p>How: the evidence {@code e = clamp((c − low) / (high − low), 0, 1)} of a pixel whose cirrus band reads
 * {@code c} (TOA reflectance) is combined with the calibrated cloud probability {@code q} as a noisy-or:
 * {@code q' = 1 − (1 − q)(1 − e)}. It only raises the cloud probability; with {@code low} 0.01 and {@code high}
 * 0.03, a pixel reading 0.02 has at least probability 0.5, one reading 0.03 or more is cloud at any threshold below 1.
 *
 * <p>Where it stays silent (e = 0): bright snow seen through a dry atmosphere. Over high mountains and ice sheets
 * the 1.38 µm band reaches the ground, and snow reads there as faint cirrus, a few hundredths of its visible
 * brightness. So a pixel that passes Fmask's snow test (NDSI &gt; {@value #SNOW_NDSI}, NIR &gt; {@value #SNOW_NIR},
 * green &gt; {@value #SNOW_GREEN}; only when green, NIR and SWIR 1.6 µm bands exist) and whose cirrus band is below
 * {@value #SNOW_CIRRUS_RATIO} × its green gets no evidence; cirrus over bright snow is then left to the model. Ice
 * cloud itself passes the snow test (it absorbs at 1.6 µm), but cirrus adds about as much at 1.38 µm as in the
 * visible: in the Landsat 8 rio-cloudmask scene the pixels with a cirrus band above 0.02 have cirrus/green ≥ 0.14
 * (1st percentile). The band must be top-of-atmosphere reflectance, as every processor delivers it
 * (surface-reflectance products drop it).
 *
 * @param low  cirrus band reflectance from which the evidence rises from 0 (0 ≤ low &lt; high)
 * @param high reflectance at which the evidence is 1 (high ≤ 1)
 */
public record CirrusTest(
        @JsonProperty("low") double low,
        @JsonProperty("high") double high) {

    /** The ramp the bundled models use: 0.01 to 0.03 (0.5 at 0.02). */
    public static final CirrusTest DEFAULT = new CirrusTest(0.01, 0.03);

    /** Fmask's snow test: NDSI above this. */
    public static final double SNOW_NDSI = 0.15;

    /** Fmask's snow test: NIR reflectance above this. */
    public static final double SNOW_NIR = 0.11;

    /** Fmask's snow test: green reflectance above this. */
    public static final double SNOW_GREEN = 0.1;

    /** A snow-like pixel gets no evidence when its cirrus band is below this times its green. */
    public static final double SNOW_CIRRUS_RATIO = 0.1;

    public CirrusTest {
        if (!(low >= 0 && low < high && high <= 1)) {
            throw new SenseiException("cirrus_test needs 0 <= low < high <= 1 (cirrus band TOA reflectance), got low "
                    + low + ", high " + high + "; e.g. low 0.01, high 0.03");
        }
    }

    /**
     * The evidence of one pixel, 0 to 1.
     *
     * @param cirrus cirrus band TOA reflectance (NaN: no evidence)
     * @param green  green reflectance, NaN when the scene has no such band
     * @param nir    NIR reflectance, or NaN
     * @param swir16 SWIR 1.6 µm reflectance, or NaN
     */
    public double evidence(float cirrus, float green, float nir, float swir16) {
        if (!(cirrus > low)) {
            return 0;
        }
        if (cirrus < SNOW_CIRRUS_RATIO * green && looksLikeSnow(green, nir, swir16)) {
            return 0;
        }
        return Math.min(1, (cirrus - low) / (high - low));
    }

    /** Fmask's snow test; false when a band is missing (NaN). */
    static boolean looksLikeSnow(float green, float nir, float swir16) {
        return SnowTest.ndsi(green, swir16) > SNOW_NDSI && nir > SNOW_NIR && green > SNOW_GREEN;
    }

    /** The cloud probability {@code q} raised by evidence {@code e}: {@code 1 − (1 − q)(1 − e)}. */
    public static double fuse(double q, double e) {
        return e <= 0 ? q : 1 - (1 - q) * (1 - e);
    }
}
