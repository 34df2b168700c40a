package org.sensei4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.SpectralSlot;

/**
 * A classical, untrained cloud test for any sensor with blue, green and red bands, used as a reference row in
 * comparisons. It finds its bands by centre wavelength ({@link SpectralSlot}) and works on reflectance (0–1),
 * pixel by pixel:
 *
 * <pre>
 * m = (blue + green + red) / 3                                   visible brightness
 * cloud if   m &gt; brightness                                       bright
 *        and max(|blue−m|, |green−m|, |red−m|) / m &lt; whiteness     white (flat visible spectrum)
 *        and blue − 0.5·red − hotOffset &gt; 0                        haze-optimised transform (HOT)
 *        and (no swir1 or (green−swir1)/(green+swir1) &lt; ndsi)      not snow        (when a swir1 band exists)
 *        and (no nir or (nir−red)/(nir+red) &lt; ndvi)                not vegetation  (when a nir band exists)
 *     or cirrus &gt; cirrus threshold                                 (when a cirrus band exists)
 * </pre>
 *
 * The tests follow the potential-cloud-pixel tests of Fmask (Zhu and Woodcock 2012: whiteness, HOT after Zhang
 * et al. 2002, NDSI/NDVI, cirrus in Fmask 3.3+) and the brightness and snow tests of Landsat 7 ACCA (Irish
 * 2000), simplified to what every multispectral sensor has and without scene-wide statistics, shadows or
 * thermal tests. Without a SWIR band snow counts as cloud. Output: the {@code cloud} scheme; nodata stays
 * nodata. Reads the scene in row strips, so memory is bounded by one strip.
 */
public final class ThresholdBaseline implements PixelClassifier {

    /**
     * The thresholds (reflectance or ratios).
     *
     * @param brightness minimum mean visible reflectance of a cloud
     * @param whiteness  maximum relative deviation of a visible band from the visible mean
     * @param hotOffset  offset of the haze-optimised transform blue − 0.5·red − offset
     * @param ndsi       snow index at and above which a bright pixel is snow, not cloud
     * @param ndvi       vegetation index at and above which a bright pixel is vegetation, not cloud
     * @param cirrus     cirrus-band reflectance above which a pixel is (cirrus) cloud
     */
    public record Thresholds(
            double brightness, double whiteness, double hotOffset, double ndsi, double ndvi, double cirrus) {

        /** brightness 0.25, whiteness 0.3, HOT offset 0.08, NDSI 0.4, NDVI 0.8, cirrus 0.01. */
        public static Thresholds defaults() {
            return new Thresholds(0.25, 0.3, 0.08, 0.4, 0.8, 0.01);
        }
    }

    /** Name in tables. */
    public static final String NAME = "threshold baseline";

    private static final int STRIP_ROWS = 256;

    private final Thresholds thresholds;

    /** The baseline with the default thresholds. */
    public ThresholdBaseline() {
        this(Thresholds.defaults());
    }

