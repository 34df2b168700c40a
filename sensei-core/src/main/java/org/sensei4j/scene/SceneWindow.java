package org.sensei4j.scene;

import java.util.Objects;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.PixelWindow;

/**
 * Values of all bands in one window of a scene, plus a per-pixel validity mask.
 *
 * @param window where in the scene (pixels)
 * @param values bands × window height × window width, in SEnSeI's quantities; invalid pixels hold 0
 * @param invalid per pixel (row-major, window size): {@link #VALID}, {@link #NODATA} or {@link #SATURATED}
 */
public record SceneWindow(PixelWindow window, FloatRaster values, byte[] invalid) {

    public static final byte VALID = 0;
    /** No data in at least one band (outside the footprint, fill value). */
    public static final byte NODATA = 1;
    /** At least one band saturated (valid but unreliable). */
    public static final byte SATURATED = 2;

    public SceneWindow {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(invalid, "invalid");
        if (values.width() != window.width() || values.height() != window.height()) {
            throw new IllegalArgumentException(
                    "values " + values.width() + "×" + values.height() + " do not match the window " + window);
        }
        if (invalid.length != values.planeSize()) {
            throw new IllegalArgumentException(
                    "mask has " + invalid.length + " pixels, expected " + values.planeSize());
        }
    }

    /** Fraction of pixels marked {@link #NODATA}. */
    public double nodataFraction() {
        long n = 0;
        for (byte b : invalid) {
            if (b == NODATA) {
                n++;
            }
        }
        return invalid.length == 0 ? 0 : (double) n / invalid.length;
    }

    /** True when every pixel is nodata (such tiles are skipped by the masker). */
    public boolean isAllNodata() {
        for (byte b : invalid) {
            if (b != NODATA) {
                return false;
            }
        }
        return true;
    }
}
