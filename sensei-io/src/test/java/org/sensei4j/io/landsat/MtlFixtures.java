package org.sensei4j.io.landsat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-written MTL files for tests. */
final class MtlFixtures {

    private MtlFixtures() {}

    /** A Landsat 9 Collection 2 Level-1 MTL with all 11 bands (coefficients of the usual OLI/TIRS kind). */
    static String landsat9Collection2() {
        StringBuilder s = new StringBuilder();
        s.append("GROUP = LANDSAT_METADATA_FILE\n");
        s.append("  GROUP = PRODUCT_CONTENTS\n");
        s.append("    ORIGIN = \"Image courtesy of the U.S. Geological Survey\"\n");
        s.append("    LANDSAT_PRODUCT_ID = \"LC09_L1TP_193024_20220420_20230416_02_T1\"\n");
        s.append("    PROCESSING_LEVEL = \"L1TP\"\n");
        s.append("    COLLECTION_NUMBER = 02\n");
        s.append("    COLLECTION_CATEGORY = \"T1\"\n");
        for (int b = 1; b <= 11; b++) {
            s.append("    FILE_NAME_BAND_")
                    .append(b)
                    .append(" = \"LC09_L1TP_193024_20220420_20230416_02_T1_B")
                    .append(b)
                    .append(".TIF\"\n");
        }
        s.append("    FILE_NAME_QUALITY_L1_PIXEL = \"LC09_L1TP_193024_20220420_20230416_02_T1_QA_PIXEL.TIF\"\n");
        s.append("  END_GROUP = PRODUCT_CONTENTS\n");
        s.append("  GROUP = IMAGE_ATTRIBUTES\n");
        s.append("    SPACECRAFT_ID = \"LANDSAT_9\"\n");
        s.append("    SENSOR_ID = \"OLI_TIRS\"\n");
        s.append("    DATE_ACQUIRED = 2022-04-20\n");
        s.append("    SCENE_CENTER_TIME = \"10:01:58.1234560Z\"\n");
        s.append("    SUN_AZIMUTH = 150.25\n");
        s.append("    SUN_ELEVATION = 30.0\n");
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
        }
        for (int b = 1; b <= 11; b++) {
            s.append("    RADIANCE_ADD_BAND_")
                    .append(b)
                    .append(" = ")
                    .append(b >= 10 ? "0.10000" : "-50.00000")
                    .append('\n');
        }
        for (int b = 1; b <= 9; b++) {
            s.append("    REFLECTANCE_MULT_BAND_").append(b).append(" = 2.0000E-05\n");
        }
        for (int b = 1; b <= 9; b++) {
            s.append("    REFLECTANCE_ADD_BAND_").append(b).append(" = -0.100000\n");
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

    /** A Landsat 7 Collection 2 Level-1 MTL with the two thermal gains (VCID_1, VCID_2) and the pan band. */
    static String landsat7Collection2() {
        return """
                GROUP = LANDSAT_METADATA_FILE
                  GROUP = PRODUCT_CONTENTS
                    LANDSAT_PRODUCT_ID = "LE07_L1TP_193024_20100420_20200911_02_T1"
                    PROCESSING_LEVEL = "L1TP"
                    COLLECTION_NUMBER = 02
                    FILE_NAME_BAND_1 = "LE07_B1.TIF"
                    FILE_NAME_BAND_6_VCID_1 = "LE07_B6_VCID_1.TIF"
                    FILE_NAME_BAND_6_VCID_2 = "LE07_B6_VCID_2.TIF"
                    FILE_NAME_BAND_8 = "LE07_B8.TIF"
                  END_GROUP = PRODUCT_CONTENTS
                  GROUP = IMAGE_ATTRIBUTES
                    SPACECRAFT_ID = "LANDSAT_7"
                    SENSOR_ID = "ETM"
                    DATE_ACQUIRED = 2010-04-20
                    SUN_AZIMUTH = 153.2
                    SUN_ELEVATION = 47.2
                    EARTH_SUN_DISTANCE = 1.0046464
                  END_GROUP = IMAGE_ATTRIBUTES
                  GROUP = LEVEL1_MIN_MAX_PIXEL_VALUE
                    QUANTIZE_CAL_MAX_BAND_1 = 255
                    QUANTIZE_CAL_MIN_BAND_1 = 1
                    QUANTIZE_CAL_MAX_BAND_6_VCID_1 = 255
                    QUANTIZE_CAL_MIN_BAND_6_VCID_1 = 1
                  END_GROUP = LEVEL1_MIN_MAX_PIXEL_VALUE
                  GROUP = LEVEL1_RADIOMETRIC_RESCALING
                    RADIANCE_MULT_BAND_1 = 7.7874E-01
                    RADIANCE_MULT_BAND_8 = 9.7559E-01
                    RADIANCE_MULT_BAND_6_VCID_2 = 3.7205E-02
                    RADIANCE_MULT_BAND_6_VCID_1 = 6.7087E-02
                    RADIANCE_ADD_BAND_1 = -6.97874
                    RADIANCE_ADD_BAND_6_VCID_1 = -0.06709
                    RADIANCE_ADD_BAND_6_VCID_2 = 3.16280
                    RADIANCE_ADD_BAND_8 = -5.67559
                    REFLECTANCE_MULT_BAND_1 = 1.1988E-03
                    REFLECTANCE_ADD_BAND_1 = -0.010743
                    REFLECTANCE_MULT_BAND_8 = 2.3453E-03
                    REFLECTANCE_ADD_BAND_8 = -0.013644
                  END_GROUP = LEVEL1_RADIOMETRIC_RESCALING
                  GROUP = LEVEL1_THERMAL_CONSTANTS
                    K1_CONSTANT_BAND_6_VCID_1 = 666.09
                    K2_CONSTANT_BAND_6_VCID_1 = 1282.71
                    K1_CONSTANT_BAND_6_VCID_2 = 666.09
                    K2_CONSTANT_BAND_6_VCID_2 = 1282.71
                  END_GROUP = LEVEL1_THERMAL_CONSTANTS
                END_GROUP = LANDSAT_METADATA_FILE
                END
                """;
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
