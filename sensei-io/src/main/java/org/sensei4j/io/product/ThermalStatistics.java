package org.sensei4j.io.product;

import java.util.Arrays;
import java.util.Locale;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.landsat.LandsatBand;
import org.sensei4j.io.landsat.LandsatRadiometry;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.RasterInfo;

/**
 * The scene-wide statistics behind {@link ThermalNormalisation}: BT_min and BT_95% of a thermal band from one
 * decimated pass (every n-th row and column, about {@link #THERMAL_SAMPLE_TARGET} values), read in chunks of whole
 * rows, and the plausibility check of the brightness temperatures found.
 */
final class ThermalStatistics {

    /** About this many values of a thermal band are sampled at open time for BT_min and BT_95%. */
    static final double THERMAL_SAMPLE_TARGET = 1 << 20;

    private static final int STATS_CHUNK_VALUES = 1 << 22;

    private ThermalStatistics() {}

    /**
     * BT_min and BT_95% of a thermal band from every {@code step}-th row and column (step chosen so that about
     * {@link #THERMAL_SAMPLE_TARGET} values are sampled; 1 for small bands), read in chunks of whole rows.
     */
    static ThermalNormalisation of(GeoTiffReader reader, int band, Double nodata, ThermalHandling handling) {
        RasterInfo info = reader.info();
        int step = decimationStep(info.width(), info.height());
        float[] sampled = sampleDecimated(reader, band, step);
        double[] samples = new double[sampled.length];
        int n = 0;
        float nd = nodata == null ? Float.NaN : nodata.floatValue();
        for (float v : sampled) {
            if (Float.isFinite(v) && v != nd) {
                samples[n++] = v;
            }
        }
        if (n == 0) {
            return new ThermalNormalisation(0.0, 1.0, handling == ThermalHandling.CELSIUS, 0, step);
        }
        double[] s = Arrays.copyOf(samples, n);
        Arrays.sort(s);
        double p95 = percentile95(s);
        boolean celsius = handling == ThermalHandling.CELSIUS
                || (handling == ThermalHandling.AUTO && s[n - 1] < ThermalHandling.CELSIUS_BELOW);
        return new ThermalNormalisation(s[0], p95, celsius, n, step);
    }

    /** Coldest and hottest brightness temperature (95th percentile) accepted as possible on Earth, in K. */
    static final double BT_POSSIBLE_MIN_K = 150;

    static final double BT_POSSIBLE_MAX_K = 400;

    /**
     * Refuses a thermal band whose sampled brightness temperatures (95th percentile, in kelvin after the unit is
     * settled) cannot be real, naming the likely cause; warns on unlikely ones.
     */
    static void check(String what, ThermalNormalisation t, ProductOptions options) {
        double p95 = t.p95Kelvin();
        double min = t.minKelvin();
        String range = String.format(Locale.ROOT, "%.4g to %.4g K", min, p95);
        if (p95 < BT_POSSIBLE_MIN_K) {
            throw new SenseiException(what + " holds brightness temperatures of " + range + " (minimum to 95th"
                    + " percentile), impossible on Earth (about 180 to 340 K): "
                    + (t.celsius()
                            ? "check that the band is thermal and calibrated"
                            : "the values look like degrees Celsius: use --thermal celsius (or auto)"));
        }
        if (p95 > BT_POSSIBLE_MAX_K) {
            throw new SenseiException(what + " holds brightness temperatures of " + range + " (minimum to 95th"
                    + " percentile), impossible on Earth (about 180 to 340 K): "
                    + (t.celsius() && t.p95() > BT_POSSIBLE_MIN_K
                            ? "the values look like kelvin: use --thermal kelvin" + " (or auto)"
                            : "give brightness temperature (not DNs or radiance), give --nodata if"
                                    + " such values mark missing pixels, or check that the band is thermal"));
        }
        if (min < BT_POSSIBLE_MIN_K || p95 > 350) {
            options.warnings()
                    .accept(what + ": brightness temperatures of " + range + " are unlikely (about 180 to"
                            + " 340 K); check the thermal unit (--thermal) and nodata");
        }
    }

    /** The 95th percentile of sorted values, interpolating linearly between order statistics (NumPy's default). */
    static double percentile95(double[] sorted) {
        int n = sorted.length;
        double pos = 0.95 * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Every how many rows and columns a band of {@code width × height} is sampled for scene-wide statistics. */
    static int decimationStep(int width, int height) {
        return Math.max(1, (int) Math.ceil(Math.sqrt((double) width * height / THERMAL_SAMPLE_TARGET)));
    }

    /**
     * The stored values of one band at every {@code step}-th row and column (from row and column 0), row by row,
     * read in chunks of whole rows so that memory stays bounded.
     */
    static float[] sampleDecimated(GeoTiffReader reader, int band, int step) {
        RasterInfo info = reader.info();
        int w = info.width();
        int h = info.height();
        int block = info.blockHeight();
        int chunk = Math.max(block, (STATS_CHUNK_VALUES / w) / block * block);
        chunk = Math.max(1, Math.min(chunk, h));
        int perRow = (w + step - 1) / step;
        long capacity = (long) ((h + step - 1) / step) * perRow;
        if (capacity > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("step " + step + " samples " + capacity + " values: use a larger step");
        }
        float[] out = new float[(int) capacity];
        int n = 0;
        for (int y0 = 0; y0 < h; y0 += chunk) {
            int rows = Math.min(chunk, h - y0);
            int firstSampled = ((y0 + step - 1) / step) * step;
            if (firstSampled >= y0 + rows) {
                continue;
            }
            float[] data = reader.read(new PixelWindow(0, y0, w, rows), band).data();
            for (int r = firstSampled; r < y0 + rows; r += step) {
                int off = (r - y0) * w;
                for (int c = 0; c < w; c += step) {
                    out[n++] = data[off + c];
                }
            }
        }
        return out;
    }

    /**
     * BT_min and BT_95% (kelvin) of a thermal band from the DNs at every n-th row and column (about
     * {@link #THERMAL_SAMPLE_TARGET} values; every pixel for small scenes), converted with
     * {@link LandsatRadiometry#brightnessTemperature}.
     */
    static ThermalNormalisation landsat(GeoTiffReader reader, LandsatBand band) {
        RasterInfo info = reader.info();
        int step = decimationStep(info.width(), info.height());
        float[] sampled = sampleDecimated(reader, 0, step);
        int[] dn = new int[sampled.length];
        int n = 0;
        for (float v : sampled) {
            if (v != LandsatRadiometry.NODATA_DN && Float.isFinite(v)) {
                dn[n++] = (int) v;
            }
        }
        float[] bt = LandsatRadiometry.brightnessTemperature(Arrays.copyOf(dn, n), band);
        double[] valid = new double[bt.length];
        int m = 0;
        for (float v : bt) {
            if (Float.isFinite(v)) {
                valid[m++] = v;
            }
        }
        if (m == 0) {
            return new ThermalNormalisation(0.0, 1.0, false, 0, step);
        }
        double[] s = Arrays.copyOf(valid, m);
        Arrays.sort(s);
        return new ThermalNormalisation(s[0], percentile95(s), false, m, step);
    }
}
