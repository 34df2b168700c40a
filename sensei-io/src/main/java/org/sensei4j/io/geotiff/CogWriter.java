package org.sensei4j.io.geotiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.AtomicFiles;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/**
 * Writes a Cloud Optimized GeoTIFF (COG) row by row, top to bottom, with bounded memory: internal tiles of
 * {@value #TILE}×{@value #TILE} pixels (pixel-interleaved), DEFLATE with a predictor (horizontal differencing,
 * TIFF predictor 2, for Byte; the floating-point predictor 3 for Float32), and internal overviews, each half the
 * size of the one before (rounded up), until both sides are at most {@value #TILE} pixels (GDAL's COG driver's
 * rule).
 *
 * <p>Layout (as GDAL's COG driver writes it and its validator
 * {@code validate_cloud_optimized_geotiff.py} checks): the header, GDAL's "ghost" structural metadata
 * ({@code LAYOUT=IFDS_BEFORE_DATA}, {@code BLOCK_ORDER=ROW_MAJOR}, {@code BLOCK_LEADER=SIZE_AS_UINT4},
 * {@code BLOCK_TRAILER=LAST_4_BYTES_REPEATED}), the directory (IFD) of the full-resolution image and those of the
 * overviews (largest first), then the tile data: the smallest overview first, the full resolution last, each
 * image's tiles in row-major order, each tile preceded by its byte count (4 bytes) and followed by its last 4
 * bytes again; GDAL then reports {@code LAYOUT=COG}.
 *
 * <p>How: as rows arrive they fill a strip of {@value #TILE} rows; a full strip is cut into tiles, which are
 * compressed and appended to a hidden spill file next to the target, and reduced 2×2 into the strip of the first
 * overview, which does the same in its turn. {@link #commit()} writes the directories into a hidden temporary file,
 * copies the tiles from the spill in COG order, and renames it over the target. Memory: one strip per level
 * ({@value #TILE} rows of the full width, then half, a quarter, ...: under twice the full-resolution strip), one
 * tile and the tile offset tables, whatever the image height. A 10980-wide Byte mask holds 11 MB of strips.
 *
 * <p>Overviews: each overview pixel comes from the 2×2 pixels of the next finer level (the last row or column
 * of an odd size has 2 or 1). {@link Resampling#MODE}: the most frequent valid value (nodata pixels do not
 * count), ties to the first of the tied values in the order top-left, top-right, bottom-left, bottom-right;
 * nodata when none is valid (class masks: no new class appears). {@link Resampling#AVERAGE}: the mean of the
 * valid values (Byte: rounded half up), nodata when none is valid (probabilities). Both apply level by level,
 * so the second overview reduces the first, not the full resolution.
 *
 * <p>Values: Byte images take byte rows as they are or float rows rounded to the nearest integer (NaN becomes
 * the nodata value); Float32 images take float rows (NaN becomes the nodata value when that is not NaN). Tiles at
 * the right and bottom edges are padded with the nodata value (0 without one). Classic TIFF: the file must stay
 * under 4 GiB. Not thread-safe; a failed write or commit deletes the temporary files and spends the writer.
 */
public final class CogWriter extends TempFileWriter {

    /** Tile width and height, also the largest side of the smallest overview. */
    public static final int TILE = 512;

    private static final long MAX_FILE_BYTES = StreamingGeoTiffWriter.MAX_FILE_BYTES;
    /** GDAL's structural metadata after the header, as its COG driver writes it (140 bytes). */
    private static final String GHOST_CONTENT = "LAYOUT=IFDS_BEFORE_DATA\nBLOCK_ORDER=ROW_MAJOR\n"
            + "BLOCK_LEADER=SIZE_AS_UINT4\nBLOCK_TRAILER=LAST_4_BYTES_REPEATED\nKNOWN_INCOMPATIBLE_EDITION=NO\n ";

    /** How overview pixels are made from the 2×2 pixels of the next finer level. */
    public enum Resampling {
        /** The most frequent valid value: for class masks (no value appears that was not there). */
        MODE,
        /** The mean of the valid values: for probabilities and other quantities. */
        AVERAGE;

        /** GDAL's name, stored as the overviews' RESAMPLING item. */
        public String gdalName() {
            return name();
        }
    }

