package org.sensei4j.io.geotiff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.AtomicFiles;
import org.sensei4j.io.geotiff.BlockEncoder.State;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/**
 * What the row writers share ({@link CogWriter}, {@link StreamingGeoTiffWriter}): the caller's rows are packed into
 * the strip of the (full-resolution) image, the file is written as a temporary file next to the target and renamed
 * over it at commit; a failure discards it and spends the writer.
 */
abstract class TempFileWriter implements RowWriter {

    final Path target;
    final Path temp;
    final int bands;
    final SampleType type;
    final Georeference georeference;
    final Double nodata;
    final BlockEncoder encoder;
    /** The rows of the (full-resolution) image. */
    final RowStrip image;

    GdalMetadata metadata = GdalMetadata.NONE;
    private State state = State.OPEN;

    TempFileWriter(ImageSpec spec, Path temp, BlockEncoder encoder, RowStrip image) {
        this.target = spec.target();
        this.temp = temp;
        this.bands = spec.bands();
        this.type = spec.type();
        this.georeference = spec.georeference();
        this.nodata = spec.nodata();
        this.encoder = encoder;
        this.image = image;
    }

    /** Sets the metadata written at commit; a colour table needs a single-band Byte image. */
    final void setMetadata(GdalMetadata m) {
        requireOpen();
        encoder.checkColourTable(m);
        this.metadata = Objects.requireNonNull(m, "metadata");
    }

    /**
     * Writes the next {@code rows} rows of every band, converted to the sample type (see the writer's class
     * comment).
     *
     * @param bandMajor {@code bands × rows × width} values: value (b, r, c) at {@code (b·rows + r)·width + c}
     * @throws IllegalArgumentException when the array length does not match
     * @throws SenseiException when the rows pass the image's height, a value does not fit the sample type, or
     *     the file cannot be written; the writer is then spent
     */
    @Override
    public final void writeRows(int rows, float[] bandMajor) {
        checkRows(rows, bandMajor.length);
        try {
            for (int r = 0; r < rows; r++) {
                encoder.packRow(bandMajor, rows, r, image.stripView, image.rowOffset(), image.rowsDone);
                endRow();
            }
        } catch (RuntimeException | IOException e) {
            throw fail(e);
        }
    }

    /**
     * Writes the next {@code rows} rows of every band of a Byte (UINT8) image, as unsigned bytes without
     * conversion.
     *
     * @param bandMajor {@code bands × rows × width} bytes, laid out as in {@link #writeRows(int, float[])}
     * @throws IllegalStateException when the sample type is not UINT8
     */
    @Override
    public final void writeRows(int rows, byte[] bandMajor) {
        encoder.requireBytes();
        checkRows(rows, bandMajor.length);
        try {
            for (int r = 0; r < rows; r++) {
                encoder.packRow(bandMajor, rows, r, image.strip, image.rowOffset());
                endRow();
            }
        } catch (RuntimeException | IOException e) {
            throw fail(e);
        }
    }

    private void checkRows(int rows, int length) {
        requireOpen();
        try {
            encoder.checkRows(rows, length, image.rowsDone, image.height);
        } catch (SenseiException e) {
            throw fail(e);
        }
    }

    private void endRow() throws IOException {
        if (image.endRow()) {
            flushImageStrip();
        }
    }

    /** Compresses and writes the full strip of {@link #image} (or its last, at the image's end). */
    abstract void flushImageStrip() throws IOException;

    /** Throws unless the writer is open and every row of the image was written (spending it then). */
    final void requireAllRows() {
        requireOpen();
        if (image.rowsDone != image.height) {
            throw fail(new SenseiException("cannot write " + target + ": only " + image.rowsDone + " of its "
                    + image.height + " rows were written: write every row before commit"));
        }
    }

    /** Where the writer is in its life (open, committed, failed or closed), for its description. */
    final State state() {
        return state;
    }

    /** Throws unless the writer is open (not committed, failed or closed). */
    final void requireOpen() {
        BlockEncoder.requireOpen(state, target);
    }

    /** Discards the temporary files and spends the writer; returns the error to throw, naming the target. */
    final SenseiException fail(Throwable e) {
        discard();
        state = State.FAILED;
        return BlockEncoder.failure(target, e);
    }

    /** Renames the finished temporary file over the target (replacing it). */
    final void moveIntoPlace() throws IOException {
        Files.move(temp, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.released(temp);
        state = State.COMMITTED;
        encoder.end();
    }

    /** Deletes the temporary files unless committed; safe to call more than once. */
    @Override
    public void close() {
        if (state == State.OPEN) {
            discard();
        }
        if (state != State.COMMITTED) {
            state = State.CLOSED;
        }
    }

    private void discard() {
        discardFiles();
        encoder.end();
    }

    /** Closes and deletes the writer's temporary files. */
    abstract void discardFiles();
}
