package org.sensei4j.io.geotiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.sensei4j.raster.Georeference;

/**
 * One entry of a classic little-endian TIFF image directory (IFD): tag, TIFF field type, value count and the
 * value's bytes; and the encoding of a whole directory with its out-of-line values.
 */
record TiffEntry(int tag, int fieldType, int count, byte[] value) {

    static TiffEntry shorts(int tag, int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return new TiffEntry(tag, 3, values.length, b.array());
    }

    static TiffEntry shorts(int tag, short[] values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : values) {
            b.putShort(v);
        }
        return new TiffEntry(tag, 3, values.length, b.array());
    }

    static TiffEntry longs(int tag, long... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putInt((int) v);
        }
        return new TiffEntry(tag, 4, values.length, b.array());
    }

    static TiffEntry doubles(int tag, double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return new TiffEntry(tag, 12, values.length, b.array());
    }

    static TiffEntry ascii(int tag, String text) {
        byte[] s = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] v = Arrays.copyOf(s, s.length + 1);
        return new TiffEntry(tag, 2, v.length, v);
    }

    /** Bytes of a directory of {@code entries} (sorted by tag) with its out-of-line values after it. */
    static long size(List<TiffEntry> entries) {
        long size = 2 + 12L * entries.size() + 4;
        for (TiffEntry e : entries) {
            if (e.value.length > 4) {
                size += e.value.length + (e.value.length & 1);
            }
        }
        return size;
    }

    /**
     * Encodes a directory placed at file offset {@code at} (even), its out-of-line values right after it, and
     * {@code next} as the offset of the next directory (0 for none); {@link #size(List)} bytes.
     */
    static byte[] encode(List<TiffEntry> entries, long at, long next) {
        ByteBuffer out = ByteBuffer.allocate((int) size(entries)).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) entries.size());
        long values = at + 2 + 12L * entries.size() + 4;
        for (TiffEntry e : entries) {
            out.putShort((short) e.tag).putShort((short) e.fieldType).putInt(e.count);
            if (e.value.length <= 4) {
                out.put(e.value).put(new byte[4 - e.value.length]);
            } else {
                out.putInt((int) values);
                values += e.value.length + (e.value.length & 1);
            }
        }
        out.putInt((int) next);
        for (TiffEntry e : entries) {
            if (e.value.length > 4) {
                out.put(e.value);
                if ((e.value.length & 1) == 1) {
                    out.put((byte) 0);
                }
            }
        }
        return out.array();
    }

    /** Adds the GeoTIFF tags of {@code g} (none when null). */
    static void addGeoreference(List<TiffEntry> entries, Georeference g) {
        if (g == null) {
            return;
        }
        GeoTiffTags.GeoTagValues v = GeoTiffTags.geoTagValues(g);
        if (v.pixelScale() != null) {
            entries.add(doubles(33550, v.pixelScale()));
            entries.add(doubles(33922, v.tiepoint()));
        } else {
            entries.add(doubles(34264, v.transformation()));
        }
        if (v.keyDirectory() != null) {
            entries.add(shorts(34735, v.keyDirectory()));
            if (v.doubleParams() != null) {
                entries.add(doubles(34736, v.doubleParams()));
            }
            if (v.asciiParams() != null) {
                entries.add(ascii(34737, v.asciiParams()));
            }
        }
    }
}
