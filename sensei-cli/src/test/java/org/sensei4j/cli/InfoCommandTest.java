package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;
import org.sensei4j.sensor.SensorRegistry;
import picocli.CommandLine;

class InfoCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Exception thrown;
    private Path scene;

    /**
     * 3 bands (uint16, nodata 0) x 3 rows x 4 columns: 1000·(band+1) + 10·row + column, except band 0 at (0, 0),
     * which is nodata.
     */
    @BeforeEach
    void writeScene() {
        float[] data = new float[3 * 3 * 4];
        for (int b = 0; b < 3; b++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    data[(b * 3 + r) * 4 + c] = b == 0 && r == 0 && c == 0 ? 0 : 1000 * (b + 1) + 10 * r + c;
                }
            }
        }
        scene = tmp.resolve("scene.tif");
        GeoTiffWriter.create(SampleType.UINT16)
                .write(
                        scene,
                        new FloatRaster(3, 3, 4, data, 0.0),
                        Georeference.northUp(32632, 300000, 5000000, 10, 10));
    }

    /** Runs with the test's own handler: remembers the exception, returns 2. */
    private int run(String... args) {
        CommandLine cl = new CommandLine(new InfoCommand(SensorRegistry.builtIn()));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            thrown = ex;
            return 2;
        });
        return cl.execute(args);
    }

    @Test
    void textReportsGridBandsAndValueRanges() {
        assertThat(run(scene.toString(), "--sensor", "sentinel2", "--bands", "B02,B03,B04"))
                .isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.subList(0, 9))
                .containsExactly(
                        "input       " + scene,
                        "reader      multiband GeoTIFF",
                        "sensor      sentinel2 (Sentinel-2 MSI (2A/2B/2C))",
                        "size        4 x 3 pixels, 3 bands",
                        "resolution  10 m",
                        "CRS         EPSG:32632",
                        "transform   300000, 10, 0, 5000000, 0, -10",
                        "nodata      8.33 % of pixels (1 of 12)",
                        "");
        assertThat(lines.get(9))
                .matches("BAND +MIN_NM +CENTRE_NM +MAX_NM +NORM_CENTRE +QUANTITY +CONVERSION +FILE +MIN"
                        + " +MAX +MEAN");
        // B02 over the 11 valid pixels: min 1001, max 1023, mean 1000 + 138/11 = 1012.545...
        assertThat(lines.get(10))
                .matches("B02 +446 +494 +542 +0\\.2878 +toa_reflectance +UInt16 x 1/10000 \\(auto\\)"
                        + " +scene\\.tif:1 +0\\.1001 +0\\.1023 +0\\.1013");
        assertThat(lines.get(11))
                .matches("B03 +537\\.5 +560 +582\\.5 +0\\.4150 +toa_reflectance .* scene\\.tif:2"
                        + " +0\\.2001 +0\\.2023 +0\\.2013");
        assertThat(lines.get(12)).startsWith("B04 ");
        assertThat(lines).hasSize(13);
        assertThat(err.toString().lines().toList())
                .containsExactly("warning: scene: bands B02, B03, B04 stored as"
                        + " UInt16 without a scale: assuming reflectance x 10000 (scale 1/10000); give the scale "
                        + "(--scale) if"
                        + " that is wrong");
    }

    @Test
    void jsonHasEveryFieldWithFullPrecision() throws IOException {
        assertThat(run(scene.toString(), "--sensor", "s2", "--bands", "blue,green,red", "--json", "--scale", "1/1000"))
                .isZero();
        JsonNode j = JsonMapper.builder().build().readTree(out.toString());
        assertThat(j.get("input").asText()).isEqualTo(scene.toString());
        assertThat(j.get("reader").asText()).isEqualTo("multiband GeoTIFF");
        assertThat(j.get("sensor").asText()).isEqualTo("sentinel2");
        assertThat(j.get("width").asInt()).isEqualTo(4);
        assertThat(j.get("height").asInt()).isEqualTo(3);
        assertThat(j.get("resolution_m").asDouble()).isEqualTo(10.0);
        assertThat(j.get("crs").asText()).isEqualTo("EPSG:32632");
        assertThat(j.get("epsg").asInt()).isEqualTo(32632);
        assertThat(j.get("transform").toString()).isEqualTo("[300000.0,10.0,0.0,5000000.0,0.0,-10.0]");
        assertThat(j.get("nodata_pixels").asLong()).isEqualTo(1);
        assertThat(j.get("nodata_fraction").asDouble()).isEqualTo(1 / 12.0);
        JsonNode b = j.get("bands");
        assertThat(b).hasSize(3);
        assertThat(b.get(0).get("id").asText()).isEqualTo("B02");
        assertThat(b.get(0).get("common_name").asText()).isEqualTo("blue");
        assertThat(b.get(0).get("min_nm").asDouble()).isEqualTo(446.0);
        assertThat(b.get(0).get("centre_nm").asDouble()).isEqualTo(494.0);
        assertThat(b.get(0).get("max_nm").asDouble()).isEqualTo(542.0);
        assertThat(b.get(0).get("normalised_centre").asDouble()).isCloseTo(Math.log10(194) - 2, within(1e-12));
        assertThat(b.get(0).get("quantity").asText()).isEqualTo("toa_reflectance");
        assertThat(b.get(0).get("file_band").asInt()).isEqualTo(1);
        assertThat(b.get(0).get("sample_type").asText()).isEqualTo("UInt16");
        assertThat(b.get(0).get("scale").asDouble()).isEqualTo(0.001);
        assertThat(b.get(0).get("scale_assumed").asBoolean()).isFalse();
        assertThat(b.get(0).get("nodata").asDouble()).isZero();
        assertThat(b.get(0).get("min").asDouble()).isCloseTo(1.001, within(1e-6));
        assertThat(b.get(0).get("max").asDouble()).isCloseTo(1.023, within(1e-6));
        assertThat(b.get(0).get("mean").asDouble()).isCloseTo(1 + 138 / 11.0 / 1000, within(1e-6));
        assertThat(b.get(0).get("valid_pixels").asLong()).isEqualTo(11);
        assertThat(b.get(2).get("mean").asDouble()).isCloseTo(3 + 138 / 11.0 / 1000, within(1e-6));
        assertThat(j.get("warnings")).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void statisticsDoNotDependOnTheWindowSize() throws IOException {
        assertThat(run(scene.toString(), "--sensor", "s2", "--bands", "B02,B03,B04", "--json", "--window", "2"))
                .isZero();
        JsonNode j = JsonMapper.builder().build().readTree(out.toString());
        assertThat(j.get("bands").get(1).get("mean").asDouble()).isCloseTo(0.2 + 138 / 11.0 / 10000, within(1e-7));
        assertThat(j.get("nodata_pixels").asLong()).isEqualTo(1);
    }

    @Test
    void plainTiffHasCrsNoneAndAWarning() throws IOException {
        Path plain = tmp.resolve("plain.tif");
        GeoTiffWriter.create(SampleType.FLOAT32)
                .write(plain, new FloatRaster(2, 1, 2, new float[] {0.1f, 0.2f, 290f, 300f}, null), null);
        assertThat(run(plain.toString(), "--wavelengths", "446:494:542,10600:10895:11190"))
                .isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines)
                .contains(
                        "sensor      none (bands given by wavelength)",
                        "resolution  unknown (no georeference)",
                        "CRS         none");
        assertThat(lines).noneMatch(l -> l.startsWith("transform"));
        assertThat(lines)
                .anyMatch(l -> l.matches("λ2 +10600 +10895 +11190 +2\\.0251 +brightness_temperature +BT normalised"
                        + " +plain\\.tif:2 +0\\.0000 +1\\.0526 +0\\.5263")); // p95 = 290 + 0.95·10 = 299.5
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("λ2: BT_min 290.00 K, BT_95% 299.50 K (stored in kelvin; 2"
                        + " values, from every row and column)");
        assertThat(err.toString().lines().toList())
                .containsExactly("warning: plain has no georeference (plain TIFF):"
                        + " CRS none, outputs will not be georeferenced");
        out.getBuffer().setLength(0);
        assertThat(run(plain.toString(), "--wavelengths", "446:494:542,10600:10895:11190", "--json"))
                .isZero();
        JsonNode j = JsonMapper.builder().build().readTree(out.toString());
        assertThat(j.get("crs").asText()).isEqualTo("none");
        assertThat(j.get("epsg").isNull()).isTrue();
        assertThat(j.get("transform").isNull()).isTrue();
        assertThat(j.get("resolution_m").isNull()).isTrue();
        assertThat(j.get("sensor").isNull()).isTrue();
        assertThat(j.get("bands").get(1).get("bt_min_k").asDouble()).isEqualTo(290.0);
        assertThat(j.get("warnings").get(0).asText()).startsWith("plain has no georeference");
    }

    @Test
    void folderWithResolution() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("tile"));
        GeoTiffWriter w = GeoTiffWriter.create(SampleType.FLOAT32);
        w.write(
                dir.resolve("X_B02.tif"),
                new FloatRaster(1, 2, 2, new float[] {0.1f, 0.2f, 0.3f, 0.4f}, null),
                Georeference.northUp(32632, 0, 20, 10, 10));
        w.write(
                dir.resolve("X_B05.tif"),
                new FloatRaster(1, 1, 1, new float[] {0.5f}, null),
                Georeference.northUp(32632, 0, 20, 20, 20));
        assertThat(run(dir.toString(), "--sensor", "sentinel2", "--resolution", "20", "--json"))
                .isZero();
        JsonNode j = JsonMapper.builder().build().readTree(out.toString());
        assertThat(j.get("reader").asText()).isEqualTo("folder of single-band GeoTIFFs");
        assertThat(j.get("width").asInt()).isEqualTo(1);
        assertThat(j.get("bands").get(0).get("id").asText()).isEqualTo("B02");
        assertThat(j.get("bands").get(0).get("mean").asDouble()).isCloseTo(0.25, within(1e-7));
        assertThat(j.get("bands").get(1).get("mean").asDouble()).isCloseTo(0.5, within(1e-7));
    }

    @Test
    void missingInputThrowsSenseiException() {
        Path missing = tmp.resolve("missing.tif");
        assertThat(run(missing.toString(), "--sensor", "sentinel2")).isEqualTo(2);
        assertThat(thrown).isInstanceOf(SenseiException.class).hasMessage("file not found: " + missing);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void senseiHandlerPrintsTheErrorAndExitsWith2() {
        CommandLine cl = new CommandLine(new InfoCommand(SensorRegistry.builtIn()));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler(new CliErrors());
        Path missing = tmp.resolve("missing.tif");
        assertThat(cl.execute(missing.toString())).isEqualTo(SenseiCommand.EXIT_USER_ERROR);
        assertThat(err.toString().lines().toList()).containsExactly("error: file not found: " + missing);
        err.getBuffer().setLength(0);
        assertThat(cl.execute(scene.toString(), "--sensor", "sentinel2")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: " + scene + " has 3 bands but sensor sentinel2 has 13");
    }

    @Test
    void badOptionValuesAreUserErrors() {
        assertThat(run(scene.toString(), "--sensor", "s2", "--bands", "B02,B03,B04", "--thermal", "fahrenheit"))
                .isEqualTo(2);
        assertThat(thrown).isInstanceOf(SenseiException.class).hasMessageStartingWith("unknown thermal handling");
        assertThat(run(scene.toString(), "--sensor", "s2", "--bands", "B02,B03,B04", "--scale", "x"))
                .isEqualTo(2);
        assertThat(thrown).isInstanceOf(SenseiException.class).hasMessageStartingWith("scale 'x' is not a number");
        assertThat(run(scene.toString(), "--sensor", "s2", "--bands", "B02,B03,B04", "--resolution", "-5"))
                .isEqualTo(2);
        assertThat(thrown)
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("resolution -5.0 is not a positive");
        assertThat(run(scene.toString(), "--sensor", "s2", "--bands", "B02,B99"))
                .isEqualTo(2);
        assertThat(thrown)
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("sensor 'sentinel2' has no band 'B99'");
    }
}
