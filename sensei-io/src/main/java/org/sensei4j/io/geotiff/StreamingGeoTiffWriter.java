package org.sensei4j.io.geotiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.AtomicFiles;
import org.sensei4j.io.geotiff.GeoTiffWriter.Compression;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/**
 * Writes a GeoTIFF row by row, top to bottom, as the rows arrive: a classic little-endian TIFF in
 * pixel-interleaved strips (PlanarConfiguration 1) of about 128 KiB each before compression (at least one row),
 * DEFLATE-compressed (TIFF code 8, optionally with the horizontal predictor for integer samples) or not, with
 * the same GeoTIFF tags as {@link GeoTiffWriter} (EPSG code or the file's own GeoKeys, ModelPixelScale +
 * ModelTiepoint or ModelTransformation) and GDAL_NODATA. The directory (IFD) and the strip tables are written
 * after the pixels, when the writer commits.
 *
 * <p>Memory: one strip, a 64 KiB compression buffer and the strip offset and byte count tables (16 bytes per
 * strip: 16 KB for a 10980×10980 Byte mask), whatever the image size; the caller's row arrays are not kept. Classic
 * TIFF limits the file to 4 GiB: an uncompressed image that
 * would pass it is refused when opened, a compressed one when its strips reach it.
 *
 * <p>Pixels go to a hidden temporary file in the target's directory; {@link #commit()} renames it over the
 * target atomically, and {@link #close()} without a commit deletes it, so the target path never holds a partial
 * file. After any failed write or commit the writer is spent: it has deleted its temporary file and refuses
 * further calls. Float values are converted as {@link GeoTiffWriter} does: integer types take the value
 * rounded to the nearest integer (ties to even), NaN becomes the nodata value (also for float types whose
 * nodata value is not NaN), a value outside the type's range is an error. Not thread-safe.
 */
public final class StreamingGeoTiffWriter extends TempFileWriter {

    /** Target size of one strip before compression, in bytes (a strip holds at least one row). */
    static final int STRIP_BYTES = 128 * 1024;
    /** Largest size of a classic TIFF file: offsets are unsigned 32-bit. */
    static final long MAX_FILE_BYTES = 0xFFFF_FFFFL;

    private final FileChannel channel;
    private final Compression compression;
    private final boolean predictor;

    private long position;

    private StreamingGeoTiffWriter(
            ImageSpec spec,
            Path temp,
            FileChannel channel,
            RowStrip strips,
            Compression compression,
            boolean predictor) {
        super(spec, temp, spec.encoder(compression == Compression.DEFLATE, "choose a wider sample type"), strips);
        this.channel = channel;
        this.compression = compression;
        this.predictor = predictor;
        this.position = 8;
    }

    /**
     * Opens a DEFLATE-compressed writer (no predictor).
     *
     * @see #open(Path, int, int, int, SampleType, Georeference, Double, Compression, boolean)
     */
    public static StreamingGeoTiffWriter open(
            Path target, int width, int height, int bands, SampleType type, Georeference georeference, Double nodata) {
        return open(target, width, height, bands, type, georeference, nodata, Compression.DEFLATE, false);
    }

    /**
     * Creates the temporary file next to {@code target} and writes the TIFF header.
     *
     * @param width columns, height rows, bands samples per pixel (all positive)
     * @param georeference where the raster lies, or null for a plain TIFF
     * @param nodata the GDAL_NODATA value, or null for none; must be a value of {@code type}
     * @param horizontalPredictor TIFF predictor 2 (differences along rows) before DEFLATE; integer types only
     * @throws SenseiException when the directory is missing or not writable, the target is a directory, the
     *     nodata value does not fit the type, or an uncompressed file would pass 4 GiB
     */
    public static StreamingGeoTiffWriter open(
            Path target,
            int width,
            int height,
            int bands,
            SampleType type,
            Georeference georeference,
            Double nodata,
            Compression compression,
            boolean horizontalPredictor) {
        ImageSpec spec = new ImageSpec(target, width, height, bands, type, georeference, nodata);
        Objects.requireNonNull(compression, "compression");
        if (horizontalPredictor && (type.isFloatingPoint() || compression == Compression.NONE)) {
            throw new IllegalArgumentException("the horizontal predictor needs integer samples and DEFLATE, not "
                    + type.gdalName() + " with " + compression + ": turn the predictor off");
        }
        if (nodata != null && !type.isFloatingPoint() && !type.holds(nodata)) {
            throw new SenseiException("cannot write " + target + ": nodata value " + nodata + " does not fit "
                    + type.gdalName() + " (" + (long) type.min() + ".." + (long) type.max()
                    + "): choose a nodata value inside that range or another sample type");
        }
        if (nodata != null
                && type == SampleType.FLOAT32
                && Double.isFinite(nodata)
                && Math.abs(nodata) > Float.MAX_VALUE) {
            throw new SenseiException("cannot write " + target + ": nodata value " + nodata
                    + " does not fit Float32: choose a smaller nodata value or write Float64");
        }
        long rowBytes = (long) width * bands * type.bytes();
        if (rowBytes > Integer.MAX_VALUE - 8) {
            throw new SenseiException("cannot write " + target + ": one row of " + width + " pixels x " + bands
                    + " bands of " + type.gdalName() + " exceeds 2 GiB: write fewer bands or a narrower image");
        }
        long imageBytes = rowBytes * height;
        if (compression == Compression.NONE && imageBytes + 8 + 64 * 1024 + 8L * height > MAX_FILE_BYTES) {
            throw new SenseiException("cannot write " + target + ": " + width + "x" + height + " pixels x " + bands
                    + " bands of " + type.gdalName() + " are " + imageBytes
                    + " bytes uncompressed, more than the 4 GiB "
                    + "a classic TIFF holds (BigTIFF is not supported): compress with DEFLATE, write fewer bands or "
                    + "a smaller sample type, or cut the image into tiles");
        }
        int rowsPerStrip = (int) Math.max(1, Math.min(height, STRIP_BYTES / rowBytes));

        AtomicFiles.requireFileTarget(target);
        Path temp = AtomicFiles.newTempFileNextTo(target);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            // "II", 42, offset of the first IFD (patched by commit)
            ByteBuffer header = BlockEncoder.putHeader(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN), 0)
                    .flip();
            while (header.hasRemaining()) {
                channel.write(header);
            }
            RowStrip strips = new RowStrip(
                    width, height, (int) rowBytes, rowsPerStrip, (height + rowsPerStrip - 1) / rowsPerStrip);
            return new StreamingGeoTiffWriter(spec, temp, channel, strips, compression, horizontalPredictor);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            AtomicFiles.discard(temp);
            throw new SenseiException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the directory and the strip tables, and renames the file over the target (replacing it).
     *
     * @throws SenseiException when fewer than {@code height} rows were written or the file cannot be finished;
     *     nothing is then written to the target
     */
    @Override
    public void commit() {
        requireAllRows();
        try {
            writeDirectory();
            channel.force(true);
            channel.close();
            moveIntoPlace();
        } catch (RuntimeException | IOException e) {
            throw fail(e);
        }
    }

