package org.sensei4j.io.landsat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.testdata.ReferenceCrops;

class LandsatMetadataTest {

    @TempDir
    Path tmp;

    @Test
    void readsLandsat8Collection1() {
        LandsatMetadata md = LandsatMetadata.parse(
                ReferenceCrops.directory().resolve("LC08_L1TP_193024_20200509_20200509_01_RT_MTL.txt"));
        assertThat(md.spacecraftId()).isEqualTo("LANDSAT_8");
        assertThat(md.sensorId()).isEqualTo("landsat8");
        assertThat(md.instrument()).isEqualTo("OLI_TIRS");
        assertThat(md.productId()).isEqualTo("LC08_L1TP_193024_20200509_20200509_01_RT");
        assertThat(md.collectionNumber()).isEqualTo(1);
        assertThat(md.processingLevel()).isEqualTo("L1TP");
        assertThat(md.dateAcquired()).isEqualTo(LocalDate.of(2020, 5, 9));
        assertThat(md.sunElevationDeg()).isEqualTo(53.65148658);
        assertThat(md.sunAzimuthDeg()).isEqualTo(154.20397075);
        assertThat(md.earthSunDistanceAu()).isEqualTo(1.0096232);
        assertThat(md.bandIds()).containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11");

        LandsatBand b4 = md.band("B4");
        assertThat(b4.isThermal()).isFalse();
        assertThat(b4.radianceMult()).isEqualTo(9.8012E-03);
        assertThat(b4.radianceAdd()).isEqualTo(-49.00611);
        assertThat(b4.reflectanceMult()).isEqualTo(2.0E-05);
        assertThat(b4.reflectanceAdd()).isEqualTo(-0.1);
        assertThat(b4.quantizeCalMin()).isEqualTo(1);
        assertThat(b4.quantizeCalMax()).isEqualTo(65535);
        assertThat(b4.fileName()).contains("LC08_L1TP_193024_20200509_20200509_01_RT_B4.TIF");

        LandsatBand b10 = md.band("b10");
        assertThat(b10.isThermal()).isTrue();
        assertThat(b10.k1()).isEqualTo(774.8853);
        assertThat(b10.k2()).isEqualTo(1321.0789);
        assertThat(b10.radianceMult()).isEqualTo(3.3420E-04);
        assertThat(md.band("B11").k2()).isEqualTo(1201.1442);
    }

    @Test
    void readsLandsat7Collection1WithBothThermalGains() {
        Path file = ReferenceCrops.directory().resolve("LE07_L1TP_193024_20100420_20161215_01_T1_MTL.txt");
        LandsatMetadata md = LandsatMetadata.parse(file);
        assertThat(md.sensorId()).isEqualTo("landsat7");
        assertThat(md.instrument()).isEqualTo("ETM");
        assertThat(md.bandIds()).containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8");

        LandsatBand low = md.band("B6");
        assertThat(low.mtlName()).isEqualTo("6_VCID_1");
        assertThat(low.radianceAdd()).isEqualTo(-0.06709);
        assertThat(low.k1()).isEqualTo(666.09);
        assertThat(low.fileName()).contains("LE07_L1TP_193024_20100420_20161215_01_T1_B6_VCID_1.TIF");
        assertThat(md.band("B6_VCID_1")).isSameAs(low);

        LandsatBand high = md.band("B6_VCID_2");
        assertThat(high.id()).isEqualTo("B6_VCID_2");
        assertThat(high.radianceMult()).isEqualTo(3.7205E-02);
        assertThat(high.radianceAdd()).isEqualTo(3.16280);
        assertThat(high.k2()).isEqualTo(1282.71);
        assertThat(md.band("B8").quantizeCalMax()).isEqualTo(255);

        assertThatThrownBy(low::reflectanceMult)
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("REFLECTANCE_MULT_BAND_6_VCID_1")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("thermal");
        assertThatThrownBy(() -> md.band("B1").k1())
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("K1_CONSTANT_BAND_1")
                .hasMessageContaining("not thermal");
    }

