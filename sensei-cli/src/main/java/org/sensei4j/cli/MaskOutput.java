package org.sensei4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.AtomicFiles;
import org.sensei4j.io.geotiff.CogWriter;
import org.sensei4j.io.geotiff.GdalMetadata;
import org.sensei4j.io.geotiff.StreamingGeoTiffWriter;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/**
 * One raster output of {@code sensei mask}, streamed row by row as a Cloud Optimized GeoTIFF ({@link CogWriter})
 * or a striped GeoTIFF ({@link StreamingGeoTiffWriter}), with its GDAL metadata; on {@link #commit()} the image
 * is renamed into place and then its PAM sidecar ({@code OUT.tif.aux.xml}, the category names GDAL reads only
 * from there) is written atomically too. An existing sidecar of the replaced file is deleted when the new
 * output has no categories, so that stale class names never describe new pixels.
 */
final class MaskOutput implements AutoCloseable {

    /** The file layout of mask outputs. */
    enum Format {
        COG, GTIFF;

        static Format parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "cog" -> COG;
                case "gtiff", "geotiff" -> GTIFF;
                default -> throw new SenseiException("--format takes 'cog' or 'gtiff', got '" + text + "'");
            };
        }
    }

    private final Path target;
    private final GdalMetadata metadata;
    private final CogWriter cog;
    private final StreamingGeoTiffWriter gtiff;

    private MaskOutput(Path target, GdalMetadata metadata, CogWriter cog, StreamingGeoTiffWriter gtiff) {
        this.target = target;
        this.metadata = metadata;
        this.cog = cog;
        this.gtiff = gtiff;
    }

    /** Opens an output; {@code resampling} says how COG overviews are made (MODE for classes). */
    static MaskOutput open(Format format, Path target, int width, int height, int bands, SampleType type,
            Georeference georeference, Double nodata, CogWriter.Resampling resampling, GdalMetadata metadata) {
        if (format == Format.COG) {
            CogWriter w = CogWriter.open(target, width, height, bands, type, georeference, nodata, resampling);
            try {
                w.metadata(metadata);
            } catch (RuntimeException e) {
                w.close();
                throw e;
            }
            return new MaskOutput(target, metadata, w, null);
        }
        StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(target, width, height, bands, type, georeference,
                nodata);
        try {
            w.metadata(metadata);
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
        return new MaskOutput(target, metadata, null, w);
    }

    /** The PAM sidecar GDAL reads next to {@code image}. */
    static Path sidecar(Path image) {
        return image.resolveSibling(image.getFileName() + ".aux.xml");
    }

    void writeRows(int rows, byte[] bandMajor) {
        if (cog != null) {
            cog.writeRows(rows, bandMajor);
        } else {
            gtiff.writeRows(rows, bandMajor);
        }
    }

    void writeRows(int rows, float[] bandMajor) {
        if (cog != null) {
            cog.writeRows(rows, bandMajor);
        } else {
            gtiff.writeRows(rows, bandMajor);
        }
    }

    /** Renames the image into place, then writes (or removes a stale) sidecar. */
    void commit() {
        if (cog != null) {
            cog.commit();
        } else {
            gtiff.commit();
        }
        Path aux = sidecar(target);
        String xml = metadata.auxXml();
        if (xml != null) {
            AtomicFiles.write(aux, xml.getBytes(StandardCharsets.UTF_8));
        } else {
            try {
                if (Files.isRegularFile(aux, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(aux);
                }
            } catch (IOException e) {
                throw new SenseiException("wrote " + target + " but cannot delete the sidecar " + aux
                        + " of the file it replaced (" + e.getMessage() + "): delete it, or GDAL shows its old "
                        + "metadata", e);
            }
        }
    }

    @Override
    public void close() {
        if (cog != null) {
            cog.close();
        } else {
            gtiff.close();
        }
    }
}
