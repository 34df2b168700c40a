package org.sensei4j.io.geotiff;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.TIFFImage;
import mil.nga.tiff.TiffReader;
import mil.nga.tiff.compression.CompressionDecoder;
import mil.nga.tiff.compression.LZWCompression;
import mil.nga.tiff.util.TiffException;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.remote.ByteSource;
import org.sensei4j.io.remote.FileByteSource;
import org.sensei4j.io.remote.HttpByteSource;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.RasterInfo;
import org.sensei4j.raster.SampleType;

/**
 * Reads a GeoTIFF (or a plain TIFF) into floats: strips or tiles, uncompressed, DEFLATE, LZW or PackBits,
 * horizontal (2) and floating-point (3) predictors, 8/16/32/64-bit integer and 32/64-bit float samples,
 * band-interleaved or pixel-interleaved; COGs read their full-resolution image (the first directory).
 *
 * <p>Memory: the file is not loaded. Opening reads the header and the directories; reading a window reads and
 * decodes only the strips or tiles that intersect it, so the heap holds the result array, the block cache and at
 * most {@link #BATCH_BYTES} of blocks being decoded.
 *
 * <p>Speed: the blocks of a window are decompressed (and their predictors undone and values converted) by the
 * reading thread and a shared pool's threads at once ({@link #decodeThreads(int)}), with the same result as one
 * thread; the file itself is read by the reading thread, in block order. (mil.nga's own
 * {@code TiffReader.readTiff(File)} would read the whole file into a byte array; this reader hands mil.nga a
 * file-backed byte reader instead and uses its LZW and PackBits decoders; DEFLATE and the predictors are its own.)
 *
 * <p>Bands are numbered from 0. Values are converted to float as stored, without scaling; 32-bit integers
 * above 2^24 and 64-bit floats lose precision. Files of 2 GiB or more and BigTIFF are not supported.
 * Georeference: ModelTransformation or ModelTiepoint + ModelPixelScale, GeoKeyDirectory (EPSG code from
 * ProjectedCSTypeGeoKey or GeographicTypeGeoKey) and GDAL_NODATA; a plain TIFF has a null georeference.
 *
 * <p>Not thread-safe: use one reader per thread (opening is cheap); the decoding threads it uses are its own
 * business.
 */
public final class GeoTiffReader implements AutoCloseable {

    private final Path file;
    /** The path or URL, for messages. */
    private final String name;

    private final ByteSource channel;
    private final ChannelByteReader bytes;
    private final FileDirectory dir;
    private final RasterInfo info;
    private final ByteOrder order;
    private final int samplesPerPixel;
    private final int bytesPerSample;
    private final boolean planar;
    private final int blockWidth;
    private final int blockHeight;
    private final int blocksAcross;
    private final int blocksDown;
    private final long[] offsets;
    private final long[] byteCounts;
    private final Integer predictor;
    private final CompressionDecoder decoder;
    private final int compression;
    /** Threads that decode one window; 1 reads as before, block after block on the calling thread. */
    private volatile int decodeThreads = DecodePool.defaultThreads();
    /** The decoder of the serial path. */
    private BlockDecoder serialDecoder;

