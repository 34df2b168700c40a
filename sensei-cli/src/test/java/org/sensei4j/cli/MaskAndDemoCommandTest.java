package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

class MaskAndDemoCommandTest {

    @TempDir
    static Path dir;

    static Path bundle;
    static Path image;
    static final int W = 150;
    static final int H = 101;
    static final Georeference GEO = CliFixtures.GRID_20M;

    @BeforeAll
    static void setUp() throws Exception {
        bundle = CliFixtures.untrainedBundle(dir.resolve("model"), ClassScheme.CLEAR_CLOUD_SHADOW, 5);
        image = CliFixtures.uint16Scene(dir.resolve("scene.tif"), W, H, 1); // first row: nodata
    }

    @Test
    void masksOnTheInputGridWithNodataAndGdalAgrees() throws Exception {
        Path out = dir.resolve("mask.tif");
        CliRun r = CliFixtures.mask(image.toString(), bundle, out, "--tile", "64", "--overlap", "16");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("assuming reflectance x 10000").contains("cloud:");
        try (GeoTiffReader reader = GeoTiffReader.open(out)) {
            assertThat(reader.info().width()).isEqualTo(W);
            assertThat(reader.info().height()).isEqualTo(H);
            assertThat(reader.info().sampleType()).isEqualTo(SampleType.UINT8);
            assertThat(reader.info().nodata()).isEqualTo(255.0);
            assertThat(reader.info().georeference().sameGrid(GEO, 1e-9)).isTrue();
            float[] m = reader.readBand(0);
            for (int x = 0; x < W; x++) {
                assertThat(m[x]).isEqualTo(255f);
            }
            for (int i = W; i < m.length; i++) {
                assertThat(m[i]).isBetween(0f, 2f);
            }
        }
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/gdalinfo")), "gdalinfo absent: skipping GDAL check");
        Process p = new ProcessBuilder("gdalinfo", "-json", out.toString())
                .redirectErrorStream(true)
                .start();
        JsonNode info = new ObjectMapper().readTree(p.getInputStream());
        assertThat(p.waitFor()).isZero();
        assertThat(info.at("/size/0").asInt()).isEqualTo(W);
        assertThat(info.at("/bands/0/noDataValue").asDouble()).isEqualTo(255.0);
        assertThat(info.at("/geoTransform/0").asDouble()).isEqualTo(300000.0);
        assertThat(info.at("/geoTransform/1").asDouble()).isEqualTo(20.0);
        assertThat(info.at("/coordinateSystem/wkt").asText()).contains("32632");
    }

    @Test
    void probabilitiesAndUncertaintyLayers() throws Exception {
        Path out = dir.resolve("probs.tif");
        Path unc = dir.resolve("unc.tif");
        CliRun r = CliFixtures.mask(
                image.toString(), bundle, out, "--probabilities", "--ensemble", "3", "--uncertainty", unc.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (GeoTiffReader reader = GeoTiffReader.open(out)) {
            assertThat(reader.info().bandCount()).isEqualTo(3);
            float[] p0 = reader.readBand(0);
            float[] p1 = reader.readBand(1);
            float[] p2 = reader.readBand(2);
            int i = 5 * W + 7;
            assertThat(p0[i] + p1[i] + p2[i]).isBetween(98f, 102f);
        }
        try (GeoTiffReader reader = GeoTiffReader.open(unc)) {
            assertThat(reader.info().bandCount()).isEqualTo(1);
        }
    }

    @Test
    void badInputLeavesNoOutput() throws Exception {
        Path out = dir.resolve("never.tif");
        CliRun missing = CliRun.of(
                "mask",
                dir.resolve("nope.tif").toString(),
                "--sensor",
                "s2",
                "--model",
                bundle.toString(),
                "-o",
                out.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("file not found");
        Path corrupt = dir.resolve("corrupt.tif");
        Files.write(corrupt, new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 2, 3});
        CliRun bad = CliRun.of(
                "mask",
                corrupt.toString(),
                "--sensor",
                "s2",
                "--bands",
                "B02",
                "--model",
                bundle.toString(),
                "-o",
                out.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("error:").doesNotContain("Exception");
        CliRun unwritable = CliFixtures.mask(image.toString(), bundle, dir.resolve("no/such/dir/m.tif"));
        assertThat(unwritable.exitCode()).isEqualTo(2);
        assertThat(unwritable.err()).contains("does not exist: create it first");
        CliRun needsShadowModel = CliRun.of(
                "mask",
                image.toString(),
                "--sensor",
                "sentinel2",
                "--bands",
                "B02,B03,B04",
                "--model",
                bundle.toString(),
                "-o",
                out.toString());
        assertThat(needsShadowModel.exitCode()).isEqualTo(2);
        assertThat(needsShadowModel.err()).contains("has 4 bands but 3 were selected");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("never") || n.endsWith(".part"));
        }
    }

