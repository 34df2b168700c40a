package org.sensei4j.io.geotiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.SampleType;

/**
 * What {@link StreamingGeoTiffWriter} (strips) and {@link CogWriter} (tiles) share to encode pixel blocks: packing
 * band-major rows into pixel-interleaved little-endian samples (floats converted to the sample type), the TIFF
 * predictors, DEFLATE, the checks of the rows a caller gives, the directory entries that describe the samples,
 * and the life cycle of a writer. One per writer, not thread-safe.
 */
final class BlockEncoder {

    /** zlib level: 6 is zlib's and GDAL's default. */
    private static final int DEFLATE_LEVEL = 6;

    /** Where a writer stands: open until it commits, fails (its files deleted) or is closed. */
    enum State {
        OPEN,
        COMMITTED,
        FAILED,
        CLOSED
    }

    /** Receives compressed bytes. */
    interface Sink {
        void write(byte[] bytes, int length) throws IOException;
    }

    private final Path target;
    private final int width;
    private final int bands;
    private final SampleType type;
    /** What NaN is stored as, or null when NaN is an error (integer types without nodata) or stays NaN. */
    private final Double nanReplacement;
    /** The end of the message for a value outside an integer type's range: what to do instead. */
    private final String widerType;

    private final Deflater deflater;
    private final byte[] deflated;

    /**
     * @param width     columns of the full-resolution image (the rows the caller gives)
     * @param nodata    the GDAL_NODATA value, or null
     * @param deflate   whether blocks are DEFLATE-compressed (then this encoder holds a {@link Deflater} until
     *                  {@link #end()})
     * @param widerType the fix named when a value does not fit an integer type, e.g. "write Float32"
     */
    BlockEncoder(Path target, int width, int bands, SampleType type, Double nodata, boolean deflate, String widerType) {
        this.target = target;
        this.width = width;
        this.bands = bands;
        this.type = type;
        this.nanReplacement = nodata != null && !nodata.isNaN() ? nodata : null;
        this.widerType = widerType;
        this.deflater = deflate ? new Deflater(DEFLATE_LEVEL) : null;
        this.deflated = deflate ? new byte[64 * 1024] : null;
    }

    /** Bytes held for compression. */
    int bufferedBytes() {
        return deflated == null ? 0 : deflated.length;
    }

    /** Refuses an empty image. */
    static void checkSize(int width, int height, int bands) {
        if (width <= 0 || height <= 0 || bands <= 0) {
            throw new IllegalArgumentException("image of " + width + "x" + height + " pixels and " + bands
                    + " bands is empty: give positive sizes");
        }
    }

    /** The TIFF header ("II", 42: classic little-endian) with the first directory at {@code firstIfd}. */
    static ByteBuffer putHeader(ByteBuffer b, int firstIfd) {
        return b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(firstIfd);
    }

    /** Refuses a colour table unless the image has one Byte band. */
    void checkColourTable(GdalMetadata m) {
        if (m.colours() != null && (bands != 1 || type != SampleType.UINT8)) {
            throw new IllegalArgumentException("a colour table needs one Byte band, not " + bands + " bands of "
                    + type.gdalName() + ": leave the colours out");
        }
    }

    /** Refuses any call unless {@code state} is {@link State#OPEN}. */
    static void requireOpen(State state, Path target) {
        switch (state) {
            case OPEN -> {}
            case COMMITTED -> throw new IllegalStateException(target + " is already committed");
            case FAILED ->
                throw new IllegalStateException(
                        "an earlier write to " + target + " failed and nothing was written: open a new writer");
            case CLOSED -> throw new IllegalStateException("the writer of " + target + " is closed");
            default -> throw new IllegalStateException(state.toString());
        }
    }

    /** {@code e} as the exception a failed write throws. */
    static SenseiException failure(Path target, Throwable e) {
        if (e instanceof SenseiException s) {
            return s;
        }
        return new SenseiException("cannot write " + target + ": " + e.getMessage(), e);
    }

    /** Refuses byte rows unless the image holds Byte samples. */
    void requireBytes() {
        if (type != SampleType.UINT8) {
            throw new IllegalStateException("byte rows need a Byte (UINT8) image but " + target + " holds "
                    + type.gdalName() + ": use writeRows(int, float[])");
        }
    }

