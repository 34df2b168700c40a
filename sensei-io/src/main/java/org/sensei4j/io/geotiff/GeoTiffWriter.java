package org.sensei4j.io.geotiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Objects;
import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TIFFImage;
import mil.nga.tiff.TiffWriter;
import mil.nga.tiff.io.ByteWriter;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.AtomicFiles;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/**
 * Writes a {@link FloatRaster} as a GeoTIFF that GDAL reads: little-endian, in strips (mil.nga cannot write
 * tiles), DEFLATE-compressed or not, band- or pixel-interleaved, with the EPSG code or the original GeoKeys,
 * the affine transform (ModelPixelScale + ModelTiepoint, or ModelTransformation when rotated) and GDAL_NODATA.
 *
 * <p>The file is first written to a hidden temporary file in the target directory and then renamed over the
 * target atomically, so a reader never sees a half-written file and a failure leaves no output. mil.nga builds
 * the whole file in memory before writing it: expect about the raster's stored size plus its compressed size.
 *
 * <p>Float values are converted to the chosen sample type: integer types take values rounded to the nearest
 * integer (ties to even); NaN becomes the nodata value when the raster has one; a value outside the type's
 * range is an error (nothing is clamped silently). Instances are immutable.
 */
public final class GeoTiffWriter {

    /** How bands are laid out: all of band 0, then band 1 ... (BAND), or band values per pixel (PIXEL). */
    public enum Interleave {
        BAND,
        PIXEL
    }

    /** Compression of the strips. */
    public enum Compression {
        NONE,
        DEFLATE
    }

    private final SampleType type;
    private final Interleave interleave;
    private final Compression compression;

    private GeoTiffWriter(SampleType type, Interleave interleave, Compression compression) {
        this.type = Objects.requireNonNull(type, "type");
        this.interleave = Objects.requireNonNull(interleave, "interleave");
        this.compression = Objects.requireNonNull(compression, "compression");
    }

    /** A writer of {@code type} samples, pixel-interleaved (GDAL's default), DEFLATE-compressed. */
    public static GeoTiffWriter create(SampleType type) {
        return new GeoTiffWriter(type, Interleave.PIXEL, Compression.DEFLATE);
    }

    public GeoTiffWriter interleave(Interleave newInterleave) {
        return new GeoTiffWriter(type, newInterleave, compression);
    }

    public GeoTiffWriter compression(Compression newCompression) {
        return new GeoTiffWriter(type, interleave, newCompression);
    }

    public SampleType sampleType() {
        return type;
    }

