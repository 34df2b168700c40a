package org.sensei4j.io.geotiff;

import java.nio.file.Path;
import java.util.Objects;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/**
 * The image a row writer writes: its target, size, sample type, where it lies and its nodata value.
 *
 * @param georeference where the raster lies, or null for a plain TIFF
 * @param nodata       the GDAL_NODATA value, or null for none
 */
record ImageSpec(
        Path target, int width, int height, int bands, SampleType type, Georeference georeference, Double nodata) {

    /** Refuses a missing target or type and an empty image. */
    ImageSpec {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
        BlockEncoder.checkSize(width, height, bands);
    }

    /** An encoder of this image's rows and blocks (see {@link BlockEncoder}). */
    BlockEncoder encoder(boolean deflate, String widerType) {
        return new BlockEncoder(target, width, bands, type, nodata, deflate, widerType);
    }
}
