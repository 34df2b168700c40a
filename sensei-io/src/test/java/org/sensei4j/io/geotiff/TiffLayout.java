package org.sensei4j.io.geotiff;

import java.io.IOException;
import java.nio.file.Path;
import org.sensei4j.raster.SampleType;

/**
 * A GeoTIFF that GDAL writes for a test: a name, the sample type, bands × height × width, the seed of its values
 * ({@link GeoTiffReaderGdalTest#values}) and gdal_translate's options (space separated).
 */
record TiffLayout(String name, SampleType type, int bands, int height, int width, long seed, String options) {

    float[] values() {
        return GeoTiffReaderGdalTest.values(type, bands, height, width, seed);
    }

    /** Writes {@code data} (band-major) as {@code dir/NAME.tif} through gdal_translate with the options. */
    Path write(Path dir, float[] data) throws IOException {
        return Gdal.translate(dir, name, type, bands, height, width, data, options);
    }

    @Override
    public String toString() {
        return name;
    }
}