    /**
     * Writes {@code raster} to {@code file}, replacing it atomically if it exists.
     *
     * @param georeference where the raster lies, or null for a plain TIFF
     * @throws SenseiException when the directory is missing or not writable, or a value does not fit the type
     */
    public void write(Path file, FloatRaster raster, Georeference georeference) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(raster, "raster");
        AtomicFiles.requireFileTarget(file);
        byte[] bytes = encode(raster, georeference, file);
        AtomicFiles.writeChecked(file, bytes);
    }

    /** The TIFF file's bytes. */
    byte[] encode(FloatRaster raster, Georeference georeference, Path fileForMessages) {
        int width = raster.width();
        int height = raster.height();
        int bands = raster.bands();
        Double nodata = raster.nodata();
        if (nodata != null && !type.holds(nodata) && !(type.isFloatingPoint())) {
            throw new SenseiException("cannot write " + fileForMessages + ": nodata value " + nodata + " does not fit "
                    + type.gdalName() + " (" + (long) type.min() + ".." + (long) type.max()
                    + "): choose a nodata value inside that range or another sample type");
        }
        FieldType fieldType = fieldType(type);
        long planeBytes = (long) width * height * type.bytes();
        if (planeBytes > Integer.MAX_VALUE) {
            throw new SenseiException("cannot write " + fileForMessages + ": one band of " + width + "x" + height + " "
                    + type.gdalName() + " exceeds 2 GiB, more than this writer can hold: write smaller tiles");
        }
        ByteBuffer[] planes = new ByteBuffer[bands];
        FieldType[] types = new FieldType[bands];
        float[] data = raster.data();
        for (int b = 0; b < bands; b++) {
            ByteBuffer p = ByteBuffer.allocate((int) planeBytes).order(ByteOrder.LITTLE_ENDIAN);
            int off = b * raster.planeSize();
            for (int i = 0; i < raster.planeSize(); i++) {
                put(p, data[off + i], nodata, b, i / width, i % width, fileForMessages);
            }
            p.flip();
            planes[b] = p;
            types[b] = fieldType;
        }
        Rasters rasters = new Rasters(width, height, types, planes);

        FileDirectory d = new FileDirectory();
        d.setImageWidth(width);
        d.setImageHeight(height);
        d.setBitsPerSample(Collections.nCopies(bands, type.bytes() * 8));
        d.setSampleFormat(Collections.nCopies(bands, sampleFormat(type)));
        d.setSamplesPerPixel(bands);
        d.setCompression(compression == Compression.DEFLATE ? 8 : 1);
        d.setPhotometricInterpretation(1);
        int planar = interleave == Interleave.BAND && bands > 1 ? 2 : 1;
        d.setPlanarConfiguration(planar);
        if (bands > 1) {
            d.setUnsignedIntegerListEntryValue(FieldTagType.ExtraSamples, Collections.nCopies(bands - 1, 0));
        }
        d.setRowsPerStrip(rasters.calculateRowsPerStrip(planar));
        d.setWriteRasters(rasters);
        if (nodata != null) {
            d.setStringEntryValue(FieldTagType.GDAL_NODATA, GeoTiffTags.formatNodata(nodata));
        }
        if (georeference != null) {
            addGeoTags(d, georeference);
        }
        TIFFImage image = new TIFFImage();
        image.add(d);
        try {
            return TiffWriter.writeTiffToBytes(new ByteWriter(ByteOrder.LITTLE_ENDIAN), image);
        } catch (IOException | RuntimeException e) {
            throw new SenseiException(
                    "cannot write " + fileForMessages + ": TIFF encoding failed (" + e.getMessage() + ")", e);
        }
    }

    private void put(ByteBuffer p, float v, Double nodata, int band, int row, int col, Path file) {
        if (type.isFloatingPoint()) {
            if (type == SampleType.FLOAT32) {
                p.putFloat(v);
            } else {
                p.putDouble(v);
            }
            return;
        }
        double x;
        if (Float.isNaN(v)) {
            if (nodata == null || Double.isNaN(nodata)) {
                throw new SenseiException("cannot write " + file + ": band " + band + " row " + row + " column " + col
                        + " is NaN, which " + type.gdalName() + " cannot hold: give the raster a nodata value or "
                        + "write Float32");
            }
            x = nodata;
        } else {
            x = Math.rint(v);
        }
        if (x < type.min() || x > type.max()) {
            throw new SenseiException("cannot write " + file + ": band " + band + " row " + row + " column " + col
                    + " is " + v + ", outside the " + type.gdalName() + " range " + (long) type.min() + ".."
                    + (long) type.max() + ": rescale the values or choose a wider sample type");
        }
        switch (type) {
            case UINT8, INT8 -> p.put((byte) (int) x);
            case UINT16, INT16 -> p.putShort((short) (int) x);
            case UINT32, INT32 -> p.putInt((int) (long) x);
            default -> throw new IllegalStateException("unhandled type " + type);
        }
    }

    private static FieldType fieldType(SampleType t) {
        return switch (t) {
            case UINT8 -> FieldType.BYTE;
            case INT8 -> FieldType.SBYTE;
            case UINT16 -> FieldType.SHORT;
            case INT16 -> FieldType.SSHORT;
            case UINT32 -> FieldType.LONG;
            case INT32 -> FieldType.SLONG;
            case FLOAT32 -> FieldType.FLOAT;
            case FLOAT64 -> FieldType.DOUBLE;
        };
    }

    private static int sampleFormat(SampleType t) {
        return t.isFloatingPoint() ? 3 : t.isUnsigned() ? 1 : 2;
    }

    private static void addGeoTags(FileDirectory d, Georeference g) {
        GeoTiffTags.GeoTagValues v = GeoTiffTags.geoTagValues(g);
        if (v.pixelScale() != null) {
            GeoTiffTags.setDoubles(d, FieldTagType.ModelPixelScale, v.pixelScale());
            GeoTiffTags.setDoubles(d, FieldTagType.ModelTiepoint, v.tiepoint());
        } else {
            GeoTiffTags.setDoubles(d, FieldTagType.ModelTransformation, v.transformation());
        }
        if (v.keyDirectory() == null) {
            return;
        }
        GeoTiffTags.setShorts(d, FieldTagType.GeoKeyDirectory, v.keyDirectory());
        if (v.doubleParams() != null) {
            GeoTiffTags.setDoubles(d, FieldTagType.GeoDoubleParams, v.doubleParams());
        }
        if (v.asciiParams() != null) {
            // the TIFF ASCII value ends with NUL, which the writer adds
            d.setStringEntryValue(FieldTagType.GeoAsciiParams, v.asciiParams());
        }
    }

    @Override
    public String toString() {
        return "GeoTiffWriter[" + type.gdalName() + ", " + interleave + ", " + compression + "]";
    }
}