    @Test
    void readsLandsat5Collection1() {
        LandsatMetadata md = LandsatMetadata.parse(
                ReferenceCrops.directory().resolve("LT05_L1TP_193024_20050516_20161127_01_T1_MTL.txt"));
        assertThat(md.sensorId()).isEqualTo("landsat5");
        assertThat(md.instrument()).isEqualTo("TM");
        assertThat(md.collectionNumber()).isEqualTo(1);
        assertThat(md.sunElevationDeg()).isEqualTo(54.31025290);
        assertThat(md.earthSunDistanceAu()).isEqualTo(1.0111492);
        assertThat(md.bandIds()).containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7");
        assertThat(md.band("B6").isThermal()).isTrue();
        assertThat(md.band("B6").k1()).isEqualTo(607.76);
        assertThat(md.band("B6").k2()).isEqualTo(1260.56);
        assertThat(md.band("B6").radianceAdd()).isEqualTo(1.18243);
        assertThat(md.band("B7").isThermal()).isFalse();
    }

    @Test
    void readsLandsat9Collection2() throws IOException {
        Path file = MtlFixtures.write(tmp, "LC09_MTL.txt", MtlFixtures.landsat9Collection2());
        LandsatMetadata md = LandsatMetadata.parse(file);
        assertThat(md.spacecraftId()).isEqualTo("LANDSAT_9");
        assertThat(md.sensorId()).isEqualTo("landsat9");
        assertThat(md.collectionNumber()).isEqualTo(2);
        assertThat(md.productId()).isEqualTo("LC09_L1TP_193024_20220420_20230416_02_T1");
        assertThat(md.processingLevel()).isEqualTo("L1TP");
        assertThat(md.dateAcquired()).isEqualTo(LocalDate.of(2022, 4, 20));
        assertThat(md.sunElevationDeg()).isEqualTo(30.0);
        assertThat(md.sunAzimuthDeg()).isEqualTo(150.25);
        assertThat(md.earthSunDistanceAu()).isEqualTo(1.0045678);
        assertThat(md.bandIds()).hasSize(11).startsWith("B1", "B2").endsWith("B9", "B10", "B11");
        assertThat(md.band("B11").k1()).isEqualTo(480.8883);
        assertThat(md.band("B11").radianceAdd()).isEqualTo(0.1);
        assertThat(md.band("B3").reflectanceAdd()).isEqualTo(-0.1);
        assertThat(md.band("B3").quantizeCalMax()).isEqualTo(65535);
        assertThat(md.band("B3").fileName()).contains("LC09_L1TP_193024_20220420_20230416_02_T1_B3.TIF");
    }

    @Test
    void readsLandsat7Collection2AndSortsBandsByNumber() throws IOException {
        LandsatMetadata md =
                LandsatMetadata.parse(MtlFixtures.write(tmp, "LE07_MTL.txt", MtlFixtures.landsat7Collection2()));
        assertThat(md.sensorId()).isEqualTo("landsat7");
        assertThat(md.collectionNumber()).isEqualTo(2);
        assertThat(md.bandIds()).containsExactly("B1", "B6", "B8");
        assertThat(md.band("B6").mtlName()).isEqualTo("6_VCID_1");
        assertThat(md.band("B6").fileName()).contains("LE07_B6_VCID_1.TIF");
        assertThat(md.band("B6_VCID_2").radianceAdd()).isEqualTo(3.16280);
        assertThat(md.band("B6_VCID_2").fileName()).contains("LE07_B6_VCID_2.TIF");
        assertThat(md.band("B8").fileName()).contains("LE07_B8.TIF");
        assertThat(md.band("B1").fileName()).contains("LE07_B1.TIF");
        assertThat(md.hasBand("B6_VCID_2")).isTrue();
        assertThat(md.hasBand("B2")).isFalse();
    }

    @Test
    void missingSceneKeyNamesKeyAndFile() throws IOException {
        Path file = MtlFixtures.write(
                tmp, "no_sun_MTL.txt", MtlFixtures.landsat9Collection2().replace("    SUN_ELEVATION = 30.0\n", ""));
        assertThatThrownBy(() -> LandsatMetadata.parse(file))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("SUN_ELEVATION")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("IMAGE_ATTRIBUTES");
    }

