package org.sensei4j.io.product;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.io.landsat.MtlText;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/** Landsat Level-1 product folders in USGS's layout (MTL text and one GeoTIFF per band) for tests. */
final class LandsatFixtures {

    /** DN of a band (by MTL band name, e.g. "4", "6_VCID_2") at a pixel. */
    interface Dn {
        int at(String band, int row, int column);
    }

    static final String L8_ID = "LC08_L1TP_193024_20220420_20220428_02_T1";
    static final String L7_ID = "LE07_L1TP_193024_20100420_20200911_02_T1";
    static final Georeference GRID = Georeference.northUp(32633, 229185, 5850915, 30, 30);
    static final double L8_SUN_ELEVATION = 48.3;

    private LandsatFixtures() {}

    /** Reflectance multiplier of an OLI band in the L8 fixture (differs per band to catch mix-ups). */
    static double l8ReflectanceMult(int band) {
        return 2.0e-5 * (1 + band / 100.0);
    }

    static double l8ReflectanceAdd(int band) {
        return -0.1 + band * 0.001;
    }

    /** A Landsat 8 Collection 2 Level-1 MTL with all 11 bands. */
    static String landsat8Collection2() {
        return productContents(L8_ID, IntStream.rangeClosed(1, 11).boxed().toList())
                .group("IMAGE_ATTRIBUTES")
                .quoted("SPACECRAFT_ID", "LANDSAT_8")
                .quoted("SENSOR_ID", "OLI_TIRS")
                .put("DATE_ACQUIRED", "2022-04-20")
                .put("SUN_AZIMUTH", "150.25")
                .put("SUN_ELEVATION", L8_SUN_ELEVATION)
                .put("EARTH_SUN_DISTANCE", "1.0045678")
                .oliTirsCalibration(
                        b -> String.format(Locale.ROOT, "%.6E", l8ReflectanceMult(b)),
                        b -> String.format(Locale.ROOT, "%.6f", l8ReflectanceAdd(b)))
                .text();
    }

    /** A Landsat 7 Collection 2 Level-1 MTL: bands 1–5, 6_VCID_1, 6_VCID_2, 7 and 8 (pan), 8-bit DNs. */
    static String landsat7Collection2() {
        List<String> names = List.of("1", "2", "3", "4", "5", "6_VCID_1", "6_VCID_2", "7", "8");
        MtlText m = productContents(L7_ID, names)
                .group("IMAGE_ATTRIBUTES")
                .quoted("SPACECRAFT_ID", "LANDSAT_7")
                .quoted("SENSOR_ID", "ETM")
                .put("DATE_ACQUIRED", "2010-04-20")
                .put("SUN_AZIMUTH", "153.2")
                .put("SUN_ELEVATION", "47.2")
                .put("EARTH_SUN_DISTANCE", "1.0046464")
                .group("LEVEL1_MIN_MAX_PIXEL_VALUE")
                .quantizeRange(names, 255)
                .group("LEVEL1_RADIOMETRIC_RESCALING");
        for (String n : names) {
            m.radiance(
                    n,
                    n.equals("6_VCID_1") ? "6.7087E-02" : n.equals("6_VCID_2") ? "3.7205E-02" : "7.7874E-01",
                    n.equals("6_VCID_1") ? "-0.06709" : n.equals("6_VCID_2") ? "3.16280" : "-6.97874");
            if (!n.startsWith("6")) {
                m.reflectance(n, "1.1988E-03", "-0.010743");
            }
        }
        m.group("LEVEL1_THERMAL_CONSTANTS")
                .thermalConstants("6_VCID_1", "666.09", "1282.71")
                .thermalConstants("6_VCID_2", "666.09", "1282.71");
        return m.text();
    }

    /** The PRODUCT_CONTENTS group of a Collection 2 Level-1 product with one file per band. */
    private static MtlText productContents(String productId, List<?> bands) {
        return new MtlText()
                .group("PRODUCT_CONTENTS")
                .quoted("LANDSAT_PRODUCT_ID", productId)
                .quoted("PROCESSING_LEVEL", "L1TP")
                .put("COLLECTION_NUMBER", "02")
                .bandFileNames(productId, bands);
    }

    /** Writes {@code <productId>_B<name>.TIF} with the DNs of {@code dn} on {@link #GRID} (or a 15 m grid for pan). */
    static Path writeBand(Path folder, String productId, String name, SampleType type, int height, int width, Dn dn) {
        float[] data = new float[height * width];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                data[r * width + c] = dn.at(name, r, c);
            }
        }
        Path file = folder.resolve(productId + "_B" + name + ".TIF");
        Georeference g = GRID;
        if (name.equals("8")) {
            g = Georeference.northUp(32633, 229192.5, 5850907.5, 15, 15);
        }
        GeoTiffWriter.create(type).write(file, new FloatRaster(1, height, width, data, null), g);
        return file;
    }

    static Path writeMtl(Path folder, String productId, String text) throws IOException {
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve(productId + "_MTL.txt"), text);
    }
}
