package org.sensei4j.raster;

import java.util.Objects;

/**
 * What a raster file holds, known without reading its pixels.
 *
 * @param width columns
 * @param height rows
 * @param bandCount number of bands (samples per pixel)
 * @param sampleType stored type of every band
 * @param nodata the value that marks missing pixels (NaN allowed), or null when the file declares none
 * @param georeference position on Earth, or null for a plain image
 * @param tiled true when stored in tiles, false when in strips (or not block-organised, e.g. JPEG2000)
 * @param blockWidth width of one tile or strip in pixels
 * @param blockHeight height of one tile, or rows per strip
 * @param compression GDAL-style compression name: "NONE", "DEFLATE", "LZW", "PACKBITS", "JPEG2000", ...
 */
public record RasterInfo(
        int width,
        int height,
        int bandCount,
        SampleType sampleType,
        Double nodata,
        Georeference georeference,
        boolean tiled,
        int blockWidth,
        int blockHeight,
        String compression) {

    public RasterInfo {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("raster size " + width + "x" + height + " is empty");
        }
        if (bandCount <= 0) {
            throw new IllegalArgumentException("raster has " + bandCount + " bands: need at least 1");
        }
        if (blockWidth <= 0 || blockHeight <= 0) {
            throw new IllegalArgumentException("block size " + blockWidth + "x" + blockHeight + " is empty");
        }
        Objects.requireNonNull(sampleType, "sampleType");
        Objects.requireNonNull(compression, "compression");
    }

    /** Number of pixels per band. */
    public long pixelCount() {
        return (long) width * height;
    }

    /** The whole raster as a window. */
    public PixelWindow fullWindow() {
        return PixelWindow.full(width, height);
    }
}
