package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/** {@code sensei info} and {@code sensei mask} on a GDAL VRT of single-band GeoTIFFs. */
class VrtInputCommandTest {

    @TempDir
    static Path dir;

    static Path bundle;
    static Path multi;
    static Path vrt;
    static final int W = 70;
    static final int H = 45;
    static final String[] IDS = {"B02", "B03", "B04", "B08"};
    static final Georeference GEO = CliFixtures.GRID_20M;

    @BeforeAll
    static void setUp() throws Exception {
        bundle = CliFixtures.untrainedBundle(dir.resolve("model"), ClassScheme.CLEAR_CLOUD_SHADOW, 5);
        multi = CliFixtures.uint16Scene(dir.resolve("multi.tif"), W, H, 3); // first row nodata
        float[] v;
        try (GeoTiffReader r = GeoTiffReader.open(multi)) {
            v = r.readAll().data();
        }
        StringBuilder xml = new StringBuilder("<VRTDataset rasterXSize=\"" + W + "\" rasterYSize=\"" + H + "\">\n"
                + "  <SRS>EPSG:32632</SRS>\n  <GeoTransform>300000, 20, 0, 5000000, 0, -20</GeoTransform>\n");
        Files.createDirectories(dir.resolve("bands"));
        for (int b = 0; b < 4; b++) {
            float[] one = new float[W * H];
            System.arraycopy(v, b * W * H, one, 0, W * H);
            GeoTiffWriter.create(SampleType.UINT16)
                    .write(dir.resolve("bands/" + IDS[b] + ".tif"), new FloatRaster(1, H, W, one, 0.0), GEO);
            xml.append("  <VRTRasterBand dataType=\"UInt16\" band=\"")
                    .append(b + 1)
                    .append("\">\n    <Description>")
                    .append(IDS[b])
                    .append("</Description>\n    <NoDataValue>0</NoDataValue>\n    <SimpleSource>\n"
                            + "      <SourceFilename relativeToVRT=\"1\">bands/")
                    .append(IDS[b])
                    .append(".tif</SourceFilename>\n      <SourceBand>1</SourceBand>\n    </SimpleSource>\n"
                            + "  </VRTRasterBand>\n");
        }
        xml.append("</VRTDataset>\n");
        vrt = Files.writeString(dir.resolve("stack.vrt"), xml.toString());
    }

    @Test
    void infoOnAVrtNamesTheReaderAndTheBandFilesAndMatchesBandsByDescription() throws Exception {
        CliRun r = CliRun.of("info", vrt.toString(), "--sensor", "sentinel2", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("reader").asText()).isEqualTo("GDAL VRT");
        assertThat(j.path("width").asInt()).isEqualTo(W);
        assertThat(j.path("epsg").asInt()).isEqualTo(32632);
        assertThat(j.path("bands").size()).isEqualTo(4);
        assertThat(j.at("/bands/3/id").asText()).isEqualTo("B08");
        assertThat(j.at("/bands/3/file").asText())
                .isEqualTo(dir.resolve("bands/B08.tif").toString());
        assertThat(j.at("/bands/0/nodata").asDouble()).isEqualTo(0.0);
        CliRun m = CliRun.of(
                "info", multi.toString(), "--sensor", "sentinel2", "--bands", String.join(",", IDS), "--json");
        JsonNode k = new ObjectMapper().readTree(m.out());
        for (int b = 0; b < 4; b++) {
            for (String f : new String[] {"min", "max", "mean", "valid_pixels"}) {
                assertThat(j.at("/bands/" + b + "/" + f)).isEqualTo(k.at("/bands/" + b + "/" + f));
            }
        }
        assertThat(j.path("nodata_pixels")).isEqualTo(k.path("nodata_pixels"));
    }

    @Test
    void maskOfTheVrtEqualsMaskOfTheMultibandGeoTiff() {
        Path a = dir.resolve("mask-vrt.tif");
        Path b = dir.resolve("mask-multi.tif");
        CliRun r = CliFixtures.mask(vrt.toString(), bundle, a, "--tile", "64", "--overlap", "16");
        assertThat(r.exitCode()).as(r.err()).isZero();
        CliRun s = CliFixtures.mask(multi.toString(), bundle, b, "--tile", "64", "--overlap", "16");
        assertThat(s.exitCode()).as(s.err()).isZero();
        CliFixtures.assertSameMask(a, b, GEO);
        try (GeoTiffReader x = GeoTiffReader.open(a)) {
            assertThat(x.readBand(0)[0]).isEqualTo(255f);
        }
    }

    @Test
    void anOutputOverASourceOfTheVrtIsRefused() {
        Path source = dir.resolve("bands/B03.tif");
        CliRun r = CliFixtures.mask(vrt.toString(), bundle, source);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains(source.toString());
        try (GeoTiffReader x = GeoTiffReader.open(source)) {
            assertThat(x.info().sampleType()).isEqualTo(SampleType.UINT16);
        }
    }

    @Test
    void anUnsupportedVrtIsOneErrorLineAndExitCode2() throws Exception {
        Path warped = Files.writeString(
                dir.resolve("warped.vrt"),
                "<VRTDataset subClass=\"VRTWarpedDataset\"" + " rasterXSize=\"2\" rasterYSize=\"2\"/>");
        CliRun r = CliRun.of("info", warped.toString(), "--sensor", "sentinel2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList())
                .containsExactly("error: VRT " + warped + " is a warped VRT"
                        + " (VRTWarpedDataset), which is not supported: write the warped result to a GeoTIFF "
                        + "(gdalwarp -of"
                        + " GTiff) and give that");
        Path out = dir.resolve("m.tif");
        CliRun m = CliRun.of(
                "mask", warped.toString(), "--sensor", "sentinel2", "--model", bundle.toString(), "-o", out.toString());
        assertThat(m.exitCode()).isEqualTo(2);
        assertThat(m.err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
        assertThat(out).doesNotExist();
    }
}