    private GeoTiffReader(Path file, ByteSource channel) throws IOException {
        this.file = file;
        this.name = channel.name();
        this.channel = channel;
        this.bytes = new ChannelByteReader(channel);
        TIFFImage image = TiffReader.readTiff(bytes, false);
        this.dir = image.getFileDirectory();
        this.order = bytes.getByteOrder();

        int width = positive(dir.getImageWidth(), "ImageWidth");
        int height = positive(dir.getImageHeight(), "ImageLength");
        this.samplesPerPixel = dir.getSamplesPerPixel();
        if (samplesPerPixel <= 0) {
            throw problem("SamplesPerPixel is " + samplesPerPixel);
        }
        List<Integer> bitsPerSample = dir.getBitsPerSample();
        if (bitsPerSample == null || bitsPerSample.isEmpty()) {
            throw problem("BitsPerSample tag is missing");
        }
        int bits = bitsPerSample.get(0);
        for (int b : bitsPerSample) {
            if (b != bits) {
                throw unsupported(
                        "bands with different bit depths " + bitsPerSample, "convert with gdal_translate -ot Float32");
            }
        }
        List<Integer> formats = dir.getSampleFormat();
        int format = formats == null || formats.isEmpty() ? 1 : formats.get(0);
        SampleType type = sampleType(format, bits);
        this.bytesPerSample = bits / 8;
        Integer planarConfig = dir.getPlanarConfiguration();
        this.planar = planarConfig != null && planarConfig == 2 && samplesPerPixel > 1;

        Integer compressionCode = dir.getCompression();
        this.compression = compressionCode == null ? 1 : compressionCode;
        if (!GeoTiffTags.compressionSupported(compression)) {
            throw unsupported(
                    "compression " + GeoTiffTags.compressionName(compression) + " (TIFF code " + compression + ")",
                    "convert with gdal_translate -co COMPRESS=DEFLATE");
        }
        Integer pred = dir.getPredictor();
        this.predictor = pred == null || pred == 1 ? null : pred;
        if (predictor != null && predictor != 2 && predictor != 3) {
            throw unsupported("predictor " + predictor, "convert with gdal_translate -co PREDICTOR=2");
        }
        if (predictor != null && predictor == 3 && !type.isFloatingPoint()) {
            throw problem("floating-point predictor 3 on " + type.gdalName() + " samples");
        }
        this.decoder = dir.getDecoder();

        boolean tiled = dir.isTiled();
        if (tiled) {
            this.blockWidth = positive(dir.getTileWidth(), "TileWidth");
            this.blockHeight = positive(dir.getTileHeight(), "TileLength");
        } else {
            this.blockWidth = width;
            Number rows = dir.getRowsPerStrip();
            this.blockHeight =
                    rows == null || rows.longValue() <= 0 || rows.longValue() > height ? height : rows.intValue();
        }
        this.blocksAcross = (width + blockWidth - 1) / blockWidth;
        this.blocksDown = (height + blockHeight - 1) / blockHeight;
        List<? extends Number> offs = tiled ? dir.getTileOffsets() : dir.getStripOffsets();
        List<? extends Number> counts = tiled ? dir.getTileByteCounts() : dir.getStripByteCounts();
        String what = tiled ? "tile" : "strip";
        long expected = (long) blocksAcross * blocksDown * (planar ? samplesPerPixel : 1);
        if (offs == null || counts == null) {
            throw problem(what + " offsets or byte counts are missing");
        }
        if (offs.size() < expected || counts.size() < expected) {
            throw problem("it lists " + offs.size() + " " + what + " offsets and " + counts.size() + " byte counts but "
                    + expected + " " + what + "s are needed");
        }
        this.offsets = new long[(int) expected];
        this.byteCounts = new long[(int) expected];
        long fileSize = channel.size();
        for (int i = 0; i < expected; i++) {
            offsets[i] = offs.get(i).longValue();
            byteCounts[i] = counts.get(i).longValue();
            if (offsets[i] < 0 || byteCounts[i] < 0 || offsets[i] + byteCounts[i] > fileSize) {
                throw new SenseiException("cannot read TIFF " + name + ": the file is truncated: " + what + " " + i
                        + " occupies bytes " + offsets[i] + ".." + (offsets[i] + byteCounts[i]) + " but the file has "
                        + fileSize + " bytes; download or copy it again");
            }
        }
        Double nodata = GeoTiffTags.parseNodata(GeoTiffTags.string(dir, FieldTagType.GDAL_NODATA));
        Georeference georeference = GeoTiffTags.georeference(dir);
        this.info = new RasterInfo(
                width,
                height,
                samplesPerPixel,
                type,
                nodata,
                georeference,
                tiled,
                blockWidth,
                blockHeight,
                GeoTiffTags.compressionName(compression));
        this.cacheBudget = cacheBudget(width, bytesPerSample, samplesPerPixel);
    }