    /**
     * Sets what GDAL shows of the file besides its pixels (metadata items, band descriptions, colour table);
     * written with the directory at {@link #commit()}. A colour table needs a single-band Byte image. The
     * sidecar of {@link GdalMetadata#auxXml()} is the caller's to write.
     *
     * @return this writer
     */
    @Override
    public StreamingGeoTiffWriter metadata(GdalMetadata m) {
        setMetadata(m);
        return this;
    }

    /** Rows written so far. */
    public int rowsWritten() {
        return image.rowsDone;
    }

    /** Rows in each strip (the last may hold fewer). */
    public int rowsPerStrip() {
        return image.rowsPerStrip;
    }

    /** Bytes written to the file so far (header and strips). */
    long bytesWritten() {
        return position;
    }

    @Override
    void flushImageStrip() throws IOException {
        RowStrip s = image;
        int length = s.rowOffset();
        long offset = position;
        if (compression == Compression.NONE) {
            write(s.strip, length);
        } else {
            if (predictor) {
                encoder.horizontalDifference(s.strip, s.stripView, length, s.rowBytes, s.width * bands);
            }
            encoder.deflate(s.strip, length, this::write);
        }
        s.offsets[s.stripIndex] = offset;
        s.byteCounts[s.stripIndex] = position - offset;
        s.nextStrip();
    }

    private void write(byte[] bytes, int length) throws IOException {
        if (position + length > MAX_FILE_BYTES) {
            throw tooLarge();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, length);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        position += length;
    }

    private SenseiException tooLarge() {
        return new SenseiException("cannot write " + target + ": the compressed file would pass 4 GiB after row "
                + image.rowsDone + " of " + image.height
                + ", more than a classic TIFF holds (BigTIFF is not supported): "
                + "write fewer bands or a smaller sample type, or cut the image into tiles");
    }

    /** Writes the IFD and its out-of-line values after the strips and points the header at it. */
    private void writeDirectory() throws IOException {
        List<TiffEntry> entries = new ArrayList<>();
        encoder.addSampleEntries(
                entries,
                image.width,
                image.height,
                compression == Compression.DEFLATE ? 8 : 1,
                predictor ? 2 : 0,
                metadata.colorMap(nodata),
                nodata);
        entries.add(TiffEntry.longs(273, image.offsets));
        entries.add(TiffEntry.longs(278, image.rowsPerStrip));
        entries.add(TiffEntry.longs(279, image.byteCounts));
        TiffEntry.addGeoreference(entries, georeference);
        String xml = metadata.xml();
        if (xml != null) {
            entries.add(TiffEntry.ascii(42112, xml));
        }
        entries.sort((a, b) -> Integer.compare(a.tag(), b.tag()));

        long ifd = position + (position & 1);
        long size = TiffEntry.size(entries);
        if (ifd + size > MAX_FILE_BYTES) {
            throw tooLarge();
        }
        byte[] directory = TiffEntry.encode(entries, ifd, 0);
        byte[] bytes = new byte[(int) (ifd - position) + directory.length];
        System.arraycopy(directory, 0, bytes, (int) (ifd - position), directory.length);
        write(bytes, bytes.length);
        ByteBuffer first = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) ifd);
        while (first.hasRemaining()) {
            channel.write(first, 4 + first.position());
        }
    }

    @Override
    void discardFiles() {
        closeQuietly(channel);
        AtomicFiles.discard(temp);
    }

    private static void closeQuietly(FileChannel c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // the file is deleted next
        }
    }

    @Override
    public String toString() {
        return "StreamingGeoTiffWriter[" + target + ", " + image.width + "x" + image.height + "x" + bands + " "
                + type.gdalName() + ", " + compression + (predictor ? "+predictor" : "") + ", " + image.rowsDone
                + " rows written, " + state() + "]";
    }
}
