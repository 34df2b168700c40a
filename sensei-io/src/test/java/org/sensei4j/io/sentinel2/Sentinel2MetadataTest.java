package org.sensei4j.io.sentinel2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.testdata.ReferenceCrops;

class Sentinel2MetadataTest {

    private static final String N0209 = "S2B_MSIL1C_20200406T101559_N0209_R065_T32UPC_20200406T130159";
    private static final String N0400 = "S2B_MSIL1C_20220615T101559_N0400_R065_T32UPC_20220615T122549";

    @TempDir
    Path tmp;

    @Test
    void readsBaseline0209WithoutOffsets() {
        Sentinel2Metadata md =
                Sentinel2Metadata.parse(ReferenceCrops.directory().resolve(N0209 + "_MTD.xml"));
        assertThat(md.level()).isEqualTo(Sentinel2Metadata.Level.L1C);
        assertThat(md.productType()).isEqualTo("S2MSI1C");
        assertThat(md.processingBaseline()).isEqualTo("02.09");
        assertThat(md.baselineAtLeast(4, 0)).isFalse();
        assertThat(md.baselineAtLeast(2, 9)).isTrue();
        assertThat(md.spacecraft()).isEqualTo("Sentinel-2B");
        assertThat(md.sensingTime()).isEqualTo(Instant.parse("2020-04-06T10:15:59.024Z"));
        assertThat(md.quantificationValue()).isEqualTo(10000.0);
        assertThat(md.hasAddOffsets()).isFalse();
        assertThat(md.addOffset("B04")).isEqualTo(0.0);
        assertThat(md.earthSunDistanceCorrection()).isEqualTo(1.00086407451109);
        assertThat(md.solarIrradiance("B1")).isEqualTo(1874.3);
        assertThat(md.solarIrradiance("B8A")).isEqualTo(953.93);
        assertThat(md.nodataValue()).isZero();
        assertThat(md.saturatedValue()).isEqualTo(65535);
        assertThat(md.bandNames())
                .containsExactly(
                        "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10", "B11", "B12");
    }

    @Test
    void readsBaseline0400WithOffsets() {
        Sentinel2Metadata md =
                Sentinel2Metadata.parse(ReferenceCrops.directory().resolve(N0400 + "_MTD.xml"));
        assertThat(md.processingBaseline()).isEqualTo("04.00");
        assertThat(md.baselineAtLeast(4, 0)).isTrue();
        assertThat(md.baselineAtLeast(4, 1)).isFalse();
        assertThat(md.hasAddOffsets()).isTrue();
        for (String band : md.bandNames()) {
            assertThat(md.addOffset(band)).as(band).isEqualTo(-1000.0);
        }
        assertThat(md.earthSunDistanceCorrection()).isEqualTo(0.969916469094966);
        assertThat(md.solarIrradiance("B12")).isEqualTo(87.75);
        assertThat(md.sensingTime()).isEqualTo(Instant.parse("2022-06-15T10:15:59.025Z"));
    }

