package org.sensei4j.io.geotiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The rows of one image as a row writer gathers them: pixel-interleaved in a strip buffer until the strip is full
 * or the image ends, then cut into blocks (strips or tiles) whose offsets and byte counts it keeps.
 */
class RowStrip {

    final int width;
    final int height;
    final int rowBytes;
    final int rowsPerStrip;
    final byte[] strip;
    final ByteBuffer stripView;
    /** Where each block lies, in block order. */
    final long[] offsets;
    /** The compressed size of each block. */
    final long[] byteCounts;

    int rowsInStrip;
    int rowsDone;
    int stripIndex;

    /**
     * @param rowBytes     bytes of one row of all bands
     * @param rowsPerStrip rows of a full strip (the buffer holds no more than the image's height)
     * @param blocks       blocks of the whole image
     */
    RowStrip(int width, int height, int rowBytes, int rowsPerStrip, int blocks) {
        this.width = width;
        this.height = height;
        this.rowBytes = rowBytes;
        this.rowsPerStrip = rowsPerStrip;
        this.strip = new byte[Math.multiplyExact(rowBytes, Math.min(rowsPerStrip, height))];
        this.stripView = ByteBuffer.wrap(strip).order(ByteOrder.LITTLE_ENDIAN);
        this.offsets = new long[blocks];
        this.byteCounts = new long[blocks];
    }

    /** Where the next row goes in the strip. */
    final int rowOffset() {
        return rowsInStrip * rowBytes;
    }

    /** Counts a row put into the strip; true when the strip is full or the image complete: flush it then. */
    final boolean endRow() {
        rowsInStrip++;
        rowsDone++;
        return rowsInStrip == rowsPerStrip || rowsDone == height;
    }

    /** Starts the next strip, the current one flushed. */
    final void nextStrip() {
        stripIndex++;
        rowsInStrip = 0;
    }
}
