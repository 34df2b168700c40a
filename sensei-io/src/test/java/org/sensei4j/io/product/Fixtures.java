package org.sensei4j.io.product;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/** Writes small GeoTIFF fixtures whose values are a function of (band, row, column). */
final class Fixtures {

    /** Value of a pixel. */
    interface Pixel {
        float at(int band, int row, int column);
    }

    static final int EPSG = 32632;
    static final double X0 = 300000;
    static final double Y0 = 5000000;

    private Fixtures() {}

    /** North-up UTM 32N grid with its corner at (X0, Y0) and square pixels of {@code size} m. */
    static Georeference grid(double size) {
        return Georeference.northUp(EPSG, X0, Y0, size, size);
    }

    static Path write(
            Path file, SampleType type, Georeference g, Double nodata, int bands, int height, int width, Pixel pixel) {
        float[] data = new float[bands * height * width];
        for (int b = 0; b < bands; b++) {
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    data[(b * height + r) * width + c] = pixel.at(b, r, c);
                }
            }
        }
        GeoTiffWriter.create(type).write(file, new FloatRaster(bands, height, width, data, nodata), g);
        return file;
    }

    /** A warnings sink that keeps the lines. */
    static final class Warnings implements Consumer<String> {
        final List<String> lines = new ArrayList<>();

        @Override
        public void accept(String s) {
            lines.add(s);
        }
    }
}
