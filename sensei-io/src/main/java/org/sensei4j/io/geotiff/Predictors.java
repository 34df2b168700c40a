package org.sensei4j.io.geotiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Undoes the TIFF predictors in place, for either byte order. (mil.nga's {@code Predictor} reads samples in
 * the machine's byte order, which is wrong for big-endian files.)
 */
final class Predictors {

    private Predictors() {}

    /**
     * Horizontal differencing (predictor 2): each sample was stored as the difference to the same sample of
     * the previous pixel in its row.
     *
     * @param samples samples per pixel in this block (1 for band-interleaved files)
     */
    static void undoHorizontal(byte[] block, ByteOrder order, int width, int rows, int samples, int bytesPerSample) {
        ByteBuffer b = ByteBuffer.wrap(block).order(order);
        int rowValues = width * samples;
        for (int r = 0; r < rows; r++) {
            int start = r * rowValues;
            for (int i = samples; i < rowValues; i++) {
                int at = (start + i) * bytesPerSample;
                int prev = (start + i - samples) * bytesPerSample;
                switch (bytesPerSample) {
                    case 1 -> block[at] = (byte) (block[at] + block[prev]);
                    case 2 -> b.putShort(at, (short) (b.getShort(at) + b.getShort(prev)));
                    case 4 -> b.putInt(at, b.getInt(at) + b.getInt(prev));
                    case 8 -> b.putLong(at, b.getLong(at) + b.getLong(prev));
                    default -> throw new IllegalArgumentException(bytesPerSample + "-byte samples");
                }
            }
        }
    }

    /**
     * Floating-point prediction (predictor 3): each row holds the bytes of its values split into planes, most
     * significant byte plane first, and byte-differenced across the row. Returns the block with every value
     * in <b>big-endian</b> byte order, whatever the file's byte order.
     */
    static byte[] undoFloatingPoint(byte[] block, int width, int rows, int samples, int bytesPerSample) {
        int rowValues = width * samples;
        int rowBytes = rowValues * bytesPerSample;
        byte[] out = new byte[block.length];
        byte[] tmp = new byte[rowBytes];
        for (int r = 0; r < rows; r++) {
            int start = r * rowBytes;
            for (int i = samples; i < rowBytes; i++) {
                block[start + i] = (byte) (block[start + i] + block[start + i - samples]);
            }
            System.arraycopy(block, start, tmp, 0, rowBytes);
            for (int v = 0; v < rowValues; v++) {
                for (int k = 0; k < bytesPerSample; k++) {
                    out[start + v * bytesPerSample + k] = tmp[k * rowValues + v];
                }
            }
        }
        return out;
    }
}