    @Test
    void demoWritesEverythingAndPrintsMetrics() throws Exception {
        Path out = dir.resolve("demo");
        CliRun r = CliRun.of("demo", "--model", bundle.toString(), "--output-dir", out.toString(), "--size", "96");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Landsat 7")
                .contains("| cloud (vs rest) |")
                .contains("report.html");
        assertThat(DemoCommand.FILES).hasSize(8).contains("mask.tif", "overlay.png", "evaluation.json", "report.html");
        for (String f : DemoCommand.FILES) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        assertThat(ImageIO.read(out.resolve("overlay.png").toFile()).getWidth()).isEqualTo(96);
        assertThat(Files.readString(out.resolve("report.html")))
                .contains("<img src=\"overlay.png\"")
                .contains("cloud (vs rest)");
        JsonNode json =
                new ObjectMapper().readTree(out.resolve("evaluation.json").toFile());
        assertThat(json.at("/cloud/pixels").asLong()).isEqualTo(96 * 96);
    }

    @Test
    void demoWithAMissingModelOrAnUnknownSensorStopsBeforeRenderingOrWritingAnything() {
        Path out = dir.resolve("demo-refused");
        CliRun missing = CliRun.of(
                "demo", "--model", dir.resolve("no-such-model.zip").toString(), "--output-dir", out.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: model not found:");
        assertThat(missing.out()).doesNotContain("synthetic");
        CliRun sensor = CliRun.of("demo", "--sensor", "sentinel9", "--output-dir", out.toString());
        assertThat(sensor.exitCode()).isEqualTo(2);
        assertThat(sensor.err()).startsWith("error: unknown sensor 'sentinel9'");
        assertThat(out).doesNotExist();
    }

    @Test
    void demoMaskIsACloudOptimizedGeoTiffDescribedAsSenseiMaskDescribesItsMasks() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/gdalinfo")),
                "gdalinfo not found (install Debian gdal-bin): skipping the GDAL oracle");
        String python = MaskFormatCommandTest.validatorPython();
        Assumptions.assumeTrue(
                python != null, "GDAL's COG validator not found (install Debian python3-gdal): skipping the COG check");
        Path out = dir.resolve("demo-cog");
        CliRun r = CliRun.of("demo", "--model", bundle.toString(), "--output-dir", out.toString(), "--size", "64");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path mask = out.resolve("mask.tif");
        Process v = new ProcessBuilder(
                        python,
                        "-m",
                        "osgeo_utils.samples.validate_cloud_optimized_geotiff",
                        "--full-check=yes",
                        mask.toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(v.waitFor()).as(said).isZero();
        assertThat(said).contains("is a valid cloud optimized GeoTIFF");
        Process g = new ProcessBuilder("gdalinfo", "-json", mask.toString())
                .redirectErrorStream(true)
                .start();
        JsonNode info = new ObjectMapper().readTree(g.getInputStream().readAllBytes());
        assertThat(g.waitFor()).isZero();
        assertThat(info.at("/metadata/IMAGE_STRUCTURE/LAYOUT").asText()).isEqualTo("COG");
        assertThat(info.at("/metadata//SENSEI_INPUT").asText()).isEqualTo("scene.tif");
        assertThat(info.at("/metadata//SENSEI_SENSOR").asText()).isEqualTo("landsat7");
        assertThat(info.at("/metadata//SENSEI_MODEL").asText()).isEqualTo(bundle.toString());
        assertThat(info.at("/metadata//SENSEI_CONTENT").asText()).isEqualTo("classes");
        assertThat(info.at("/metadata//CLASSES").asText()).isEqualTo("0:clear,1:cloud,2:shadow,255:nodata");
        assertThat(info.at("/bands/0/colorInterpretation").asText()).isEqualTo("Palette");
        assertThat(info.at("/bands/0/categories").toString()).isEqualTo("[\"clear\",\"cloud\",\"shadow\"]");
        assertThat(out.resolve("mask.tif.aux.xml")).isNotEmptyFile();
    }
}