    private final Path spillPath;
    private final FileChannel spill;
    private final int sampleBytes;
    private final Resampling resampling;
    private final Level[] levels;
    private final byte[] tile;
    private final ByteBuffer tileView;
    private final byte[] fpScratch;
    /** Bytes of one padding sample (the nodata value, or 0). */
    private final byte[] fill;

    private long spillPosition;

    /**
     * One image of the pyramid: its strip of {@value #TILE} rows and where its compressed tiles (row-major, the
     * blocks of the strip) lie in the spill.
     */
    private static final class Level extends RowStrip {
        final int across;

        Level(int width, int height, int pixelBytes) {
            super(width, height, width * pixelBytes, TILE, tiles(width) * tiles(height));
            this.across = tiles(width);
        }

        private static int tiles(int size) {
            return (size + TILE - 1) / TILE;
        }
    }

    private CogWriter(
            ImageSpec spec, Path temp, Path spillPath, FileChannel spill, Level[] levels, Resampling resampling) {
        super(spec, temp, spec.encoder(true, "write Float32"), levels[0]);
        this.spillPath = spillPath;
        this.spill = spill;
        this.sampleBytes = type.bytes();
        this.resampling = resampling;
        this.levels = levels;
        this.tile = new byte[TILE * TILE * bands * sampleBytes];
        this.tileView = ByteBuffer.wrap(tile).order(ByteOrder.LITTLE_ENDIAN);
        this.fpScratch = type == SampleType.FLOAT32 ? new byte[TILE * bands * sampleBytes] : null;
        ByteBuffer f = ByteBuffer.allocate(sampleBytes).order(ByteOrder.LITTLE_ENDIAN);
        if (type == SampleType.FLOAT32) {
            f.putFloat(nodata == null ? 0f : nodata.floatValue());
        } else {
            f.put((byte) (nodata == null ? 0 : nodata.intValue()));
        }
        this.fill = f.array();
    }

