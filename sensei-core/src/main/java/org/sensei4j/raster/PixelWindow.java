package org.sensei4j.raster;

/**
 * A rectangle of pixels: column {@code x} and row {@code y} of its upper-left pixel (0-based) and its size in
 * pixels.
 */
public record PixelWindow(int x, int y, int width, int height) {

    public PixelWindow {
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException(
                    "pixel window origin (" + x + ", " + y + ") is negative: give x >= 0 and y >= 0");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(
                    "pixel window size " + width + "x" + height + " is empty: give width > 0 and height > 0");
        }
        if ((long) x + width > Integer.MAX_VALUE || (long) y + height > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "pixel window " + x + "," + y + " " + width + "x" + height + " overflows int coordinates");
        }
    }

    /** The whole of a {@code width × height} raster. */
    public static PixelWindow full(int width, int height) {
        return new PixelWindow(0, 0, width, height);
    }

    /** Column just right of the window (exclusive end). */
    public int endX() {
        return x + width;
    }

    /** Row just below the window (exclusive end). */
    public int endY() {
        return y + height;
    }

    /** Number of pixels in the window. */
    public long pixelCount() {
        return (long) width * height;
    }

    /** Whether the window lies inside a raster of {@code rasterWidth × rasterHeight} pixels. */
    public boolean fitsIn(int rasterWidth, int rasterHeight) {
        return endX() <= rasterWidth && endY() <= rasterHeight;
    }

    /** Throws an {@link IllegalArgumentException} naming both sizes unless the window fits the raster. */
    public PixelWindow requireInside(int rasterWidth, int rasterHeight) {
        if (!fitsIn(rasterWidth, rasterHeight)) {
            throw new IllegalArgumentException("pixel window x=" + x + " y=" + y + " " + width + "x" + height
                    + " reaches column " + endX() + ", row " + endY() + " outside the " + rasterWidth + "x"
                    + rasterHeight + " raster: keep x + width <= " + rasterWidth + " and y + height <= "
                    + rasterHeight);
        }
        return this;
    }

    @Override
    public String toString() {
        return "PixelWindow[x=" + x + ", y=" + y + ", " + width + "x" + height + "]";
    }
}
