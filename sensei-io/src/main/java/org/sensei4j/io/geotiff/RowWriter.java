package org.sensei4j.io.geotiff;

/**
 * A GeoTIFF written row by row, all bands at once, into a temporary file that {@link #commit()} renames over the
 * target: {@link CogWriter} (a Cloud Optimized GeoTIFF) and {@link StreamingGeoTiffWriter} (a striped GeoTIFF).
 */
public interface RowWriter extends AutoCloseable {

    /**
     * Sets what GDAL shows of the file besides its pixels, written at {@link #commit()}.
     *
     * @return this writer
     */
    RowWriter metadata(GdalMetadata metadata);

    /** Writes the next {@code rows} rows of every band: {@code bands × rows × width} values, band-major. */
    void writeRows(int rows, float[] bandMajor);

    /** Writes the next {@code rows} rows of every band of a Byte image, band-major. */
    void writeRows(int rows, byte[] bandMajor);

    /** Finishes the file and renames it over the target; nothing is written there when it fails. */
    void commit();

    /** Deletes the temporary file unless committed; safe to call more than once. */
    @Override
    void close();
}
