package org.sensei4j.model.cloud;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.sensei4j.error.SenseiException;

/**
 * The snow test of a calibration ({@code spec.calibration.snow_test}): physical evidence that a pixel is snow or
 * ice on the ground, which lowers the model's calibrated cloud probability in scenes that have green and SWIR
 * 1.6 µm bands.
 *
 * <p>Why: snow is as bright as cloud in the visible, and a per-pixel model trained on scenes with few snowfields
 * calls fresh snow cloud. Snow absorbs strongly at 1.6 µm, water cloud does not, and even ice cloud scatters enough
 * there to stay below an NDSI = (green − SWIR1) / (green + SWIR1) of 0.8: Fmask's basic test excludes pixels with
 * NDSI ≥ 0.8 from cloud (Zhu and Woodcock 2012, eq. 1). Fresh snow reads 0.85–0.95.
 *
 * <p>How: the evidence {@code s = clamp((NDSI − low) / (high − low), 0, 1)} scales the calibrated cloud probability
 * {@code q} to {@code q (1 − s)}, per pixel and before any smoothing (so that a snowfield's probability does not
 * spread to its neighbours); the other classes share what cloud loses in their own ratios. The cirrus test comes
 * after it, so cirrus bright enough at 1.38 µm is cloud over snow too. Only where green and SWIR1 are both
 * positive; without a SWIR band (RGB, RGB+NIR sensors) it is silent.
 *
 * @param low  NDSI from which the evidence rises from 0 (−1 ≤ low &lt; high)
 * @param high NDSI at which the evidence is 1 (high ≤ 1)
 */
public record SnowTest(
        @JsonProperty("low") double low,
        @JsonProperty("high") double high) {

    /** The ramp the bundled model uses: NDSI 0.8 (Fmask's limit) to 0.85. */
    public static final SnowTest DEFAULT = new SnowTest(0.8, 0.85);

    public SnowTest {
        if (!(low >= -1 && low < high && high <= 1)) {
            throw new SenseiException("snow_test needs -1 <= low < high <= 1 (NDSI), got low " + low + ", high " + high
                    + "; e.g. low 0.8, high 0.85");
        }
    }

    /**
     * The evidence of one pixel, 0 to 1.
     *
     * @param green  green reflectance (NaN: no evidence)
     * @param swir16 SWIR 1.6 µm reflectance (NaN: no evidence)
     */
    public double evidence(float green, float swir16) {
        if (!(green > 0 && swir16 > 0)) {
            return 0;
        }
        double ndsi = ndsi(green, swir16);
        return ndsi <= low ? 0 : Math.min(1, (ndsi - low) / (high - low));
    }

    /** The normalised difference snow index (green − SWIR1) / (green + SWIR1); NaN when a band is NaN. */
    public static double ndsi(float green, float swir16) {
        return (green - swir16) / (green + swir16);
    }

    /** The cloud probability {@code q} lowered by evidence {@code s}: {@code q (1 − s)}. */
    public static double lower(double q, double s) {
        return s <= 0 ? q : q * (1 - s);
    }
}