    /**
     * Opens a TIFF: reads its header and first directory (not its pixels).
     *
     * @throws SenseiException when the file is missing, unreadable, not a TIFF, corrupt, truncated, or uses a
     *     feature this reader lacks; the message names the file, the problem and a fix
     */
    public static GeoTiffReader open(Path file) {
        if (!Files.exists(file)) {
            throw new SenseiException("file not found: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new SenseiException("cannot read TIFF " + file + ": it is a directory: give a .tif file");
        }
        if (!Files.isRegularFile(file)) {
            throw new SenseiException("cannot read TIFF " + file + ": it is not a regular file (a FIFO, device or"
                    + " socket): give a .tif file");
        }
        ByteSource channel;
        try {
            channel = FileByteSource.open(file);
        } catch (NoSuchFileException e) {
            throw new SenseiException("file not found: " + file, e);
        } catch (AccessDeniedException e) {
            throw new SenseiException("cannot read TIFF " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new SenseiException("cannot read TIFF " + file + ": " + e.getMessage(), e);
        }
        return open(file, channel);
    }

    /**
     * Opens a TIFF behind an {@code http(s)://} URL, read with HTTP range requests (see {@link HttpByteSource}):
     * only the header, the directories and the blocks of the windows read are fetched.
     *
     * @throws SenseiException as {@link #open(Path)}, and for a URL that answers with an HTTP error
     */
    public static GeoTiffReader open(String url) {
        if (!ByteSource.isUrl(url)) {
            return open(Path.of(url));
        }
        return open(null, HttpByteSource.open(url));
    }

    /** Opens a TIFF read through {@code source} (closed on failure); {@code file} is its path, or null. */
    public static GeoTiffReader open(Path file, ByteSource channel) {
        String file_ = channel.name();
        try {
            checkSignature(file_, channel);
            checkDirectoryChain(file_, channel);
            return new GeoTiffReader(file, channel);
        } catch (SenseiException e) {
            closeQuietly(channel);
            throw e;
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(channel);
            throw new SenseiException("cannot read TIFF " + file_ + ": " + e.getMessage(), e);
        } catch (TiffException e) {
            closeQuietly(channel);
            throw new SenseiException(
                    "cannot read TIFF " + file_ + ": " + e.getMessage() + "; check it with gdalinfo or copy it again",
                    e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw new SenseiException(
                    "cannot read TIFF " + file_ + ": the file is corrupt or truncated ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "); check it with gdalinfo or copy it again",
                    e);
        }
    }

    private static void checkSignature(String file, ByteSource channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(8);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // keep reading
        }
        int n = head.position();
        byte[] b = head.array();
        if (n < 8) {
            throw new SenseiException("cannot read TIFF " + file + ": the file has only " + channel.size()
                    + " bytes, too few for a TIFF header; it is empty or truncated");
        }
        boolean ii = b[0] == 'I' && b[1] == 'I';
        boolean mm = b[0] == 'M' && b[1] == 'M';
        int magic = ii ? (b[2] & 0xFF) | (b[3] & 0xFF) << 8 : (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        if ((ii || mm) && magic == 43) {
            throw new SenseiException("cannot read TIFF " + file + ": it is a BigTIFF, which is not supported: convert "
                    + "it with gdal_translate -co BIGTIFF=NO (below 4 GB) or cut it into smaller files");
        }
        if (!(ii || mm) || magic != 42) {
            throw new SenseiException("cannot read TIFF " + file + ": not a TIFF file (it starts with bytes "
                    + hex(b, 4) + guessFormat(b) + "; a TIFF starts with 49 49 2A 00 or 4D 4D 00 2A)");
        }
    }

    /** Most image directories (IFDs) a TIFF may chain: GeoTIFFs hold one per image plus a few overviews. */
    static final int MAX_DIRECTORIES = 1024;

    /**
     * Walks the chain of image directories (IFDs) before the TIFF library reads it: refuses a chain that loops
     * (a next-IFD offset pointing to itself or back), one longer than {@link #MAX_DIRECTORIES}, a directory
     * outside the file, and a tag that claims more values than the file has bytes. Without this check a looping
     * chain is read until memory runs out.
     */
    private static void checkDirectoryChain(String file, ByteSource channel) throws IOException {
        long size = channel.size();
        ByteBuffer head = readAt(channel, 0, 8);
        ByteOrder order = head.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        long offset = head.order(order).getInt(4) & 0xFFFFFFFFL;
        Set<Long> seen = new HashSet<>();
        int n = 0;
        while (offset != 0) {
            if (!seen.add(offset)) {
                throw new SenseiException("cannot read TIFF " + file + ": its chain of image directories (IFDs) loops"
                        + " back to byte offset " + offset + " after " + n + " director" + (n == 1 ? "y" : "ies")
                        + "; the file is corrupt: copy it again or rewrite it with gdal_translate");
            }
            if (++n > MAX_DIRECTORIES) {
                throw new SenseiException("cannot read TIFF " + file + ": it chains more than " + MAX_DIRECTORIES
                        + " image directories (IFDs); the file is corrupt or not a GeoTIFF image: rewrite it with"
                        + " gdal_translate");
            }
            if (offset < 8 || offset + 2 > size) {
                throw new SenseiException("cannot read TIFF " + file + ": image directory " + n + " is at byte offset "
                        + offset + ", outside the file of " + size + " bytes; the file is truncated or corrupt:"
                        + " copy it again");
            }
            int entries = readAt(channel, offset, 2).order(order).getShort(0) & 0xFFFF;
            long next = offset + 2 + 12L * entries;
            if (next + 4 > size) {
                throw new SenseiException("cannot read TIFF " + file + ": image directory " + n + " (" + entries
                        + " entries at byte offset " + offset + ") runs past the end of the file of " + size
                        + " bytes; the file is truncated or corrupt: copy it again");
            }
            ByteBuffer dir = readAt(channel, offset + 2, 12 * entries + 4).order(order);
            for (int i = 0; i < entries; i++) {
                int tag = dir.getShort(12 * i) & 0xFFFF;
                int type = dir.getShort(12 * i + 2) & 0xFFFF;
                long count = dir.getInt(12 * i + 4) & 0xFFFFFFFFL;
                long bytes = count * typeBytes(type);
                if (bytes > 4 && bytes > size) {
                    throw new SenseiException("cannot read TIFF " + file + ": tag " + tag + " in image directory " + n
                            + " claims " + count + " values (" + bytes + " bytes), more than the file's " + size
                            + " bytes; the file is corrupt");
                }
            }
            offset = dir.getInt(12 * entries) & 0xFFFFFFFFL;
        }
        if (n == 0) {
            throw new SenseiException("cannot read TIFF " + file + ": it has no image directory (IFD offset 0); the"
                    + " file is corrupt");
        }
    }

    /** Bytes per value of a TIFF field type (unknown types count as 1). */
    private static int typeBytes(int type) {
        return switch (type) {
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 1;
        };
    }

    private static ByteBuffer readAt(ByteSource channel, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new EOFException("unexpected end of file at byte " + (position + b.position()));
            }
        }
        return b;
    }

