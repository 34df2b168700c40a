package org.sensei4j.io.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.sensei4j.raster.FloatRaster;

/**
 * An n-dimensional NumPy array read from a .npy file: its shape, element type and values in C order (last index
 * fastest), whatever the file's order was. Values are held as little-endian bytes and converted on access.
 */
public final class NpyArray {

    /** How the axes of a 3-D image array are ordered. */
    public enum ImageLayout {
        /** (height, width, channels), as most Python imaging code stores images. */
        HWC,
        /** (channels, height, width), as PyTorch stores them. */
        CHW
    }

    private final long[] shape;
    private final NpyDtype dtype;
    private final ByteBuffer data;
    private final int size;

    NpyArray(long[] shape, NpyDtype dtype, ByteBuffer littleEndianData) {
        this.shape = shape.clone();
        this.dtype = Objects.requireNonNull(dtype);
        this.size = (int) NpyFile.elementCount(shape);
        this.data = littleEndianData.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (data.remaining() != (long) size * dtype.bytes()) {
            throw new IllegalArgumentException(
                    "data has " + data.remaining() + " bytes, shape needs " + (long) size * dtype.bytes());
        }
    }

    /** A float32 array from values in C order (not copied). */
    public static NpyArray ofFloats(long[] shape, float[] values) {
        if (NpyFile.elementCount(shape) != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs "
                    + NpyFile.elementCount(shape) + " values but " + values.length + " were given");
        }
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new NpyArray(shape, NpyDtype.FLOAT32, b);
    }

    /** The shape (a copy); empty for a 0-d scalar. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    public NpyDtype dtype() {
        return dtype;
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** Element {@code i} in C order, as a double (bool as 0/1; 64-bit integers may round). */
    public double getDouble(int i) {
        int at = i * dtype.bytes();
        return switch (dtype) {
            case BOOL -> data.get(data.position() + at) != 0 ? 1 : 0;
            case INT8 -> data.get(data.position() + at);
            case UINT8 -> data.get(data.position() + at) & 0xFF;
            case INT16 -> data.getShort(data.position() + at);
            case UINT16 -> data.getShort(data.position() + at) & 0xFFFF;
            case INT32 -> data.getInt(data.position() + at);
            case UINT32 -> data.getInt(data.position() + at) & 0xFFFFFFFFL;
            case INT64 -> data.getLong(data.position() + at);
            case UINT64 -> unsignedLongToDouble(data.getLong(data.position() + at));
            case FLOAT32 -> data.getFloat(data.position() + at);
            case FLOAT64 -> data.getDouble(data.position() + at);
        };
    }

    /** The element at an n-dimensional index, as a double. */
    public double getDouble(long... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException(index.length + " indices for a " + shape.length + "-d array");
        }
        long flat = 0;
        for (int k = 0; k < shape.length; k++) {
            if (index[k] < 0 || index[k] >= shape[k]) {
                throw new IndexOutOfBoundsException(
                        "index " + Arrays.toString(index) + " outside shape " + Arrays.toString(shape));
            }
            flat = flat * shape[k] + index[k];
        }
        return getDouble((int) flat);
    }

    /** All values in C order as floats (converted from any type; 32/64-bit integers above 2^24 round). */
    public float[] toFloats() {
        float[] out = new float[size];
        if (dtype == NpyDtype.FLOAT32) {
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
        for (int i = 0; i < size; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    /** All values in C order as doubles. */
    public double[] toDoubles() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /**
     * All values as ints, for integer and bool arrays.
     *
     * @throws IllegalStateException for float arrays and 64-bit or uint32 values that do not fit an int
     */
    public int[] toInts() {
        if (dtype.isFloatingPoint()) {
            throw new IllegalStateException("array is " + dtype + ": use toFloats()");
        }
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            double v = getDouble(i);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalStateException("element " + i + " = " + v + " does not fit an int");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /**
     * This 3-D array as a raster of float bands (bands × height × width), transposing from {@code layout}.
     *
     * @param nodata the raster's nodata value, or null
     */
    public FloatRaster toFloatRaster(ImageLayout layout, Double nodata) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("array of shape " + Arrays.toString(shape)
                    + " is not 3-D: an image needs (height, width, channels) or (channels, height, width)");
        }
        float[] v = toFloats();
        if (layout == ImageLayout.CHW) {
            return new FloatRaster((int) shape[0], (int) shape[1], (int) shape[2], v, nodata);
        }
        int h = (int) shape[0];
        int w = (int) shape[1];
        int c = (int) shape[2];
        float[] out = new float[v.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int src = (y * w + x) * c;
                for (int b = 0; b < c; b++) {
                    out[(b * h + y) * w + x] = v[src + b];
                }
            }
        }
        return new FloatRaster(c, h, w, out, nodata);
    }

    private static double unsignedLongToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