    /**
     * Checks {@code rows} rows given as an array of {@code length} values, after {@code rowsWritten} of an image of
     * {@code height} rows.
     *
     * @throws IllegalArgumentException when there are no rows or the array length does not match
     * @throws SenseiException when the rows pass the image's height
     */
    void checkRows(int rows, int length, int rowsWritten, int height) {
        if (rows <= 0) {
            throw new IllegalArgumentException("rows is " + rows + ": give at least one row");
        }
        long expected = (long) bands * rows * width;
        if (length != expected) {
            throw new IllegalArgumentException(rows + " rows of " + bands + " bands x " + width + " columns need "
                    + expected + " values but the array has " + length);
        }
        if ((long) rowsWritten + rows > height) {
            throw new SenseiException("cannot write " + target + ": rows " + rowsWritten + ".."
                    + (rowsWritten + rows - 1) + " were given but the image has " + height + " rows (0.."
                    + (height - 1) + "): open the writer with the right height");
        }
    }

    /**
     * Row {@code r} of a band-major byte block ({@code bands × rows × width}) into {@code out} at {@code at},
     * pixel-interleaved.
     */
    void packRow(byte[] bandMajor, int rows, int r, byte[] out, int at) {
        if (bands == 1) {
            System.arraycopy(bandMajor, r * width, out, at, width);
            return;
        }
        for (int b = 0; b < bands; b++) {
            int src = (b * rows + r) * width;
            for (int x = 0, o = at + b; x < width; x++, o += bands) {
                out[o] = bandMajor[src + x];
            }
        }
    }

    /**
     * Row {@code r} of a band-major float block into {@code out} (a little-endian view of the block buffer) at
     * {@code at}, pixel-interleaved and converted to the sample type: integer types take the value rounded to the
     * nearest integer (ties to even), NaN becomes the nodata value (float types: when that is not NaN).
     *
     * @param imageRow the row's index in the image, for messages
     * @throws SenseiException when a value does not fit the sample type
     */
    void packRow(float[] bandMajor, int rows, int r, ByteBuffer out, int at, int imageRow) {
        int bytes = type.bytes();
        int step = bands * bytes;
        for (int b = 0; b < bands; b++) {
            int src = (b * rows + r) * width;
            int o = at + b * bytes;
            switch (type) {
                case FLOAT32 -> {
                    for (int x = 0; x < width; x++, o += step) {
                        float v = bandMajor[src + x];
                        out.putFloat(o, v != v && nanReplacement != null ? nanReplacement.floatValue() : v);
                    }
                }
                case FLOAT64 -> {
                    for (int x = 0; x < width; x++, o += step) {
                        float v = bandMajor[src + x];
                        out.putDouble(o, v != v && nanReplacement != null ? nanReplacement : v);
                    }
                }
                case UINT8, INT8 -> {
                    for (int x = 0; x < width; x++, o += step) {
                        out.put(o, (byte) (int) integer(bandMajor[src + x], b, imageRow, x));
                    }
                }
                case UINT16, INT16 -> {
                    for (int x = 0; x < width; x++, o += step) {
                        out.putShort(o, (short) (int) integer(bandMajor[src + x], b, imageRow, x));
                    }
                }
                case UINT32, INT32 -> {
                    for (int x = 0; x < width; x++, o += step) {
                        out.putInt(o, (int) (long) integer(bandMajor[src + x], b, imageRow, x));
                    }
                }
                default -> throw new IllegalStateException("unhandled type " + type);
            }
        }
    }

    /** {@code v} rounded to the nearest integer (ties to even), or the nodata value for NaN; checked. */
    private double integer(float v, int band, int row, int col) {
        if (v != v) {
            if (nanReplacement == null) {
                throw new SenseiException("cannot write " + target + ": band " + band + " row " + row + " column "
                        + col + " is NaN, which " + type.gdalName() + " cannot hold: give the image a nodata value "
                        + "or write Float32");
            }
            return nanReplacement;
        }
        double x = Math.rint(v);
        if (x < type.min() || x > type.max()) {
            throw new SenseiException("cannot write " + target + ": band " + band + " row " + row + " column " + col
                    + " is " + v + ", outside the " + type.gdalName() + " range " + (long) type.min() + ".."
                    + (long) type.max() + ": rescale the values or " + widerType);
        }
        return x;
    }

