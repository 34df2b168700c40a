package org.sensei4j.io.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.sensei4j.sensor.Band;

/**
 * Where one band of a scene is stored: a raster file and the band's index in it (from 0).
 *
 * @param band  the band
 * @param file  a GeoTIFF
 * @param index the band's position in the file, from 0
 */
record BandFile(Band band, Path file, int index) {

    BandFile {
        Objects.requireNonNull(band, "band");
        Objects.requireNonNull(file, "file");
        if (index < 0) {
            throw new IllegalArgumentException("band index " + index + " < 0");
        }
    }

    /** The bands stored in this order as the bands of one multi-band file. */
    static List<BandFile> stacked(List<Band> bands, Path file) {
        return IntStream.range(0, bands.size())
                .mapToObj(i -> new BandFile(bands.get(i), file, i))
                .toList();
    }
}
