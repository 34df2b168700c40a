package org.sensei4j.io.product;

import java.nio.file.Path;
import java.util.Objects;
import org.sensei4j.sensor.Band;

/**
 * Where one band of a scene is stored: a file and the band within it (numbered from 0).
 *
 * @param band     the band's description
 * @param file     the GeoTIFF holding it
 * @param fileBand index of the band in the file, from 0
 */
public record BandFile(Band band, Path file, int fileBand) {

    public BandFile {
        Objects.requireNonNull(band, "band");
        Objects.requireNonNull(file, "file");
        if (fileBand < 0) {
            throw new IllegalArgumentException("band index " + fileBand + " is negative: bands are numbered from 0");
        }
    }
}