    /**
     * Predictor 2 on the first {@code length} bytes of {@code block} (rows of {@code rowBytes} bytes, of which the
     * first {@code rowValues} samples count): each sample minus the same band's sample of the previous pixel, in
     * place, right to left.
     */
    void horizontalDifference(byte[] block, ByteBuffer view, int length, int rowBytes, int rowValues) {
        int bytes = type.bytes();
        for (int rowStart = 0; rowStart < length; rowStart += rowBytes) {
            for (int i = rowValues - 1; i >= bands; i--) {
                int at = rowStart + i * bytes;
                int prev = at - bands * bytes;
                switch (bytes) {
                    case 1 -> block[at] = (byte) (block[at] - block[prev]);
                    case 2 -> view.putShort(at, (short) (view.getShort(at) - view.getShort(prev)));
                    case 4 -> view.putInt(at, view.getInt(at) - view.getInt(prev));
                    default -> throw new IllegalStateException(bytes + "-byte integers");
                }
            }
        }
    }

    /**
     * Predictor 3 (libtiff's floating-point predictor) on each row of {@code rowBytes} bytes of {@code block}: the
     * row's bytes regrouped by significance (most significant bytes of all samples first), then byte differences
     * with a stride of one pixel.
     *
     * @param scratch at least {@code rowBytes} bytes
     */
    void floatingPointDifference(byte[] block, int rows, int rowBytes, byte[] scratch) {
        int bytes = type.bytes();
        int samples = rowBytes / bytes;
        for (int r = 0; r < rows; r++) {
            int start = r * rowBytes;
            System.arraycopy(block, start, scratch, 0, rowBytes);
            for (int s = 0; s < samples; s++) {
                for (int k = 0; k < bytes; k++) {
                    block[start + (bytes - k - 1) * samples + s] = scratch[s * bytes + k];
                }
            }
            for (int i = start + rowBytes - 1; i >= start + bands; i--) {
                block[i] = (byte) (block[i] - block[i - bands]);
            }
        }
    }

    /** DEFLATEs the first {@code length} bytes of {@code block} into {@code sink}, in pieces of up to 64 KiB. */
    void deflate(byte[] block, int length, Sink sink) throws IOException {
        deflater.reset();
        deflater.setInput(block, 0, length);
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(deflated);
            sink.write(deflated, n);
        }
    }

    /** Releases the {@link Deflater}; safe to call more than once. */
    void end() {
        if (deflater != null) {
            deflater.end();
        }
    }

    /**
     * The entries that describe an image's samples: size, bits, compression, photometric interpretation (palette
     * with a colour map), samples per pixel, planar configuration 1, the predictor ({@code 0}: none), the colour
     * map, extra samples, sample format and the GDAL_NODATA value.
     */
    void addSampleEntries(
            List<TiffEntry> e,
            int imageWidth,
            int height,
            int compression,
            int predictor,
            short[] colorMap,
            Double nodata) {
        e.add(TiffEntry.longs(256, imageWidth));
        e.add(TiffEntry.longs(257, height));
        e.add(TiffEntry.shorts(258, repeat(bands, type.bytes() * 8)));
        e.add(TiffEntry.shorts(259, compression));
        e.add(TiffEntry.shorts(262, colorMap != null ? 3 : 1));
        e.add(TiffEntry.shorts(277, bands));
        e.add(TiffEntry.shorts(284, 1));
        if (predictor != 0) {
            e.add(TiffEntry.shorts(317, predictor));
        }
        if (colorMap != null) {
            e.add(TiffEntry.shorts(320, colorMap));
        }
        if (bands > 1) {
            e.add(TiffEntry.shorts(338, repeat(bands - 1, 0)));
        }
        e.add(TiffEntry.shorts(339, repeat(bands, type.isFloatingPoint() ? 3 : type.isUnsigned() ? 1 : 2)));
        if (nodata != null) {
            e.add(TiffEntry.ascii(42113, GeoTiffTags.formatNodata(nodata)));
        }
    }

    private static int[] repeat(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }
}
