package org.sensei4j.raster;

import java.util.Arrays;
import java.util.Objects;

/**
 * Pixel values of {@code bands × height × width} samples as floats, in one array in band-major order: the
 * sample at (band b, row r, column c) is {@code data[(b·height + r)·width + c]}. Units are those of the source
 * (e.g. reflectance ×10000 for Sentinel-2 L1C digital numbers); no scaling is applied.
 *
 * <p>The array is shared, not copied (rasters are large): the constructor takes ownership and {@link #data()}
 * returns it. Do not modify it after construction unless you own the only reference.
 */
public final class FloatRaster {

    private final int bands;
    private final int height;
    private final int width;
    private final float[] data;
    private final Double nodata;

    /**
     * @param nodata the value marking missing pixels (NaN allowed), or null when none
     */
    public FloatRaster(int bands, int height, int width, float[] data, Double nodata) {
        Objects.requireNonNull(data, "data");
        if (bands <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "raster shape " + bands + " bands x " + height + " x " + width + " is empty: give positive sizes");
        }
        long n = (long) bands * height * width;
        if (n != data.length) {
            throw new IllegalArgumentException("raster shape " + bands + " bands x " + height + " x " + width
                    + " needs " + n + " values but the array has " + data.length);
        }
        this.bands = bands;
        this.height = height;
        this.width = width;
        this.data = data;
        this.nodata = nodata;
    }

    /** A raster of zeros. */
    public static FloatRaster zeros(int bands, int height, int width, Double nodata) {
        long n = (long) bands * height * width;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("raster of " + bands + " bands x " + height + " x " + width + " = " + n
                    + " values is too large for one Java array: read it in windows");
        }
        return new FloatRaster(bands, height, width, new float[(int) Math.max(n, 0)], nodata);
    }

    /** Stacks single-band arrays (each {@code height × width}, row-major) into one raster; copies them. */
    public static FloatRaster ofBands(int height, int width, Double nodata, float[]... bandData) {
        if (bandData.length == 0) {
            throw new IllegalArgumentException("no bands given: give at least one band array");
        }
        int plane = height * width;
        float[] all = new float[bandData.length * plane];
        for (int b = 0; b < bandData.length; b++) {
            if (bandData[b].length != plane) {
                throw new IllegalArgumentException("band " + b + " has " + bandData[b].length + " values, expected "
                        + height + " x " + width + " = " + plane);
            }
            System.arraycopy(bandData[b], 0, all, b * plane, plane);
        }
        return new FloatRaster(bandData.length, height, width, all, nodata);
    }

    public int bands() {
        return bands;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Pixels per band. */
    public int planeSize() {
        return height * width;
    }

    /** The nodata value, or null when none. */
    public Double nodata() {
        return nodata;
    }

    /** Whether {@code value} is the nodata value (NaN matches a NaN nodata). */
    public boolean isNodata(float value) {
        if (nodata == null) {
            return false;
        }
        return Double.isNaN(nodata) ? Float.isNaN(value) : value == nodata.floatValue();
    }

    /** The backing array, band-major (not a copy). */
    public float[] data() {
        return data;
    }

    /** Offset of band {@code band} in {@link #data()}. */
    public int bandOffset(int band) {
        checkBand(band);
        return band * planeSize();
    }

    /** The sample at (band, row, column). */
    public float get(int band, int row, int column) {
        checkBand(band);
        if (row < 0 || row >= height || column < 0 || column >= width) {
            throw new IndexOutOfBoundsException(
                    "pixel (row " + row + ", column " + column + ") outside " + height + " x " + width);
        }
        return data[(band * height + row) * width + column];
    }

    /** A copy of one band, row-major. */
    public float[] band(int band) {
        int off = bandOffset(band);
        return Arrays.copyOfRange(data, off, off + planeSize());
    }

    /** A new raster holding copies of the chosen bands, in the given order. */
    public FloatRaster selectBands(int... bandIndices) {
        float[][] chosen = new float[bandIndices.length][];
        for (int i = 0; i < bandIndices.length; i++) {
            chosen[i] = band(bandIndices[i]);
        }
        return ofBands(height, width, nodata, chosen);
    }

    /** A copy of a window of every band. */
    public FloatRaster crop(PixelWindow window) {
        window.requireInside(width, height);
        float[] out = new float[bands * (int) window.pixelCount()];
        int i = 0;
        for (int b = 0; b < bands; b++) {
            for (int r = window.y(); r < window.endY(); r++) {
                int from = (b * height + r) * width + window.x();
                System.arraycopy(data, from, out, i, window.width());
                i += window.width();
            }
        }
        return new FloatRaster(bands, window.height(), window.width(), out, nodata);
    }

    /** The same pixels with another nodata value (array shared). */
    public FloatRaster withNodata(Double newNodata) {
        return new FloatRaster(bands, height, width, data, newNodata);
    }

    private void checkBand(int band) {
        if (band < 0 || band >= bands) {
            throw new IndexOutOfBoundsException(
                    "band " + band + " does not exist: this raster has bands 0.." + (bands - 1));
        }
    }

    /** Value equality: same shape, nodata and samples (NaN equals NaN). O(size). */
    @Override
    public boolean equals(Object o) {
        return o instanceof FloatRaster r
                && bands == r.bands
                && height == r.height
                && width == r.width
                && Objects.equals(nodata, r.nodata)
                && Arrays.equals(data, r.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bands, height, width, nodata, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "FloatRaster[" + bands + " bands x " + height + " x " + width
                + (nodata == null ? "" : ", nodata=" + nodata) + "]";
    }
}
