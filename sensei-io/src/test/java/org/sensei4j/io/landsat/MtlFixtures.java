package org.sensei4j.io.landsat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** Hand-written MTL files for tests. */
final class MtlFixtures {

    private MtlFixtures() {}

    /** A Landsat 9 Collection 2 Level-1 MTL with all 11 bands (coefficients of the usual OLI/TIRS kind). */
    static String landsat9Collection2() {
        String id = "LC09_L1TP_193024_20220420_20230416_02_T1";
        List<Integer> bands = IntStream.rangeClosed(1, 11).boxed().toList();
        return new MtlText()
                .group("PRODUCT_CONTENTS")
                .quoted("ORIGIN", "Image courtesy of the U.S. Geological Survey")
                .quoted("LANDSAT_PRODUCT_ID", id)
                .quoted("PROCESSING_LEVEL", "L1TP")
                .put("COLLECTION_NUMBER", "02")
                .quoted("COLLECTION_CATEGORY", "T1")
                .bandFileNames(id, bands)
                .quoted("FILE_NAME_QUALITY_L1_PIXEL", id + "_QA_PIXEL.TIF")
                .group("IMAGE_ATTRIBUTES")
                .quoted("SPACECRAFT_ID", "LANDSAT_9")
                .quoted("SENSOR_ID", "OLI_TIRS")
                .put("DATE_ACQUIRED", "2022-04-20")
                .quoted("SCENE_CENTER_TIME", "10:01:58.1234560Z")
                .put("SUN_AZIMUTH", "150.25")
                .put("SUN_ELEVATION", "30.0")
                .put("EARTH_SUN_DISTANCE", "1.0045678")
                .oliTirsCalibration(b -> "2.0000E-05", b -> "-0.100000")
                .text();
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
