package org.sensei4j.io.dataset;

import java.nio.file.Path;
import org.sensei4j.sensor.Band;

/**
 * Turns the values stored for one band (digital numbers, scaled integers) into the quantity SEnSeI takes for it:
 * TOA (or surface) reflectance 0–1 for reflective bands, normalised brightness temperature for thermal ones.
 * Data set readers call it once per band and window read, so it must not depend on which window it sees.
 *
 * <p>Pixels holding the file's fill value are marked no-data by the reader whatever they convert to; a result
 * that is not finite (NaN, infinite) marks the pixel no-data too.
 */
@FunctionalInterface
public interface DigitalNumberConverter {

    /** Values that are already in SEnSeI's quantities. */
    DigitalNumberConverter IDENTITY = (band, raw, metadataFile) -> raw;

    /**
     * Converts a window of one band.
     *
     * @param band         the band the values belong to
     * @param raw          the stored values, row-major; may be modified and returned
     * @param metadataFile the scene's metadata file (a Landsat {@code *_MTL.txt}), or null when the data set has
     *                     none
     * @return the converted values, as many as {@code raw}
     */
    float[] convert(Band band, float[] raw, Path metadataFile);

    /** {@code value · scale + offset}, e.g. {@code linear(1e-4, 0)} for reflectance stored ×10000. */
    static DigitalNumberConverter linear(double scale, double offset) {
        if (!Double.isFinite(scale) || scale == 0 || !Double.isFinite(offset)) {
            throw new IllegalArgumentException(
                    "scale " + scale + " and offset " + offset + " must be finite and the scale non-zero");
        }
        return (band, raw, metadataFile) -> {
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (float) (raw[i] * scale + offset);
            }
            return raw;
        };
    }
}
