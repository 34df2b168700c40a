package org.sensei4j.io.product;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;

/**
 * Per-band value ranges of a whole scene in SEnSeI's quantities, and its fractions of nodata and saturated pixels,
 * computed window by window (memory bounded by one window).
 *
 * @param bands             one entry per band, in the scene's band order
 * @param pixels            pixels in the scene
 * @param nodataPixels      pixels marked {@link SceneWindow#NODATA}
 * @param saturatedPixels   pixels marked {@link SceneWindow#SATURATED}
 */
public record SceneStatistics(List<BandStatistics> bands, long pixels, long nodataPixels, long saturatedPixels) {

    /** Default window edge, in pixels, for sources that suggest no window shape. */
    public static final int DEFAULT_WINDOW = 512;
    /** Pixels per window when a {@link GeoTiffScene} chooses the window shape. */
    public static final long DEFAULT_WINDOW_PIXELS = 1 << 20;

    /**
     * Range of one band over the pixels that are not nodata (saturated pixels included).
     *
     * @param min   smallest value, NaN when no pixel is valid
     * @param max   largest value, NaN when no pixel is valid
     * @param mean  mean value (summed in double), NaN when no pixel is valid
     * @param count pixels the statistics come from
     */
    public record BandStatistics(double min, double max, double mean, long count) {}

    public SceneStatistics {
        bands = List.copyOf(bands);
    }

    /** Fraction of pixels that are nodata (0 for an empty scene). */
    public double nodataFraction() {
        return pixels == 0 ? 0 : (double) nodataPixels / pixels;
    }

    /** Fraction of pixels that are saturated. */
    public double saturatedFraction() {
        return pixels == 0 ? 0 : (double) saturatedPixels / pixels;
    }

    /**
     * Statistics over windows of about {@link #DEFAULT_WINDOW_PIXELS} pixels shaped to the files' strips or tiles
     * for a {@link GeoTiffScene} ({@link GeoTiffScene#scanWindowSize}), else {@link #DEFAULT_WINDOW}² windows.
     */
    public static SceneStatistics compute(SceneSource source) {
        return compute(source, null);
    }

    /**
     * As {@link #compute(SceneSource)}, telling {@code rowsDone} (when not null) how many of the scene's rows are
     * read after each row of windows: for a progress bar.
     */
    public static SceneStatistics compute(SceneSource source, IntConsumer rowsDone) {
        if (source instanceof GeoTiffScene g) {
            int[] size = g.scanWindowSize(DEFAULT_WINDOW_PIXELS);
            return compute(source, size[0], size[1], rowsDone);
        }
        return compute(source, DEFAULT_WINDOW, DEFAULT_WINDOW, rowsDone);
    }

    /** Statistics over windows of {@code window × window} pixels (smaller at the right and bottom edges). */
    public static SceneStatistics compute(SceneSource source, int window) {
        return compute(source, window, window);
    }

    /** Statistics over windows of {@code windowWidth × windowHeight} pixels (smaller at the right and bottom edges). */
    public static SceneStatistics compute(SceneSource source, int windowWidth, int windowHeight) {
        return compute(source, windowWidth, windowHeight, null);
    }

    /** As {@link #compute(SceneSource, int, int)}, telling {@code rowsDone} (when not null) the rows read so far. */
    public static SceneStatistics compute(SceneSource source, int windowWidth, int windowHeight, IntConsumer rowsDone) {
        if (windowWidth <= 0 || windowHeight <= 0) {
            throw new IllegalArgumentException(
                    "window size " + windowWidth + "x" + windowHeight + " is not positive: give e.g. 512");
        }
        int nb = source.bands().size();
        double[] min = new double[nb];
        double[] max = new double[nb];
        double[] sum = new double[nb];
        long[] count = new long[nb];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        long nodata = 0;
        long saturated = 0;
        for (int y = 0; y < source.height(); y += windowHeight) {
            for (int x = 0; x < source.width(); x += windowWidth) {
                PixelWindow w = new PixelWindow(
                        x, y, Math.min(windowWidth, source.width() - x), Math.min(windowHeight, source.height() - y));
                SceneWindow sw = source.read(w);
                byte[] flags = sw.invalid();
                float[] data = sw.values().data();
                int plane = flags.length;
                for (int p = 0; p < plane; p++) {
                    if (flags[p] == SceneWindow.NODATA) {
                        nodata++;
                    } else if (flags[p] == SceneWindow.SATURATED) {
                        saturated++;
                    }
                }
                for (int b = 0; b < nb; b++) {
                    int off = b * plane;
                    double lo = min[b];
                    double hi = max[b];
                    double s = 0;
                    long n = 0;
                    for (int p = 0; p < plane; p++) {
                        if (flags[p] != SceneWindow.NODATA) {
                            double v = data[off + p];
                            lo = Math.min(lo, v);
                            hi = Math.max(hi, v);
                            s += v;
                            n++;
                        }
                    }
                    min[b] = lo;
                    max[b] = hi;
                    sum[b] += s;
                    count[b] += n;
                }
            }
            if (rowsDone != null) {
                rowsDone.accept(Math.min(y + windowHeight, source.height()));
            }
        }
        List<BandStatistics> out = new ArrayList<>(nb);
        for (int b = 0; b < nb; b++) {
            out.add(
                    count[b] == 0
                            ? new BandStatistics(Double.NaN, Double.NaN, Double.NaN, 0)
                            : new BandStatistics(min[b], max[b], sum[b] / count[b], count[b]));
        }
        return new SceneStatistics(out, (long) source.width() * source.height(), nodata, saturated);
    }
}
