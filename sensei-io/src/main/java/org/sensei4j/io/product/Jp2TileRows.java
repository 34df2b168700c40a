package org.sensei4j.io.product;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sensei4j.io.jp2.Jp2Reader;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.RasterInfo;

/**
 * Windowed reads of the first band of a tiled JPEG2000 image (16-bit DNs) that decode each row of code-stream
 * tiles once while windows are read row by row: a window's DNs are cut from full-width tile rows, which are kept
 * until a window no longer needs them.
 *
 * <p>The decoder works tile by tile, so reading windows smaller than a tile directly would decode each tile
 * several times (a Sentinel-2 tile read in 512² windows at 20 m decoded every 1024² tile up to four times).
 * Memory: the tile rows the current window covers, {@code width × tile height × 2} bytes each (22 MB for a 10 m
 * Sentinel-2 band). Untiled images, and images whose tile rows would exceed {@link #MAX_ROW_VALUES} values, are
 * read window by window without a cache.
 */
final class Jp2TileRows {

    /** Largest tile row (values) that is cached. */
    static final long MAX_ROW_VALUES = 1L << 25;

    private final Jp2Reader reader;
    private final int width;
    private final int height;
    private final int tileHeight;
    private final boolean cached;
    private final Map<Integer, short[]> rows = new LinkedHashMap<>();
    private long decodedRows;

    Jp2TileRows(Jp2Reader reader) {
        this.reader = reader;
        RasterInfo info = reader.info();
        this.width = info.width();
        this.height = info.height();
        this.tileHeight = info.blockHeight();
        this.cached = info.tiled() && tileHeight < height && (long) width * tileHeight <= MAX_ROW_VALUES;
    }

    /** Tile rows decoded so far (for tests and reports). */
    long decodedRows() {
        return decodedRows;
    }

    /** The DNs of a window of band 0, row-major. */
    int[] read(PixelWindow window) {
        window.requireInside(width, height);
        int w = window.width();
        int h = window.height();
        int[] out = new int[w * h];
        if (!cached) {
            float[] raw = reader.read(window, 0).data();
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) raw[i];
            }
            return out;
        }
        int first = window.y() / tileHeight;
        int last = (window.endY() - 1) / tileHeight;
        for (Iterator<Integer> it = rows.keySet().iterator(); it.hasNext(); ) {
            int r = it.next();
            if (r < first || r > last) {
                it.remove();
            }
        }
        for (int t = first; t <= last; t++) {
            short[] row = rows.get(t);
            if (row == null) {
                row = decode(t);
                rows.put(t, row);
            }
            int rowStart = t * tileHeight;
            int y0 = Math.max(window.y(), rowStart);
            int y1 = Math.min(window.endY(), rowStart + tileHeight);
            for (int y = y0; y < y1; y++) {
                int src = (y - rowStart) * width + window.x();
                int dst = (y - window.y()) * w;
                for (int c = 0; c < w; c++) {
                    out[dst + c] = row[src + c] & 0xFFFF;
                }
            }
        }
        return out;
    }

    private short[] decode(int tileRow) {
        int y = tileRow * tileHeight;
        int rowsInTile = Math.min(tileHeight, height - y);
        float[] raw = reader.read(new PixelWindow(0, y, width, rowsInTile), 0).data();
        short[] row = new short[raw.length];
        for (int i = 0; i < raw.length; i++) {
            row[i] = (short) (int) raw[i];
        }
        decodedRows++;
        return row;
    }
}