    @Test
    void missingBandKeyNamesKeyAndFileWhenUsed() throws IOException {
        Path file = MtlFixtures.write(
                tmp,
                "no_add3_MTL.txt",
                MtlFixtures.landsat9Collection2().replace("    REFLECTANCE_ADD_BAND_3 = -0.100000\n", ""));
        LandsatMetadata md = LandsatMetadata.parse(file);
        assertThat(md.band("B4").reflectanceAdd()).isEqualTo(-0.1);
        assertThatThrownBy(() -> LandsatRadiometry.toaReflectance(new int[] {1}, md, "B3"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("REFLECTANCE_ADD_BAND_3")
                .hasMessageContaining(file.toString());
    }

    @Test
    void rejectsUnknownBandListingTheBands() throws IOException {
        LandsatMetadata md =
                LandsatMetadata.parse(MtlFixtures.write(tmp, "LE07_MTL.txt", MtlFixtures.landsat7Collection2()));
        assertThatThrownBy(() -> md.band("B12"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("'B12'")
                .hasMessageContaining("[B1, B6, B8]")
                .hasMessageContaining("B6_VCID_2");
        assertThatThrownBy(() -> md.band("red")).isInstanceOf(SenseiException.class);
    }

    @Test
    void rejectsLevel2MssAndEarlySpacecraft() throws IOException {
        Path level2 = MtlFixtures.write(
                tmp,
                "L2_MTL.txt",
                MtlFixtures.landsat9Collection2()
                        .replace("PROCESSING_LEVEL = \"L1TP\"", "PROCESSING_LEVEL = \"L2SP\""));
        assertThatThrownBy(() -> LandsatMetadata.parse(level2))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("Level-2")
                .hasMessageContaining("L2SP");
        Path mss = MtlFixtures.write(
                tmp,
                "MSS_MTL.txt",
                MtlFixtures.landsat9Collection2()
                        .replace("LANDSAT_9", "LANDSAT_5")
                        .replace("SENSOR_ID = \"OLI_TIRS\"", "SENSOR_ID = \"MSS\""));
        assertThatThrownBy(() -> LandsatMetadata.parse(mss))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("MSS");
        Path l1 = MtlFixtures.write(
                tmp, "L1_MTL.txt", MtlFixtures.landsat9Collection2().replace("LANDSAT_9", "LANDSAT_1"));
        assertThatThrownBy(() -> LandsatMetadata.parse(l1))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("LANDSAT_1");
    }

    @Test
    void rejectsMalformedFiles() throws IOException {
        Path unbalanced = MtlFixtures.write(
                tmp, "bad_MTL.txt", "GROUP = LANDSAT_METADATA_FILE\n  GROUP = A\n    X = 1\n  END_GROUP = B\n");
        assertThatThrownBy(() -> LandsatMetadata.parse(unbalanced))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("END_GROUP = B");
        Path truncated = MtlFixtures.write(tmp, "cut_MTL.txt", "GROUP = LANDSAT_METADATA_FILE\n  GROUP = A\n");
        assertThatThrownBy(() -> LandsatMetadata.parse(truncated))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("truncated");
        Path prose = MtlFixtures.write(tmp, "readme.txt", "hello world\n");
        assertThatThrownBy(() -> LandsatMetadata.parse(prose))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("line 1");
        Path other = MtlFixtures.write(tmp, "odl.txt", "GROUP = SOMETHING_ELSE\nEND_GROUP = SOMETHING_ELSE\nEND\n");
        assertThatThrownBy(() -> LandsatMetadata.parse(other))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("SOMETHING_ELSE")
                .hasMessageContaining("LANDSAT_METADATA_FILE");
        Path nonNumeric = MtlFixtures.write(
                tmp,
                "nan_MTL.txt",
                MtlFixtures.landsat9Collection2().replace("SUN_ELEVATION = 30.0", "SUN_ELEVATION = high"));
        assertThatThrownBy(() -> LandsatMetadata.parse(nonNumeric))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("SUN_ELEVATION")
                .hasMessageContaining("'high'");
        Path absent = tmp.resolve("absent_MTL.txt");
        assertThatThrownBy(() -> LandsatMetadata.parse(absent))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(absent.toString());
    }

    @Test
    void joinsParenthesisedListsOverSeveralLines() throws IOException {
        String text = MtlFixtures.landsat9Collection2()
                .replace("    ORIGIN =", "    BAND_LIST = (1, 2,\n       3, 4)\n    ORIGIN =");
        LandsatMetadata md = LandsatMetadata.parse(MtlFixtures.write(tmp, "list_MTL.txt", text));
        assertThat(md.bandIds()).hasSize(11);
        assertThat(MtlDocument.read(tmp.resolve("list_MTL.txt"))
                        .group("PRODUCT_CONTENTS")
                        .get("BAND_LIST"))
                .isEqualTo("(1, 2, 3, 4)");
        assertThat(List.of(md.band("B2").radianceAdd())).containsExactly(-50.0);
    }
}
