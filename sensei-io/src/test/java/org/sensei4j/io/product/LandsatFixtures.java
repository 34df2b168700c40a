package org.sensei4j.io.product;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sensei4j.io.geotiff.GeoTiffWriter;
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
        StringBuilder s = new StringBuilder();
        s.append("GROUP = LANDSAT_METADATA_FILE\n");
        s.append("  GROUP = PRODUCT_CONTENTS\n");
        s.append("    LANDSAT_PRODUCT_ID = \"").append(L8_ID).append("\"\n");
        s.append("    PROCESSING_LEVEL = \"L1TP\"\n");
        s.append("    COLLECTION_NUMBER = 02\n");
        for (int b = 1; b <= 11; b++) {
            s.append("    FILE_NAME_BAND_")
                    .append(b)
                    .append(" = \"")
                    .append(L8_ID)
                    .append("_B")
                    .append(b)
                    .append(".TIF\"\n");
        }
        s.append("  END_GROUP = PRODUCT_CONTENTS\n");
        s.append("  GROUP = IMAGE_ATTRIBUTES\n");
        s.append("    SPACECRAFT_ID = \"LANDSAT_8\"\n");
        s.append("    SENSOR_ID = \"OLI_TIRS\"\n");
        s.append("    DATE_ACQUIRED = 2022-04-20\n");
        s.append("    SUN_AZIMUTH = 150.25\n");
        s.append("    SUN_ELEVATION = ").append(L8_SUN_ELEVATION).append('\n');
        s.append("    EARTH_SUN_DISTANCE = 1.0045678\n");
        s.append("  END_GROUP = IMAGE_ATTRIBUTES\n");
        s.append("  GROUP = LEVEL1_MIN_MAX_PIXEL_VALUE\n");
        for (int b = 1; b <= 11; b++) {
            s.append("    QUANTIZE_CAL_MAX_BAND_").append(b).append(" = 65535\n");
            s.append("    QUANTIZE_CAL_MIN_BAND_").append(b).append(" = 1\n");
        }
        s.append("  END_GROUP = LEVEL1_MIN_MAX_PIXEL_VALUE\n");
        s.append("  GROUP = LEVEL1_RADIOMETRIC_RESCALING\n");
        for (int b = 1; b <= 11; b++) {
            s.append("    RADIANCE_MULT_BAND_")
                    .append(b)
                    .append(" = ")
                    .append(b >= 10 ? "3.3420E-04" : "1.0000E-02")
                    .append('\n');
            s.append("    RADIANCE_ADD_BAND_")
                    .append(b)
                    .append(" = ")
                    .append(b >= 10 ? "0.10000" : "-50.00000")
                    .append('\n');
        }
        for (int b = 1; b <= 9; b++) {
            s.append(String.format(Locale.ROOT, "    REFLECTANCE_MULT_BAND_%d = %.6E%n", b, l8ReflectanceMult(b)));
            s.append(String.format(Locale.ROOT, "    REFLECTANCE_ADD_BAND_%d = %.6f%n", b, l8ReflectanceAdd(b)));
        }
        s.append("  END_GROUP = LEVEL1_RADIOMETRIC_RESCALING\n");
        s.append("  GROUP = LEVEL1_THERMAL_CONSTANTS\n");
        s.append("    K1_CONSTANT_BAND_10 = 774.8853\n");
        s.append("    K2_CONSTANT_BAND_10 = 1321.0789\n");
        s.append("    K1_CONSTANT_BAND_11 = 480.8883\n");
        s.append("    K2_CONSTANT_BAND_11 = 1201.1442\n");
        s.append("  END_GROUP = LEVEL1_THERMAL_CONSTANTS\n");
        s.append("END_GROUP = LANDSAT_METADATA_FILE\n");
        s.append("END\n");
        return s.toString();
    }

    /** A Landsat 7 Collection 2 Level-1 MTL: bands 1–5, 6_VCID_1, 6_VCID_2, 7 and 8 (pan), 8-bit DNs. */
    static String landsat7Collection2() {
        String[] names = {"1", "2", "3", "4", "5", "6_VCID_1", "6_VCID_2", "7", "8"};
        StringBuilder s = new StringBuilder();
        s.append("GROUP = LANDSAT_METADATA_FILE\n");
        s.append("  GROUP = PRODUCT_CONTENTS\n");
        s.append("    LANDSAT_PRODUCT_ID = \"").append(L7_ID).append("\"\n");
        s.append("    PROCESSING_LEVEL = \"L1TP\"\n");
        s.append("    COLLECTION_NUMBER = 02\n");
        for (String n : names) {
            s.append("    FILE_NAME_BAND_")
                    .append(n)
                    .append(" = \"")
                    .append(L7_ID)
                    .append("_B")
                    .append(n)
                    .append(".TIF\"\n");
        }
        s.append("  END_GROUP = PRODUCT_CONTENTS\n");
        s.append("  GROUP = IMAGE_ATTRIBUTES\n");
        s.append("    SPACECRAFT_ID = \"LANDSAT_7\"\n");
        s.append("    SENSOR_ID = \"ETM\"\n");
        s.append("    DATE_ACQUIRED = 2010-04-20\n");
        s.append("    SUN_AZIMUTH = 153.2\n");
        s.append("    SUN_ELEVATION = 47.2\n");
        s.append("    EARTH_SUN_DISTANCE = 1.0046464\n");
        s.append("  END_GROUP = IMAGE_ATTRIBUTES\n");
        s.append("  GROUP = LEVEL1_MIN_MAX_PIXEL_VALUE\n");
        for (String n : names) {
            s.append("    QUANTIZE_CAL_MAX_BAND_").append(n).append(" = 255\n");
            s.append("    QUANTIZE_CAL_MIN_BAND_").append(n).append(" = 1\n");
        }
        s.append("  END_GROUP = LEVEL1_MIN_MAX_PIXEL_VALUE\n");
        s.append("  GROUP = LEVEL1_RADIOMETRIC_RESCALING\n");
        for (String n : names) {
            boolean thermal = n.startsWith("6");
            s.append("    RADIANCE_MULT_BAND_")
                    .append(n)
                    .append(" = ")
                    .append(n.equals("6_VCID_1") ? "6.7087E-02" : n.equals("6_VCID_2") ? "3.7205E-02" : "7.7874E-01")
                    .append('\n');
            s.append("    RADIANCE_ADD_BAND_")
                    .append(n)
                    .append(" = ")
                    .append(n.equals("6_VCID_1") ? "-0.06709" : n.equals("6_VCID_2") ? "3.16280" : "-6.97874")
                    .append('\n');
            if (!thermal) {
                s.append("    REFLECTANCE_MULT_BAND_").append(n).append(" = 1.1988E-03\n");
                s.append("    REFLECTANCE_ADD_BAND_").append(n).append(" = -0.010743\n");
            }
        }
        s.append("  END_GROUP = LEVEL1_RADIOMETRIC_RESCALING\n");
        s.append("  GROUP = LEVEL1_THERMAL_CONSTANTS\n");
        for (String n : new String[] {"6_VCID_1", "6_VCID_2"}) {
            s.append("    K1_CONSTANT_BAND_").append(n).append(" = 666.09\n");
            s.append("    K2_CONSTANT_BAND_").append(n).append(" = 1282.71\n");
        }
        s.append("  END_GROUP = LEVEL1_THERMAL_CONSTANTS\n");
        s.append("END_GROUP = LANDSAT_METADATA_FILE\n");
        s.append("END\n");
        return s.toString();
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