    private static String guessFormat(byte[] b) {
        if (b[0] == (byte) 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return ", a PNG image";
        }
        if (b[0] == 'P' && b[1] == 'K') {
            return ", a zip archive";
        }
        if (b[0] == (byte) 0x93 && b[1] == 'N' && b[2] == 'U' && b[3] == 'M') {
            return ", a NumPy .npy file";
        }
        if ((b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0x0C) || (b[0] == (byte) 0xFF && b[1] == 0x4F)) {
            return ", a JPEG2000 file";
        }
        if (b[0] == (byte) 0x89 && b[1] == 'H' && b[2] == 'D' && b[3] == 'F') {
            return ", an HDF5 file";
        }
        return "";
    }

    private static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(String.format("%02X", b[i] & 0xFF));
        }
        return s.toString();
    }

    private SampleType sampleType(int format, int bits) {
        SampleType t = null;
        if (format == 1) {
            t = bits == 8 ? SampleType.UINT8 : bits == 16 ? SampleType.UINT16 : bits == 32 ? SampleType.UINT32 : null;
        } else if (format == 2) {
            t = bits == 8 ? SampleType.INT8 : bits == 16 ? SampleType.INT16 : bits == 32 ? SampleType.INT32 : null;
        } else if (format == 3) {
            t = bits == 32 ? SampleType.FLOAT32 : bits == 64 ? SampleType.FLOAT64 : null;
        }
        if (t == null) {
            String kind = format == 1
                    ? "unsigned integer"
                    : format == 2 ? "signed integer" : format == 3 ? "floating-point" : "sample format " + format;
            throw unsupported(bits + "-bit " + kind + " samples", "convert with gdal_translate -ot Float32");
        }
        return t;
    }

    private int positive(Number n, String tag) {
        if (n == null) {
            throw problem(tag + " tag is missing");
        }
        if (n.longValue() <= 0 || n.longValue() > Integer.MAX_VALUE) {
            throw problem(tag + " is " + n);
        }
        return n.intValue();
    }

    private SenseiException problem(String what) {
        return new SenseiException("cannot read TIFF " + name + ": " + what + "; the file is corrupt");
    }

    private SenseiException unsupported(String what, String fix) {
        return new SenseiException("cannot read TIFF " + name + ": " + what + " not supported: " + fix);
    }

    private static void closeQuietly(ByteSource c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** The file this reader reads, or null for a URL (see {@link #name()}). */
    public Path file() {
        return file;
    }

    /** The path or URL this reader reads. */
    public String name() {
        return name;
    }

    /** Size, bands, type, nodata, georeference and layout of the image. */
    public RasterInfo info() {
        return info;
    }

    /** Threads that decode the strips or tiles of one window (see {@link #decodeThreads(int)}). */
    public int decodeThreads() {
        return decodeThreads;
    }

    /**
     * Sets how many threads decode the strips or tiles of one window: the reading thread and up to {@code threads −
     * 1} threads of a pool shared by all readers (at most one fewer than the processors). 1 decodes block after block
     * on the reading thread. The values read are the same either way. Default: the system property {@value
     * DecodePool#PROPERTY} when set, else the available processors (at most {@value DecodePool#MAX_THREADS}).
     *
     * @return this reader
     */
    public GeoTiffReader decodeThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("decode threads " + threads + ": give 1 or more");
        }
        this.decodeThreads = Math.min(threads, DecodePool.MAX_THREADS);
        return this;
    }

    /** One whole band as a row-major {@code height × width} array. */
    public float[] readBand(int band) {
        return read(info.fullWindow(), band).data();
    }

    /** Every band of the whole image. */
    public FloatRaster readAll() {
        return read(info.fullWindow());
    }

    /** The chosen bands (all when none given) of the whole image, in the given order. */
    public FloatRaster read(int... bands) {
        return read(info.fullWindow(), bands);
    }

    /**
     * The chosen bands (all when none given) of a window, in the given order; only the strips or tiles that
     * intersect the window are read and decoded.
     *
     * @throws IllegalArgumentException when the window leaves the image or a band does not exist
     * @throws SenseiException when a block is corrupt or cannot be read
     */
    public FloatRaster read(PixelWindow window, int... bands) {
        window.requireInside(info.width(), info.height());
        int[] chosen = bands.length == 0 ? allBands() : bands.clone();
        for (int b : chosen) {
            if (b < 0 || b >= samplesPerPixel) {
                throw new IllegalArgumentException("band " + b + " does not exist in " + name + ": it has bands 0.."
                        + (samplesPerPixel - 1) + " (numbered from 0)");
            }
        }
        long n = (long) chosen.length * window.pixelCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(chosen.length + " bands of " + window + " are " + n
                    + " values, too many for one Java array: read fewer bands or a smaller window");
        }
        float[] out = new float[(int) n];
        int plane = (int) window.pixelCount();
        int firstBlockX = window.x() / blockWidth;
        int lastBlockX = (window.endX() - 1) / blockWidth;
        int firstBlockY = window.y() / blockHeight;
        int lastBlockY = (window.endY() - 1) / blockHeight;
        List<Part> parts = new ArrayList<>();
        int[] interleaved = new int[chosen.length];
        for (int i = 0; i < chosen.length; i++) {
            interleaved[i] = i;
        }
        for (int by = firstBlockY; by <= lastBlockY; by++) {
            for (int bx = firstBlockX; bx <= lastBlockX; bx++) {
                if (planar) {
                    for (int i = 0; i < chosen.length; i++) {
                        int index = chosen[i] * blocksAcross * blocksDown + by * blocksAcross + bx;
                        parts.add(new Part(index, bx, by, new int[] {0}, new int[] {i}, 1));
                    }
                } else {
                    parts.add(new Part(by * blocksAcross + bx, bx, by, chosen, interleaved, samplesPerPixel));
                }
            }
        }
        if (decodeThreads <= 1 || parts.size() <= 1) {
            for (Part part : parts) {
                copy(block(part.index(), part.by()), part, window, out, plane);
            }
        } else {
            readParallel(parts, window, out, plane);
        }
        return new FloatRaster(chosen.length, window.height(), window.width(), out, info.nodata());
    }

    private int[] allBands() {
        int[] all = new int[samplesPerPixel];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    /** Rows held by block row {@code by} (the last strip may be short; tiles are always full). */
    private int rowsInBlock(int by) {
        return info.tiled() ? blockHeight : Math.min(blockHeight, info.height() - by * blockHeight);
    }

    /** Decoded blocks by index, least recently used first; bounded by {@link #cacheBudget}. */
    private final LinkedHashMap<Integer, ByteBuffer> cache = new LinkedHashMap<>(64, 0.75f, true);

    private long cachedBytes;
    private final long cacheBudget;

    /**
     * Least bytes of decoded blocks kept between reads: windows that share strips or tiles (the tiles of one row of
     * a masking grid all read the same full-width strips) decode each block once.
     */
    static final long CACHE_BYTES = 128L << 20;
    /** Most bytes of decoded blocks kept. */
    static final long MAX_CACHE_BYTES = 256L << 20;
    /**
     * Full-width rows the cache holds at least (up to {@link #MAX_CACHE_BYTES}): the windows of a masking tile row
     * (at most 512 rows with the default tile) plus the rounding to whole strips. Taller windows on a wide strip
     * file decode some strips more than once (slower, same result).
     */
    static final int CACHE_ROWS = 544;

    /**
     * The cache's budget for this file: {@link #CACHE_ROWS} decoded full-width rows of all bands, at least
     * {@link #CACHE_BYTES}, at most {@link #MAX_CACHE_BYTES}. A fixed budget thrashed on wide scenes: on a 10980 px
     * wide 13-band uint16 file one 482-row tile window needs 137 MB of strips, more than 128 MB, so every tile of a
     * row decoded all of them again (reading took 40% of the masking time instead of 6%).
     */
    private static long cacheBudget(int width, int bytesPerSample, int samplesPerPixel) {
        long rowBytes = (long) width * bytesPerSample * samplesPerPixel;
        return Math.max(CACHE_BYTES, Math.min(MAX_CACHE_BYTES, CACHE_ROWS * rowBytes));
    }

    /**
     * One block's share of a window: block {@code index} (block row {@code by}, column {@code bx}); sample
     * {@code samples[i]} of each pixel of the block (pixels {@code stride} samples apart) goes to output band
     * {@code outBands[i]}.
     */
    private record Part(int index, int bx, int by, int[] samples, int[] outBands, int stride) {}

    /** A decoded block, from the cache or decoded now on this thread. */
    private ByteBuffer block(int index, int by) {
        ByteBuffer cached = cached(index);
        if (cached != null) {
            return cached;
        }
        if (serialDecoder == null) {
            serialDecoder = new BlockDecoder();
        }
        ByteBuffer decoded = decode(index, by, readRaw(index), serialDecoder);
        remember(index, decoded);
        return view(decoded);
    }

    /** A view of a cached block, or null. */
    private ByteBuffer cached(int index) {
        ByteBuffer cached = cache.get(index);
        return cached == null ? null : view(cached);
    }

    private static ByteBuffer view(ByteBuffer b) {
        return b.duplicate().order(b.order());
    }

    /** Keeps a decoded block in the cache (when it is small enough), dropping the least recently used. */
    private void remember(int index, ByteBuffer decoded) {
        int size = decoded.capacity();
        if (size <= cacheBudget / 4) {
            ByteBuffer previous = cache.put(index, decoded);
            cachedBytes += size - (previous == null ? 0 : previous.capacity());
            var it = cache.entrySet().iterator();
            while (cachedBytes > cacheBudget && it.hasNext()) {
                cachedBytes -= it.next().getValue().capacity();
                it.remove();
            }
        }
    }

    /**
     * Most bytes of decoded blocks that {@link #readParallel} decodes in one batch: bounds what a window holds beside
     * the cache (a 482-row window of a 5490 px wide 13-band uint16 strip file decodes 69 MB).
     */
    static final long BATCH_BYTES = 32L << 20;

    /** {@link #BATCH_BYTES}, smaller in tests. */
    private long batchBytes = BATCH_BYTES;

    /** Sets the bytes of a batch (for tests: many batches on a small file). */
    GeoTiffReader batchBytes(long bytes) {
        this.batchBytes = bytes;
        return this;
    }

    /**
     * Reads {@code parts} as the serial path does, with the decompression, predictors and conversion of the blocks
     * spread over {@link #decodeThreads} threads. In batches of about {@link #BATCH_BYTES}: this thread looks the
     * blocks up in the cache and reads the compressed bytes of the others, in order (the file is read as by the
     * serial path); then this thread and the pool's decode the missing blocks and copy every block into its own
     * part of {@code out}; then this thread caches the new blocks, in order. Each block decodes to the same bytes
     * on any thread and the parts of a window do not overlap, so the result is the serial one; a failure is
     * reported for the first failing block in the serial order.
     */
    private void readParallel(List<Part> parts, PixelWindow window, float[] out, int plane) {
        int n = parts.size();
        ByteBuffer[] blocks = new ByteBuffer[n];
        byte[][] raws = new byte[n][];
        Throwable[] failures = new Throwable[n];
        int start = 0;
        while (start < n) {
            int end = start;
            long pending = 0;
            RuntimeException readFailure = null;
            while (end < n && (pending < batchBytes || end - start < decodeThreads)) {
                Part part = parts.get(end);
                ByteBuffer cached = cached(part.index());
                if (cached != null) {
                    blocks[end] = cached;
                } else {
                    try {
                        raws[end] = readRaw(part.index());
                    } catch (RuntimeException e) {
                        readFailure = e;
                        break;
                    }
                    pending += decodedBytes(part.by());
                }
                end++;
            }
            int last = end;
            AtomicInteger next = new AtomicInteger(start);
            DecodePool.run(
                    () -> {
                        BlockDecoder decoder = null;
                        try {
                            for (int i = next.getAndIncrement(); i < last; i = next.getAndIncrement()) {
                                Part part = parts.get(i);
                                try {
                                    ByteBuffer b = blocks[i];
                                    if (b == null) {
                                        if (decoder == null) {
                                            decoder = new BlockDecoder();
                                        }
                                        b = decode(part.index(), part.by(), raws[i], decoder);
                                        blocks[i] = b;
                                    }
                                    copy(view(b), part, window, out, plane);
                                } catch (RuntimeException | Error e) {
                                    failures[i] = e;
                                }
                            }
                        } finally {
                            if (decoder != null) {
                                decoder.close();
                            }
                        }
                    },
                    decodeThreads);
            for (int i = start; i < last; i++) {
                if (failures[i] instanceof RuntimeException e) {
                    throw e;
                }
                if (failures[i] instanceof Error e) {
                    throw e;
                }
                if (raws[i] != null) {
                    remember(parts.get(i).index(), blocks[i]);
                }
                raws[i] = null;
                blocks[i] = null;
            }
            if (readFailure != null) {
                throw readFailure;
            }
            start = last;
        }
    }

    /** Bytes of a decoded block of block row {@code by}. */
    private long decodedBytes(int by) {
        int unit = bytesPerSample * (planar ? 1 : samplesPerPixel);
        return (long) blockWidth * rowsInBlock(by) * unit;
    }

    private String blockName(int index) {
        return (info.tiled() ? "tile " : "strip ") + index;
    }

    private static final byte[] NO_BYTES = new byte[0];

    /** The compressed bytes of one block (none for a sparse block); reads the file, so on the reading thread only. */
    private byte[] readRaw(int index) {
        try {
            if (byteCounts[index] == 0) {
                return NO_BYTES;
            }
            if (byteCounts[index] > Integer.MAX_VALUE) {
                throw new SenseiException("cannot read TIFF " + name + ": " + blockName(index) + " has "
                        + byteCounts[index] + " bytes, too many");
            }
            return bytes.readBytes((int) offsets[index], (int) byteCounts[index]);
        } catch (RuntimeException e) {
            throw blockFailure(index, e);
        }
    }

    /**
     * Decompresses and un-predicts one block (for planar files, of one band) from its compressed bytes; touches no
     * state of the reader, so any thread may run it with its own {@code decoder}.
     */
    private ByteBuffer decode(int index, int by, byte[] raw, BlockDecoder decoder) {
        int rows = rowsInBlock(by);
        long expected = decodedBytes(by);
        try {
            if (expected > Integer.MAX_VALUE - 8) {
                throw new SenseiException("cannot read TIFF " + name + ": " + blockName(index) + " decodes to "
                        + expected + " bytes, too many for one block: rewrite it with gdal_translate -co TILED=YES");
            }
            if (byteCounts[index] == 0) {
                // GDAL's sparse files leave empty blocks: they read as zeros
                return ByteBuffer.wrap(new byte[(int) expected]).order(order);
            }
            byte[] decoded = decoder.decompress(raw, (int) expected);
            if (decoded == null || decoded.length < expected) {
                throw new SenseiException("cannot read TIFF " + name + ": " + blockName(index) + " decodes to "
                        + (decoded == null ? 0 : decoded.length) + " bytes instead of " + expected
                        + "; the file is corrupt or truncated");
            }
            int samples = planar ? 1 : samplesPerPixel;
            if (predictor != null && predictor == 2) {
                Predictors.undoHorizontal(decoded, order, blockWidth, rows, samples, bytesPerSample);
            } else if (predictor != null && predictor == 3) {
                return ByteBuffer.wrap(Predictors.undoFloatingPoint(decoded, blockWidth, rows, samples, bytesPerSample))
                        .order(ByteOrder.BIG_ENDIAN);
            }
            return ByteBuffer.wrap(decoded).order(order);
        } catch (RuntimeException e) {
            throw blockFailure(index, e);
        }
    }

    private SenseiException blockFailure(int index, RuntimeException e) {
        if (e instanceof SenseiException se) {
            return se;
        }
        if (e instanceof UncheckedIOException u) {
            return new SenseiException(
                    "cannot read TIFF " + name + ": " + blockName(index) + ": "
                            + u.getCause().getMessage(),
                    e);
        }
        return new SenseiException(
                "cannot read TIFF " + name + ": " + blockName(index) + " is corrupt ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                e);
    }

    /**
     * Decompresses blocks on one thread: DEFLATE with one reused {@link Inflater} straight into an array of the
     * block's size (mil.nga's decoder makes a new inflater per block and copies its output twice), LZW with its own
     * mil.nga decoder (which keeps its table in fields), the others with the file's (stateless) decoder.
     */
    private final class BlockDecoder implements AutoCloseable {
        private Inflater inflater;
        private CompressionDecoder lzw;

        byte[] decompress(byte[] raw, int expected) {
            if (compression == 8 || compression == 32946) {
                return inflate(raw, expected);
            }
            if (compression == 5) {
                if (lzw == null) {
                    lzw = new LZWCompression();
                }
                return lzw.decode(raw, order);
            }
            return decoder.decode(raw, order);
        }

        /**
         * The first {@code expected} bytes of a zlib stream (fewer when it ends early); the rest of the stream is
         * inflated too (and dropped), so that its checksum is verified as before.
         */
        private byte[] inflate(byte[] raw, int expected) {
            if (inflater == null) {
                inflater = new Inflater();
            }
            Inflater inf = inflater;
            inf.reset();
            inf.setInput(raw);
            byte[] out = new byte[expected];
            int n = 0;
            try {
                while (n < expected) {
                    int k = inf.inflate(out, n, expected - n);
                    if (k == 0 && (inf.finished() || inf.needsInput() || inf.needsDictionary())) {
                        break;
                    }
                    n += k;
                }
                if (n == expected && !inf.finished()) {
                    byte[] rest = new byte[256];
                    while (!inf.finished() && inf.inflate(rest) > 0) {
                        // past the block's bytes: inflated only to reach the checksum
                    }
                }
            } catch (DataFormatException e) {
                throw new TiffException("Data format error while decoding stream", e);
            }
            return n == expected ? out : Arrays.copyOf(out, n);
        }

        @Override
        public void close() {
            if (inflater != null) {
                inflater.end();
                inflater = null;
            }
        }
    }

    /** Copies the part of a decoded block that lies in the window into {@code out}. */
    private void copy(ByteBuffer block, Part part, PixelWindow window, float[] out, int plane) {
        int bx = part.bx();
        int by = part.by();
        int[] samples = part.samples();
        int[] outBands = part.outBands();
        int stride = part.stride();
        int x0 = Math.max(window.x(), bx * blockWidth);
        int x1 = Math.min(window.endX(), Math.min((bx + 1) * blockWidth, info.width()));
        int y0 = Math.max(window.y(), by * blockHeight);
        int y1 = Math.min(window.endY(), Math.min((by + 1) * blockHeight, info.height()));
        SampleType type = info.sampleType();
        for (int y = y0; y < y1; y++) {
            int rowInBlock = y - by * blockHeight;
            for (int i = 0; i < samples.length; i++) {
                int src = ((rowInBlock * blockWidth + (x0 - bx * blockWidth)) * stride + samples[i]) * bytesPerSample;
                int step = stride * bytesPerSample;
                int dst = outBands[i] * plane + (y - window.y()) * window.width() + (x0 - window.x());
                convert(block, type, src, step, out, dst, x1 - x0);
            }
        }
    }

    // 16-bit samples straight from the block's array (blocks are array-backed, offset 0): ByteBuffer.getShort
    // checked the index and byte order per sample, ~4% of masking time on a uint16 scene. The handles must be
    // constants (static final, used directly) for the JIT to compile them to plain loads.
    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private static void convert(ByteBuffer b, SampleType type, int src, int step, float[] out, int dst, int count) {
        switch (type) {
            case UINT8 -> {
                for (int k = 0; k < count; k++, src += step) {
                    out[dst + k] = b.get(src) & 0xFF;
                }
            }
            case INT8 -> {
                for (int k = 0; k < count; k++, src += step) {
                    out[dst + k] = b.get(src);
                }
            }
            case UINT16 -> {
                byte[] a = b.array();
                if (b.order() == ByteOrder.LITTLE_ENDIAN) {
                    for (int k = 0; k < count; k++, src += step) {
                        out[dst + k] = (short) SHORT_LE.get(a, src) & 0xFFFF;
                    }
                } else {
                    for (int k = 0; k < count; k++, src += step) {
                        out[dst + k] = (short) SHORT_BE.get(a, src) & 0xFFFF;
                    }
                }
            }
            case INT16 -> {
                byte[] a = b.array();
                if (b.order() == ByteOrder.LITTLE_ENDIAN) {
                    for (int k = 0; k < count; k++, src += step) {
                        out[dst + k] = (short) SHORT_LE.get(a, src);
                    }
                } else {
                    for (int k = 0; k < count; k++, src += step) {
                        out[dst + k] = (short) SHORT_BE.get(a, src);
                    }
                }
            }
            case UINT32 -> {
                for (int k = 0; k < count; k++, src += step) {
                    out[dst + k] = b.getInt(src) & 0xFFFFFFFFL;
                }
            }
            case INT32 -> {
                for (int k = 0; k < count; k++, src += step) {
                    out[dst + k] = b.getInt(src);
                }
            }
            case FLOAT32 -> {
                for (int k = 0; k < count; k++, src += step) {
                    out[dst + k] = b.getFloat(src);
                }
            }
            case FLOAT64 -> {
                for (int k = 0; k < count; k++, src += step) {
                    out[dst + k] = (float) b.getDouble(src);
                }
            }
            default -> throw new IllegalStateException("unhandled sample type " + type);
        }
    }

    /** Bytes read from the file since it was opened (header, directories and blocks). */
    public long bytesRead() {
        return channel.bytesFetched();
    }

    @Override
    public void close() {
        cache.clear();
        cachedBytes = 0;
        if (serialDecoder != null) {
            serialDecoder.close();
            serialDecoder = null;
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "GeoTiffReader[" + name + ", " + info + "]";
    }
}
