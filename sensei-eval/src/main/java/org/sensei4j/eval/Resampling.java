package org.sensei4j.eval;

import org.sensei4j.classes.ClassScheme;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.scene.Scene;
import org.sensei4j.scene.SceneWindow;

/**
 * Resolution experiments: downsample a scene by box averaging, predict there, and bring the mask back to the
 * original grid by nearest neighbour (as the paper does for PeruSat-1 at 5.6 m and SLSTR at 250 m). Works for
 * up- and downsampling and non-integer factors.
 */
public final class Resampling {

    private Resampling() {}

    /** The scene on a grid {@code factor} times coarser (factor < 1: finer, nearest neighbour). */
    public static Scene resample(Scene scene, double factor) {
        int w = Math.max(1, (int) Math.round(scene.width() / factor));
        int h = Math.max(1, (int) Math.round(scene.height() / factor));
        double fx = (double) scene.width() / w;
        double fy = (double) scene.height() / h;
        FloatRaster src = scene.values();
        int bands = src.bands();
        float[] out = new float[bands * w * h];
        byte[] invalid = new byte[w * h];
        byte[] srcInvalid = scene.invalid();
        for (int y = 0; y < h; y++) {
            int y0 = (int) Math.floor(y * fy);
            int y1 = Math.max(y0 + 1, (int) Math.floor((y + 1) * fy));
            for (int x = 0; x < w; x++) {
                int x0 = (int) Math.floor(x * fx);
                int x1 = Math.max(x0 + 1, (int) Math.floor((x + 1) * fx));
                int valid = 0;
                boolean saturated = false;
                double[] sums = new double[bands];
                for (int sy = y0; sy < Math.min(y1, scene.height()); sy++) {
                    for (int sx = x0; sx < Math.min(x1, scene.width()); sx++) {
                        int p = sy * scene.width() + sx;
                        if (srcInvalid[p] == SceneWindow.NODATA) {
                            continue;
                        }
                        saturated |= srcInvalid[p] == SceneWindow.SATURATED;
                        valid++;
                        for (int b = 0; b < bands; b++) {
                            sums[b] += src.get(b, sy, sx);
                        }
                    }
                }
                int o = y * w + x;
                if (valid == 0) {
                    invalid[o] = SceneWindow.NODATA;
                } else {
                    invalid[o] = saturated ? SceneWindow.SATURATED : SceneWindow.VALID;
                    for (int b = 0; b < bands; b++) {
                        out[(b * h + y) * w + x] = (float) (sums[b] / valid);
                    }
                }
            }
        }
        return new Scene(
                scene.id(),
                scene.bands(),
                scene.sensor().orElse(null),
                new FloatRaster(bands, h, w, out, null),
                invalid,
                null,
                scene.resolutionM().orElse(Double.NaN) * factor);
    }

    /** Classes on a coarse grid back to a {@code width} × {@code height} grid, nearest neighbour. */
    public static byte[] toGrid(byte[] classes, int coarseWidth, int coarseHeight, int width, int height) {
        byte[] out = new byte[width * height];
        for (int y = 0; y < height; y++) {
            int cy = Math.min(coarseHeight - 1, (int) ((y + 0.5) * coarseHeight / height));
            for (int x = 0; x < width; x++) {
                int cx = Math.min(coarseWidth - 1, (int) ((x + 0.5) * coarseWidth / width));
                out[y * width + x] = classes[cy * coarseWidth + cx];
            }
        }
        return out;
    }

    /** Nodata label value, for readers of this class. */
    public static final int NODATA = ClassScheme.NODATA;
}