    /**
     * Creates the hidden temporary and spill files next to {@code target}.
     *
     * @param type {@link SampleType#UINT8} or {@link SampleType#FLOAT32}
     * @param georeference where the raster lies, or null for a plain TIFF
     * @param nodata the GDAL_NODATA value, or null for none; must be a value of {@code type}
     * @param resampling how overviews are made; {@link Resampling#MODE} needs Byte samples
     * @throws SenseiException when the directory is missing or not writable, or the target is a directory
     */
    public static CogWriter open(
            Path target,
            int width,
            int height,
            int bands,
            SampleType type,
            Georeference georeference,
            Double nodata,
            Resampling resampling) {
        ImageSpec spec = new ImageSpec(target, width, height, bands, type, georeference, nodata);
        Objects.requireNonNull(resampling, "resampling");
        if (type != SampleType.UINT8 && type != SampleType.FLOAT32) {
            throw new IllegalArgumentException("a COG is written as Byte or Float32, not " + type.gdalName()
                    + ": use StreamingGeoTiffWriter for other types");
        }
        if (resampling == Resampling.MODE && type != SampleType.UINT8) {
            throw new IllegalArgumentException(
                    "MODE overviews need Byte classes, not " + type.gdalName() + ": use AVERAGE");
        }
        if (nodata != null && type == SampleType.UINT8 && !type.holds(nodata)) {
            throw new SenseiException("cannot write " + target + ": nodata value " + nodata + " does not fit Byte "
                    + "(0..255): choose a nodata value inside that range");
        }
        if ((long) width * bands * type.bytes() * TILE > Integer.MAX_VALUE - 8) {
            throw new SenseiException("cannot write " + target + ": " + width + " columns x " + bands + " bands of "
                    + type.gdalName() + " make a strip of " + TILE + " rows over 2 GiB: write fewer bands or a "
                    + "narrower image");
        }
        Path absolute = AtomicFiles.requireFileTarget(target);
        Path temp = null;
        Path spillPath = null;
        FileChannel spill = null;
        try {
            temp = AtomicFiles.tempFileFor(absolute);
            spillPath = AtomicFiles.tempFileFor(absolute);
            spill = FileChannel.open(
                    spillPath, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            Level[] levels = pyramid(width, height, bands * type.bytes());
            return new CogWriter(spec, temp, spillPath, spill, levels, resampling);
        } catch (AccessDeniedException e) {
            cleanUp(spill, temp, spillPath);
            throw AtomicFiles.notWritable(target, absolute.getParent(), e);
        } catch (IOException | RuntimeException e) {
            cleanUp(spill, temp, spillPath);
            throw new SenseiException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** The full resolution and its overviews, each half the size of the one before, the last within a tile. */
    private static Level[] pyramid(int width, int height, int pixelBytes) {
        List<Level> list = new ArrayList<>();
        int w = width;
        int h = height;
        list.add(new Level(w, h, pixelBytes));
        while (w > TILE || h > TILE) {
            w = (w + 1) / 2;
            h = (h + 1) / 2;
            list.add(new Level(w, h, pixelBytes));
        }
        return list.toArray(Level[]::new);
    }

    /**
     * Sets what GDAL shows of the file besides its pixels (metadata items, band descriptions, colour table);
     * written at {@link #commit()}. A colour table needs a single-band Byte image. The sidecar of
     * {@link GdalMetadata#auxXml()} is the caller's to write.
     *
     * @return this writer
     */
    @Override
    public CogWriter metadata(GdalMetadata m) {
        setMetadata(m);
        return this;
    }

    /** Widths and heights of the full resolution and each overview, {@code [level][0 = width, 1 = height]}. */
    public int[][] levelSizes() {
        int[][] s = new int[levels.length][];
        for (int i = 0; i < levels.length; i++) {
            s[i] = new int[] {levels[i].width, levels[i].height};
        }
        return s;
    }

    /** Rows of the full-resolution image written so far. */
    public int rowsWritten() {
        return levels[0].rowsDone;
    }

    /** Bytes this writer holds for pixels (strip buffers of every level, one tile): independent of the height. */
    public long bufferedBytes() {
        long n = tile.length + encoder.bufferedBytes() + (fpScratch == null ? 0 : fpScratch.length);
        for (Level l : levels) {
            n += l.strip.length;
        }
        return n;
    }

    @Override
    void flushImageStrip() throws IOException {
        flushStrip(0);
    }

    /** A row of level {@code i} is complete in its strip: flush the strip when full or at the image's end. */
    private void endRow(int i) throws IOException {
        if (levels[i].endRow()) {
            flushStrip(i);
        }
    }

    private void flushStrip(int i) throws IOException {
        Level l = levels[i];
        int rows = l.rowsInStrip;
        for (int tx = 0; tx < l.across; tx++) {
            int x0 = tx * TILE;
            int cols = Math.min(TILE, l.width - x0);
            int tileRowBytes = TILE * bands * sampleBytes;
            int copy = cols * bands * sampleBytes;
            for (int r = 0; r < TILE; r++) {
                int at = r * tileRowBytes;
                int from = 0;
                if (r < rows) {
                    System.arraycopy(l.strip, r * l.rowBytes + x0 * bands * sampleBytes, tile, at, copy);
                    from = copy;
                }
                for (int o = from; o < tileRowBytes; o += sampleBytes) {
                    System.arraycopy(fill, 0, tile, at + o, sampleBytes);
                }
            }
            if (type == SampleType.UINT8) {
                encoder.horizontalDifference(tile, tileView, tile.length, tileRowBytes, TILE * bands);
            } else {
                encoder.floatingPointDifference(tile, TILE, tileRowBytes, fpScratch);
            }
            int index = l.stripIndex * l.across + tx;
            l.offsets[index] = spillPosition;
            encoder.deflate(tile, tile.length, this::spill);
            l.byteCounts[index] = spillPosition - l.offsets[index];
        }
        if (i + 1 < levels.length) {
            reduce(l, levels[i + 1], i + 1);
        }
        l.nextStrip();
    }

    private void spill(byte[] bytes, int length) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, length);
        while (b.hasRemaining()) {
            spillPosition += spill.write(b, spillPosition);
        }
    }

    /** Reduces the strip of {@code fine} 2×2 into rows of {@code coarse} (level {@code ci}). */
    private void reduce(Level fine, Level coarse, int ci) throws IOException {
        int rows = fine.rowsInStrip;
        int[] v = new int[4];
        float[] f = new float[4];
        for (int r = 0; r < rows; r += 2) {
            boolean second = r + 1 < rows;
            int out = coarse.rowsInStrip * coarse.rowBytes;
            for (int x = 0; x < coarse.width; x++) {
                int c0 = 2 * x;
                boolean right = c0 + 1 < fine.width;
                for (int b = 0; b < bands; b++) {
                    int a00 = (r * fine.width + c0) * bands + b;
                    int a01 = a00 + bands;
                    int a10 = a00 + fine.width * bands;
                    int a11 = a10 + bands;
                    int at = (x * bands + b) * sampleBytes;
                    if (type == SampleType.UINT8) {
                        int n = 0;
                        v[n++] = fine.strip[a00] & 0xFF;
                        if (right) {
                            v[n++] = fine.strip[a01] & 0xFF;
                        }
                        if (second) {
                            v[n++] = fine.strip[a10] & 0xFF;
                            if (right) {
                                v[n++] = fine.strip[a11] & 0xFF;
                            }
                        }
                        coarse.strip[out + at] = (byte) (resampling == Resampling.MODE ? mode(v, n) : mean(v, n));
                    } else {
                        int n = 0;
                        f[n++] = fine.stripView.getFloat(a00 * 4);
                        if (right) {
                            f[n++] = fine.stripView.getFloat(a01 * 4);
                        }
                        if (second) {
                            f[n++] = fine.stripView.getFloat(a10 * 4);
                            if (right) {
                                f[n++] = fine.stripView.getFloat(a11 * 4);
                            }
                        }
                        coarse.stripView.putFloat(out + at, mean(f, n));
                    }
                }
            }
            endRow(ci);
        }
    }

    private boolean valid(int value) {
        return nodata == null || value != nodata.intValue();
    }

    /** Most frequent valid value of {@code v[0..n)}, ties to the first; nodata when none is valid. */
    private int mode(int[] v, int n) {
        int best = -1;
        int bestCount = 0;
        for (int i = 0; i < n; i++) {
            if (!valid(v[i])) {
                continue;
            }
            int count = 0;
            for (int j = 0; j < n; j++) {
                if (v[j] == v[i]) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = v[i];
                bestCount = count;
            }
        }
        return best < 0 ? nodata.intValue() : best;
    }

    /** Mean of the valid values of {@code v[0..n)}, rounded half up; nodata when none is valid. */
    private int mean(int[] v, int n) {
        int sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (valid(v[i])) {
                sum += v[i];
                count++;
            }
        }
        return count == 0 ? nodata.intValue() : (sum + count / 2) / count;
    }

