package org.sensei4j.io.geotiff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import mil.nga.tiff.io.ByteReader;
import mil.nga.tiff.util.TiffException;
import org.sensei4j.io.remote.ByteSource;

/**
 * A {@link ByteReader} that reads a file on demand through a {@link ByteSource} (a local file or an HTTP(S)
 * URL read by range requests) instead of holding the whole file in a byte array (mil.nga's {@code
 * TiffReader.readTiff(File)} loads every byte). Only the header, the
 * directories and the blocks a caller asks for are read; small reads go through one 64 KiB page.
 *
 * <p>Positions are ints, as in {@link ByteReader}: files must be smaller than 2 GiB (classic TIFF is limited to
 * 4 GiB anyway and mil.nga cannot read BigTIFF).
 */
final class ChannelByteReader extends ByteReader {

    private static final int PAGE_SIZE = 64 * 1024;

    private final ByteSource channel;
    private final int size;
    private final ByteBuffer page = ByteBuffer.allocate(PAGE_SIZE);
    private long pageStart = -1;
    private int pageLength;
    private int next;
    private long bytesRead;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    ChannelByteReader(ByteSource channel) throws IOException {
        super(new byte[0]);
        long length = channel.size();
        if (length > Integer.MAX_VALUE) {
            throw new TiffException("file is " + length + " bytes; files of 2 GiB or more are not supported: "
                    + "cut it into smaller files with gdal_translate -srcwin");
        }
        this.channel = channel;
        this.size = (int) length;
    }

    @Override
    public int getNextByte() {
        return next;
    }

    @Override
    public void setNextByte(long nextByte) {
        if (nextByte < 0 || nextByte > size) {
            throw new TiffException("byte offset " + nextByte + " is outside the file of " + size
                    + " bytes: the file is truncated or corrupt");
        }
        next = (int) nextByte;
    }

    @Override
    public ByteOrder getByteOrder() {
        return order;
    }

    @Override
    public void setByteOrder(ByteOrder byteOrder) {
        order = byteOrder;
    }

    @Override
    public boolean hasByte() {
        return hasBytes(next, 1);
    }

    @Override
    public boolean hasByte(int offset) {
        return hasBytes(offset, 1);
    }

    @Override
    public boolean hasBytes(int count) {
        return hasBytes(next, count);
    }

    @Override
    public boolean hasBytes(int offset, int count) {
        return offset >= 0 && count >= 0 && (long) offset + count <= size;
    }

    @Override
    public String readString(int num) {
        return readString(advance(num), num);
    }

    @Override
    public String readString(int offset, int num) {
        byte[] b = readBytes(offset, num);
        if (num == 1 && b[0] == 0) {
            return null;
        }
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Override
    public byte readByte() {
        return readByte(advance(1));
    }

    @Override
    public byte readByte(int offset) {
        return window(offset, 1).get();
    }

    @Override
    public short readUnsignedByte() {
        return readUnsignedByte(advance(1));
    }

    @Override
    public short readUnsignedByte(int offset) {
        return (short) (readByte(offset) & 0xFF);
    }

    @Override
    public byte[] readBytes(int num) {
        return readBytes(advance(num), num);
    }

    @Override
    public byte[] readBytes(int offset, int num) {
        check(offset, num);
        byte[] out = new byte[num];
        if (num <= PAGE_SIZE) {
            window(offset, num).get(out);
            return out;
        }
        readFully(ByteBuffer.wrap(out), offset);
        return out;
    }

    @Override
    public short readShort() {
        return readShort(advance(2));
    }

    @Override
    public short readShort(int offset) {
        return window(offset, 2).getShort();
    }

    @Override
    public int readUnsignedShort() {
        return readUnsignedShort(advance(2));
    }

    @Override
    public int readUnsignedShort(int offset) {
        return readShort(offset) & 0xFFFF;
    }

    @Override
    public int readInt() {
        return readInt(advance(4));
    }

    @Override
    public int readInt(int offset) {
        return window(offset, 4).getInt();
    }

    @Override
    public long readUnsignedInt() {
        return readUnsignedInt(advance(4));
    }

    @Override
    public long readUnsignedInt(int offset) {
        return readInt(offset) & 0xFFFFFFFFL;
    }

    @Override
    public float readFloat() {
        return readFloat(advance(4));
    }

    @Override
    public float readFloat(int offset) {
        return window(offset, 4).getFloat();
    }

    @Override
    public double readDouble() {
        return readDouble(advance(8));
    }

    @Override
    public double readDouble(int offset) {
        return window(offset, 8).getDouble();
    }

    /** Bytes read from the file so far (to check that windowed reads stay small). */
    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int byteLength() {
        return size;
    }

    /**
     * The offset of a sequential read of {@code num} bytes, moving the next byte past them; the bytes are checked
     * first, so a read past the end leaves the position where it was.
     */
    private int advance(int num) {
        check(next, num);
        int at = next;
        next += num;
        return at;
    }

    /** Fills {@code dst} from the file, starting at byte {@code pos}. */
    private void readFully(ByteBuffer dst, long pos) {
        try {
            while (dst.hasRemaining()) {
                int n = channel.read(dst, pos);
                if (n < 0) {
                    throw new TiffException("unexpected end of file at byte " + pos);
                }
                pos += n;
                bytesRead += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void check(int offset, int num) {
        if (!hasBytes(offset, num)) {
            throw new TiffException("reading " + num + " bytes at offset " + offset + " goes past the end of the file ("
                    + size + " bytes): the file is truncated or corrupt");
        }
    }

    /** A buffer positioned at {@code offset} with at least {@code num} (<= page size) bytes remaining. */
    private ByteBuffer window(int offset, int num) {
        check(offset, num);
        if (pageStart < 0 || offset < pageStart || offset + num > pageStart + pageLength) {
            fill(offset);
        }
        ByteBuffer view = page.duplicate().order(order);
        view.limit(pageLength);
        view.position((int) (offset - pageStart));
        return view;
    }

    private void fill(int offset) {
        page.clear();
        int want = (int) Math.min(PAGE_SIZE, (long) size - offset);
        page.limit(want);
        readFully(page, offset);
        pageStart = offset;
        pageLength = want;
    }
}