    public ThresholdBaseline(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ClassScheme scheme() {
        return ClassScheme.CLOUD_CLEAR;
    }

    /** Positions of the bands the rule uses: blue, green, red, nir, swir1, cirrus; −1 when absent. */
    record BandIndices(int blue, int green, int red, int nir, int swir16, int cirrus) {}

    /**
     * The bands the rule uses in {@code bands}, found by centre wavelength ({@link SpectralSlot}).
     *
     * @throws SenseiException when blue, green or red is missing
     */
    static BandIndices bandIndices(String sceneId, List<Band> bands) {
        int[] slot = SpectralSlot.findAll(bands);
        List<String> missing = new ArrayList<>();
        for (SpectralSlot s : List.of(SpectralSlot.BLUE, SpectralSlot.GREEN, SpectralSlot.RED)) {
            if (slot[s.ordinal()] < 0) {
                missing.add(s.describe());
            }
        }
        if (!missing.isEmpty()) {
            throw new SenseiException("the threshold baseline needs blue, green and red bands but scene '" + sceneId
                    + "' lacks " + missing + " (its bands: "
                    + bands.stream()
                            .map(b -> String.format(
                                    Locale.ROOT,
                                    "%s(%.0f nm)",
                                    b.id(),
                                    b.wavelengths().centreNm()))
                            .toList()
                    + "): evaluate the baseline on scenes with RGB bands, or leave out --baseline");
        }
        return new BandIndices(
                slot[SpectralSlot.BLUE.ordinal()],
                slot[SpectralSlot.GREEN.ordinal()],
                slot[SpectralSlot.RED.ordinal()],
                slot[SpectralSlot.NIR.ordinal()],
                slot[SpectralSlot.SWIR1.ordinal()],
                slot[SpectralSlot.CIRRUS.ordinal()]);
    }

    @Override
    public byte[] classify(SceneSource scene, ClassScheme output) {
        if (output != ClassScheme.CLOUD_CLEAR) {
            throw new IllegalArgumentException(
                    "the threshold baseline predicts the 'cloud' scheme only, not '" + output.id() + "'");
        }
        BandIndices ix = bandIndices(scene.id(), scene.bands());
        int w = scene.width();
        int h = scene.height();
        byte[] out = new byte[Math.multiplyExact(w, h)];
        for (int y0 = 0; y0 < h; y0 += STRIP_ROWS) {
            int rows = Math.min(STRIP_ROWS, h - y0);
            SceneWindow win = scene.read(new PixelWindow(0, y0, w, rows));
            float[] d = win.values().data();
            byte[] invalid = win.invalid();
            int n = rows * w;
            for (int i = 0; i < n; i++) {
                byte c;
                if (invalid[i] == SceneWindow.NODATA) {
                    c = (byte) ClassScheme.NODATA;
                } else {
                    c = classify(
                            d[ix.blue() * n + i],
                            d[ix.green() * n + i],
                            d[ix.red() * n + i],
                            ix.nir() < 0 ? Float.NaN : d[ix.nir() * n + i],
                            ix.swir16() < 0 ? Float.NaN : d[ix.swir16() * n + i],
                            ix.cirrus() < 0 ? Float.NaN : d[ix.cirrus() * n + i]);
                }
                out[y0 * w + i] = c;
            }
        }
        return out;
    }

    /**
     * One pixel: 1 (cloud), 0 (clear) or {@link ClassScheme#NODATA} when a visible band is not finite. Absent
     * optional bands are NaN.
     */
    public byte classify(float blue, float green, float red, float nir, float swir16, float cirrus) {
        if (!Float.isFinite(blue) || !Float.isFinite(green) || !Float.isFinite(red)) {
            return (byte) ClassScheme.NODATA;
        }
        Thresholds t = thresholds;
        if (Float.isFinite(cirrus) && cirrus > t.cirrus()) {
            return 1;
        }
        double m = (blue + green + red) / 3.0;
        if (!(m > t.brightness())) {
            return 0;
        }
        double dev = Math.max(Math.abs(blue - m), Math.max(Math.abs(green - m), Math.abs(red - m))) / m;
        if (!(dev < t.whiteness())) {
            return 0;
        }
        if (!(blue - 0.5 * red - t.hotOffset() > 0)) {
            return 0;
        }
        if (Float.isFinite(swir16) && green + swir16 > 0 && (green - swir16) / (green + swir16) >= t.ndsi()) {
            return 0;
        }
        if (Float.isFinite(nir) && nir + red > 0 && (nir - red) / (nir + red) >= t.ndvi()) {
            return 0;
        }
        return 1;
    }

    @Override
    public String toString() {
        Thresholds t = thresholds;
        return String.format(
                Locale.ROOT,
                "%s (brightness > %.3g, whiteness < %.3g, HOT offset %.3g, NDSI < %.3g, "
                        + "NDVI < %.3g, cirrus > %.3g)",
                NAME,
                t.brightness(),
                t.whiteness(),
                t.hotOffset(),
                t.ndsi(),
                t.ndvi(),
                t.cirrus());
    }
}