    /** Mean of the valid values (not NaN, not nodata); nodata (or NaN) when none is valid. */
    private float mean(float[] v, int n) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            float x = v[i];
            if (x == x && (nodata == null || x != nodata.floatValue())) {
                sum += x;
                count++;
            }
        }
        if (count == 0) {
            return nodata == null ? Float.NaN : nodata.floatValue();
        }
        return (float) (sum / count);
    }

    /**
     * Writes the COG into the temporary file (directories, then the tiles from the spill in COG order) and renames
     * it over the target.
     *
     * @throws SenseiException when fewer rows than the height were written or the file cannot be finished
     */
    @Override
    public void commit() {
        requireAllRows();
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] ghostContent = GHOST_CONTENT.getBytes(StandardCharsets.US_ASCII);
            byte[] ghost = (String.format(
                                    Locale.ROOT, "GDAL_STRUCTURAL_METADATA_SIZE=%06d bytes\n", ghostContent.length)
                            + GHOST_CONTENT)
                    .getBytes(StandardCharsets.US_ASCII);
            long firstIfd = 8 + ghost.length;
            firstIfd += firstIfd & 1;
            // pass 1: sizes of the directories (they do not depend on the offsets they hold)
            long[] ifdAt = new long[levels.length];
            long at = firstIfd;
            for (int i = 0; i < levels.length; i++) {
                ifdAt[i] = at;
                at += TiffEntry.size(entries(i, new long[levels[i].byteCounts.length]));
                at += at & 1;
            }
            // tile data: smallest overview first, full resolution last
            long[][] offsets = new long[levels.length][];
            for (int i = levels.length - 1; i >= 0; i--) {
                Level l = levels[i];
                offsets[i] = new long[l.byteCounts.length];
                for (int t = 0; t < offsets[i].length; t++) {
                    // leader: the tile's byte count; trailer: its last 4 bytes again (GDAL's COG block layout)
                    at += 4;
                    offsets[i][t] = at;
                    at += l.byteCounts[t] + 4;
                }
            }
            if (at > MAX_FILE_BYTES) {
                throw new SenseiException("cannot write " + target + ": the COG would be " + at + " bytes, more "
                        + "than the 4 GiB a classic TIFF holds (BigTIFF is not supported): write --format gtiff or "
                        + "fewer bands");
            }
            ByteBuffer head = ByteBuffer.allocate((int) firstIfd).order(ByteOrder.LITTLE_ENDIAN);
            BlockEncoder.putHeader(head, (int) firstIfd).put(ghost);
            writeFully(out, head.array(), 0);
            for (int i = 0; i < levels.length; i++) {
                long next = i + 1 < levels.length ? ifdAt[i + 1] : 0;
                writeFully(out, TiffEntry.encode(entries(i, offsets[i]), ifdAt[i], next), ifdAt[i]);
            }
            for (int i = levels.length - 1; i >= 0; i--) {
                Level l = levels[i];
                for (int t = 0; t < offsets[i].length; t++) {
                    ByteBuffer leader = ByteBuffer.allocate(4)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putInt(0, (int) l.byteCounts[t]);
                    writeFully(out, leader.array(), offsets[i][t] - 4);
                    ByteBuffer trailer = ByteBuffer.allocate(4);
                    while (trailer.hasRemaining()) {
                        if (spill.read(trailer, l.offsets[t] + l.byteCounts[t] - 4 + trailer.position()) < 0) {
                            throw new IOException("short read from the spill file " + spillPath);
                        }
                    }
                    writeFully(out, trailer.array(), offsets[i][t] + l.byteCounts[t]);
                    long done = 0;
                    while (done < l.byteCounts[t]) {
                        long n = spill.transferTo(
                                l.offsets[t] + done, l.byteCounts[t] - done, out.position(offsets[i][t] + done));
                        if (n <= 0) {
                            throw new IOException("short copy from the spill file " + spillPath);
                        }
                        done += n;
                    }
                }
            }
            out.force(true);
        } catch (RuntimeException | IOException e) {
            throw fail(e);
        }
        try {
            spill.close();
            Files.deleteIfExists(spillPath);
            AtomicFiles.released(spillPath);
            moveIntoPlace();
        } catch (RuntimeException | IOException e) {
            throw fail(e);
        }
    }

    /** The directory of level {@code i} with these tile offsets, sorted by tag. */
    private List<TiffEntry> entries(int i, long[] tileOffsets) {
        Level l = levels[i];
        List<TiffEntry> e = new ArrayList<>();
        if (i > 0) {
            e.add(TiffEntry.longs(254, 1));
        }
        encoder.addSampleEntries(
                e, l.width, l.height, 8, type == SampleType.FLOAT32 ? 3 : 2, metadata.colorMap(nodata), nodata);
        e.add(TiffEntry.shorts(322, TILE));
        e.add(TiffEntry.shorts(323, TILE));
        e.add(TiffEntry.longs(324, tileOffsets));
        e.add(TiffEntry.longs(325, l.byteCounts));
        if (i == 0) {
            TiffEntry.addGeoreference(e, georeference);
            String xml =
                    (levels.length > 1 ? metadata.with("OVERVIEW_RESAMPLING", resampling.gdalName()) : metadata).xml();
            if (xml != null) {
                e.add(TiffEntry.ascii(42112, xml));
            }
        }
        e.sort((a, b) -> Integer.compare(a.tag(), b.tag()));
        return e;
    }

    private static void writeFully(FileChannel out, byte[] bytes, long at) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            out.write(b, at + b.position());
        }
    }

    @Override
    void discardFiles() {
        cleanUp(spill, temp, spillPath);
    }

    private static void cleanUp(FileChannel spill, Path temp, Path spillPath) {
        if (spill != null) {
            try {
                spill.close();
            } catch (IOException ignored) {
                // deleted next
            }
        }
        for (Path p : new Path[] {temp, spillPath}) {
            if (p != null) {
                AtomicFiles.discard(p);
            }
        }
    }

    @Override
    public String toString() {
        return "CogWriter[" + target + ", " + levels[0].width + "x" + levels[0].height + "x" + bands + " "
                + type.gdalName() + ", " + (levels.length - 1) + " overviews (" + resampling + "), "
                + rowsWritten() + " rows written, " + state() + "]";
    }
}