    @Test
    void mapsBandNamesAndIds() throws IOException {
        Sentinel2Metadata md =
                Sentinel2Metadata.parse(MtdFixtures.write(tmp, "MTD_MSIL1C.xml", MtdFixtures.l1c("04.00", true)));
        assertThat(md.bandId("B1")).isZero();
        assertThat(md.bandId("B01")).isZero();
        assertThat(md.bandId("b08")).isEqualTo(7);
        assertThat(md.bandId("B8A")).isEqualTo(8);
        assertThat(md.bandId("b8a")).isEqualTo(8);
        assertThat(md.bandId("B9")).isEqualTo(9);
        assertThat(md.bandId("B12")).isEqualTo(12);
        assertThat(md.bandName(8)).isEqualTo("B8A");
        assertThat(md.bandName(10)).isEqualTo("B10");
        assertThat(md.spacecraft()).isEqualTo("Sentinel-2C");
        assertThatThrownBy(() -> md.bandId("B13"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("'B13'")
                .hasMessageContaining("B8A");
        assertThatThrownBy(() -> md.bandId("red")).isInstanceOf(SenseiException.class);
        assertThatThrownBy(() -> md.bandName(13)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> md.solarIrradiance("B02"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("SOLAR_IRRADIANCE");
    }

    @Test
    void baselineComesFromTheXmlNotTheFileName() throws IOException {
        Path misnamed = MtdFixtures.write(tmp, N0209 + "_MTD.xml", MtdFixtures.l1c("04.00", true));
        Sentinel2Metadata md = Sentinel2Metadata.parse(misnamed);
        assertThat(md.processingBaseline()).isEqualTo("04.00");
        assertThat(md.addOffset("B04")).isEqualTo(-1000.0);
        float[] rho = Sentinel2Radiometry.reflectance(new int[] {2000}, md, "B04");
        assertThat(rho[0]).isEqualTo(0.1f);

        Path other = MtdFixtures.write(tmp, N0400 + "_MTD.xml", MtdFixtures.l1c("02.09", false));
        Sentinel2Metadata old = Sentinel2Metadata.parse(other);
        assertThat(old.addOffset("B04")).isZero();
        assertThat(Sentinel2Radiometry.reflectance(new int[] {2000}, old, "B04")[0])
                .isEqualTo(0.2f);
    }

    @Test
    void readsLevel2aQuantificationAndBoaOffsets() throws IOException {
        Sentinel2Metadata md = Sentinel2Metadata.parse(MtdFixtures.write(tmp, "MTD_MSIL2A.xml", MtdFixtures.l2a()));
        assertThat(md.level()).isEqualTo(Sentinel2Metadata.Level.L2A);
        assertThat(md.productType()).isEqualTo("S2MSI2A");
        assertThat(md.processingBaseline()).isEqualTo("05.09");
        assertThat(md.quantificationValue()).isEqualTo(10000.0);
        assertThat(md.addOffset("B11")).isEqualTo(-1000.0);
        assertThat(md.spacecraft()).isEqualTo("Sentinel-2A");
        assertThatThrownBy(md::earthSunDistanceCorrection)
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("element U");
    }

    @Test
    void baseline04WithoutOffsetsIsRefused() throws IOException {
        Path file = MtdFixtures.write(tmp, "MTD_MSIL1C.xml", MtdFixtures.l1c("04.00", false));
        assertThatThrownBy(() -> Sentinel2Metadata.parse(file))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("RADIO_ADD_OFFSET")
                .hasMessageContaining("04.00")
                .hasMessageContaining(file.toString());
    }

    @Test
    void isNamespaceAgnostic() throws IOException {
        String defaultNs = MtdFixtures.l1c("04.00", true)
                .replace("<n1:Level-1C_User_Product xmlns:n1=", "<Level-1C_User_Product xmlns=")
                .replace("</n1:Level-1C_User_Product>", "</Level-1C_User_Product>")
                .replace("n1:General_Info", "General_Info");
        Sentinel2Metadata md = Sentinel2Metadata.parse(MtdFixtures.write(tmp, "ns.xml", defaultNs));
        assertThat(md.addOffset("B02")).isEqualTo(-1000.0);
        String noNs = defaultNs.replaceFirst(" xmlns=\"[^\"]*\"", "");
        assertThat(Sentinel2Metadata.parse(MtdFixtures.write(tmp, "nons.xml", noNs))
                        .processingBaseline())
                .isEqualTo("04.00");
    }

    @Test
    void malformedXmlIsRefused() throws IOException {
        Path broken = MtdFixtures.write(
                tmp, "broken.xml", MtdFixtures.l1c("04.00", true).substring(0, 500));
        assertThatThrownBy(() -> Sentinel2Metadata.parse(broken))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("not well-formed")
                .hasMessageContaining(broken.toString());
        Path empty = MtdFixtures.write(tmp, "empty.xml", "");
        assertThatThrownBy(() -> Sentinel2Metadata.parse(empty)).isInstanceOf(SenseiException.class);
        Path absent = tmp.resolve("absent.xml");
        assertThatThrownBy(() -> Sentinel2Metadata.parse(absent))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("cannot read");
    }

    @Test
    void unknownXmlIsRefused() throws IOException {
        Path other = MtdFixtures.write(tmp, "pom.xml", "<project><name>x</name></project>");
        assertThatThrownBy(() -> Sentinel2Metadata.parse(other))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("PRODUCT_TYPE")
                .hasMessageContaining(other.toString());
        Path s1 = MtdFixtures.write(
                tmp,
                "s1.xml",
                MtdFixtures.l1c("04.00", true)
                        .replace("S2MSI1C", "GRD")
                        .replace("Level-1C_User_Product", "Level-1_Product"));
        assertThatThrownBy(() -> Sentinel2Metadata.parse(s1))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("GRD");
        Path badBaseline = MtdFixtures.write(tmp, "bb.xml", MtdFixtures.l1c("four", true));
        assertThatThrownBy(() -> Sentinel2Metadata.parse(badBaseline))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("PROCESSING_BASELINE")
                .hasMessageContaining("'four'");
        Path badQuant = MtdFixtures.write(
                tmp,
                "bq.xml",
                MtdFixtures.l1c("04.00", true).replace(">10000</QUANTIFICATION_VALUE>", ">ten</QUANTIFICATION_VALUE>"));
        assertThatThrownBy(() -> Sentinel2Metadata.parse(badQuant))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("QUANTIFICATION_VALUE")
                .hasMessageContaining("'ten'");
        Path badOffset = MtdFixtures.write(
                tmp, "bo.xml", MtdFixtures.l1c("04.00", true).replace("band_id=\"12\"", "band_id=\"13\""));
        assertThatThrownBy(() -> Sentinel2Metadata.parse(badOffset))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("band_id 13");
    }

    @Test
    void externalEntitiesAreNotResolved() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOPSECRET");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + MtdFixtures.l1c("04.00", true)
                        .substring(MtdFixtures.l1c("04.00", true).indexOf("<n1:"))
                        .replace("S2MSI1C", "&x;");
        Path file = MtdFixtures.write(tmp, "xxe.xml", xxe);
        assertThatThrownBy(() -> Sentinel2Metadata.parse(file))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("DOCTYPE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOPSECRET"));
    }
}
