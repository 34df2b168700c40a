package org.sensei4j.io.product;

import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.SceneWindow;

/**
 * Resamples one band from its own north-up pixel grid onto a scene grid, one window at a time: by nearest
 * neighbour where the band's pixels are coarser than the scene's, by the mean of the valid source pixels a scene
 * pixel covers where they are finer (GDAL's "average"). A scene pixel is saturated when any source pixel it takes
 * is, and nodata when none of them is valid.
 */
public final class WindowResampler {

    private static final double EPS = 1e-6;

    private final AxisMap x;
    private final AxisMap y;

    private WindowResampler(AxisMap x, AxisMap y) {
        this.x = x;
        this.y = y;
    }

    /**
     * Maps scene pixel indices along one axis to the source pixels they cover.
     *
     * @param ratio      scene pixel size / source pixel size (above 1: the source is finer)
     * @param offset     position of the scene grid's first edge in source pixels
     * @param sourceSize source pixels along the axis
     * @param identity   whether scene and source pixels coincide one to one
     */
    record AxisMap(double ratio, double offset, int sourceSize, boolean identity) {

        /** First source pixel of scene pixel {@code t}. */
        int lo(int t) {
            double v = ratio <= 1 ? (t + 0.5) * ratio + offset : t * ratio + offset + EPS;
            return clamp((int) Math.floor(v));
        }

        /** Source pixel just after the last of scene pixel {@code t}. */
        int hi(int t) {
            int lo = lo(t);
            if (ratio <= 1) {
                return lo + 1;
            }
            int hi = (int) Math.ceil((t + 1) * ratio + offset - EPS);
            return Math.max(lo + 1, Math.min(hi, sourceSize));
        }

        private int clamp(int i) {
            return Math.max(0, Math.min(i, sourceSize - 1));
        }
    }

    static WindowResampler of(AxisMap x, AxisMap y) {
        return new WindowResampler(x, y);
    }

    /**
     * The resampling from a source grid to a scene grid, both north-up in the same CRS.
     *
     * @param source       georeference of the band's grid
     * @param sourceWidth  its width in pixels
     * @param sourceHeight its height in pixels
     * @param scene        georeference of the scene grid
     * @param sceneWidth   its width in pixels
     * @param sceneHeight  its height in pixels
     */
    public static WindowResampler between(
            Georeference source,
            int sourceWidth,
            int sourceHeight,
            Georeference scene,
            int sceneWidth,
            int sceneHeight) {
        double srcW = source.pixelWidth();
        double srcH = -source.pixelHeight();
        double rx = scene.pixelWidth() / srcW;
        double ry = -scene.pixelHeight() / srcH;
        double ox = (scene.originX() - source.originX()) / srcW;
        double oy = (source.originY() - scene.originY()) / srcH;
        boolean idx = Math.abs(rx - 1) < 1e-9 && Math.abs(ox) < EPS && sourceWidth == sceneWidth;
        boolean idy = Math.abs(ry - 1) < 1e-9 && Math.abs(oy) < EPS && sourceHeight == sceneHeight;
        return new WindowResampler(new AxisMap(rx, ox, sourceWidth, idx), new AxisMap(ry, oy, sourceHeight, idy));
    }

    /** The identity (same grid), for a source of the scene's size. */
    public static WindowResampler identity(int width, int height) {
        return new WindowResampler(new AxisMap(1, 0, width, true), new AxisMap(1, 0, height, true));
    }

    /** Whether source and scene pixels coincide one to one (no resampling). */
    public boolean isIdentity() {
        return x.identity() && y.identity();
    }

    /** The source pixels the scene window {@code window} takes values from. */
    public PixelWindow sourceWindow(PixelWindow window) {
        int minX = x.lo(window.x());
        int maxX = x.hi(window.x() + window.width() - 1);
        int minY = y.lo(window.y());
        int maxY = y.hi(window.y() + window.height() - 1);
        return new PixelWindow(minX, minY, maxX - minX, maxY - minY);
    }

    /**
     * Resamples one band of the source window {@link #sourceWindow(PixelWindow) sourceWindow(window)} into the
     * scene window.
     *
     * @param value  the band's values over the source window, row-major
     * @param state  per source pixel {@link SceneWindow#VALID}, {@link SceneWindow#NODATA} or
     *               {@link SceneWindow#SATURATED}
     * @param source the source window (as returned by {@link #sourceWindow})
     * @param window the scene window
     * @param out    receives the band's resampled values at {@code out[outOffset + row·width + column]}
     * @param flags  the scene window's pixel states, merged: set to NODATA where no source pixel is valid, to
     *               SATURATED where one is saturated (unless already NODATA)
     */
    public void resample(
            float[] value,
            byte[] state,
            PixelWindow source,
            PixelWindow window,
            float[] out,
            int outOffset,
            byte[] flags) {
        int w = window.width();
        int h = window.height();
        int sw = source.width();
        int[] xLo = new int[w];
        int[] xHi = new int[w];
        for (int c = 0; c < w; c++) {
            xLo[c] = x.lo(window.x() + c) - source.x();
            xHi[c] = x.hi(window.x() + c) - source.x();
        }
        for (int r = 0; r < h; r++) {
            int r0 = y.lo(window.y() + r) - source.y();
            int r1 = y.hi(window.y() + r) - source.y();
            for (int c = 0; c < w; c++) {
                int c0 = xLo[c];
                int c1 = xHi[c];
                double sum = 0;
                int count = 0;
                boolean saturated = false;
                for (int sr = r0; sr < r1; sr++) {
                    int row = sr * sw;
                    for (int sc = c0; sc < c1; sc++) {
                        byte s = state[row + sc];
                        if (s != SceneWindow.NODATA) {
                            sum += value[row + sc];
                            count++;
                            saturated |= s == SceneWindow.SATURATED;
                        }
                    }
                }
                int p = r * w + c;
                if (count == 0) {
                    flags[p] = SceneWindow.NODATA;
                } else {
                    out[outOffset + p] = (float) (sum / count);
                    if (saturated && flags[p] != SceneWindow.NODATA) {
                        flags[p] = SceneWindow.SATURATED;
                    }
                }
            }
        }
    }
}
