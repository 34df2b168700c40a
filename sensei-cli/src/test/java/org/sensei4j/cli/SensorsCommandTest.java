package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorDefinitions;
import org.sensei4j.sensor.SensorRegistry;
import picocli.CommandLine;

class SensorsCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private Exception thrown;

    private int run(String... args) {
        CommandLine cl = new CommandLine(new SensorsCommand(SensorRegistry.builtIn()));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            thrown = ex;
            return 2;
        });
        return cl.execute(args);
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    @Test
    void listsEverySensorWithNameBandCountAndAliases() {
        assertThat(run()).isZero();
        List<String> lines = lines();
        assertThat(lines).hasSize(13);
        assertThat(lines.get(0)).matches("ID +NAME +BANDS +ALIASES");
        assertThat(lines.get(1))
                .matches("sentinel2 +Sentinel-2 MSI \\(2A/2B/2C\\) +13  s2, sentinel-2, sentinel-2a, .*");
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).matches("landsat8 +Landsat 8 OLI/TIRS +11  l8, landsat-8, lc08, lc8"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("sentinel3-olci +Sentinel-3 OLCI +21  olci, .*"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("modis +MODIS \\(Terra/Aqua\\) +36  terra-modis, .*"));
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).matches("cbers4-awfi +CBERS-4 AWFI +4  awfi, cbers-4-awfi, cbers4"));
        // band counts are right-aligned under BANDS
        int col = lines.get(0).indexOf("BANDS") + "BANDS".length();
        assertThat(lines.get(1).substring(col - 2, col)).isEqualTo("13");
    }

    @Test
    void listsAsJson() throws IOException {
        assertThat(run("--json")).isZero();
        JsonNode arr = JsonMapper.builder().build().readTree(out.toString());
        assertThat(arr.size()).isEqualTo(12);
        assertThat(arr.get(0).get("id").asText()).isEqualTo("sentinel2");
        assertThat(arr.get(0).get("band_count").asInt()).isEqualTo(13);
        assertThat(arr.get(0).get("aliases").get(0).asText()).isEqualTo("s2");
        assertThat(arr.get(6).get("id").asText()).isEqualTo("perusat1");
        assertThat(arr.get(6).get("band_count").asInt()).isEqualTo(5);
    }

    @Test
    void showPrintsTheBandTable() {
        assertThat(run("show", "S2")).isZero();
        List<String> lines = lines();
        assertThat(lines.get(0)).isEqualTo("sentinel2: Sentinel-2 MSI (2A/2B/2C), 13 bands");
        assertThat(lines.get(1)).startsWith("aliases: s2, sentinel-2");
        assertThat(lines.get(2)).startsWith("source: SEnSeI authors' descriptors");
        assertThat(lines.get(3)).isEmpty();
        assertThat(lines.get(4))
                .matches("ID +COMMON +MIN_NM +CENTRE_NM +MAX_NM +CENTRE_NORM +RES_M +QUANTITY +DESCRIPTION");
        assertThat(lines).hasSize(5 + 13);
        // normalised centre of B02: log10(494 - 300) - 2 = 0.2878
        assertThat(lines.get(6)).matches("B02 +blue +446 +494 +542 +0\\.2878 +10 +toa_reflectance +Blue");
        assertThat(lines.get(7)).matches("B03 +green +537\\.5 +560 +582\\.5 +0\\.4150 +10 +toa_reflectance +Green");
        assertThat(lines.get(13))
                .matches("B8A +nir08 +847\\.5 +864 +880\\.5 +0\\.7513 +20 +toa_reflectance +Narrow NIR");
        assertThat(lines.get(17)).matches("B12 +swir22 +2074 +2194 +2314 +1\\.2774 +20 +toa_reflectance +SWIR 2");
    }

    @Test
    void showThermalAndFractionalValues() {
        assertThat(run("show", "landsat8")).isZero();
        assertThat(lines())
                .anySatisfy(l -> assertThat(l)
                        .matches("B10 +lwir11 +10600 +10895 +11190 +2\\.0251 +100 +brightness_temperature "
                                + "+Thermal infrared 1.*"));
        out.getBuffer().setLength(0);
        assertThat(run("show", "olci")).isZero();
        assertThat(lines())
                .anySatisfy(l ->
                        assertThat(l).matches("Oa14 +- +762\\.5 +764\\.375 +766\\.25 +0\\.6669 +300 +toa_reflectance"));
    }

    @Test
    void showAsJsonReadsBackAsTheSameSensor() throws IOException {
        assertThat(run("show", "perusat1", "--json")).isZero();
        JsonNode tree = JsonMapper.builder().build().readTree(out.toString());
        assertThat(tree.get("id").asText()).isEqualTo("perusat1");
        assertThat(tree.get("bands").get(4).get("id").asText()).isEqualTo("PAN");
        assertThat(tree.get("bands").get(4).get("resolution_m").asDouble()).isEqualTo(0.7);
        assertThat(tree.get("bands").get(0).get("normalised").size()).isEqualTo(3);
        Path saved = tmp.resolve("perusat1.json");
        Files.writeString(saved, out.toString());
        assertThat(SensorRegistry.loadFile(saved))
                .containsExactly(SensorRegistry.builtIn().get("perusat1"));
    }

    @Test
    void sensorFileAddsUserSensorsToListAndShow() throws IOException {
        Path file = tmp.resolve("mine.yaml");
        Files.writeString(
                file,
                "id: mysat\nname: My Sat\naliases: [ms]\nbands:\n"
                        + "  - {id: G, common_name: green, min_nm: 520, centre_nm: 560, max_nm: 600, resolution_m: 4}\n"
                        + "  - {id: N, centre_nm: 830, fwhm_nm: 100}\n");
        assertThat(run("--sensor-file", file.toString())).isZero();
        assertThat(lines()).hasSize(14);
        assertThat(lines().get(13)).matches("mysat +My Sat +2  ms");
        out.getBuffer().setLength(0);
        assertThat(run("show", "MS", "--sensor-file", file.toString())).isZero();
        assertThat(lines().get(0)).isEqualTo("mysat: My Sat, 2 bands");
        assertThat(lines()).anySatisfy(l -> assertThat(l).matches("N +- +780 +830 +880 +0\\.7243 +- +toa_reflectance"));
        out.getBuffer().setLength(0);
        // the parent's --sensor-file applies to show too
        assertThat(run("--sensor-file", file.toString(), "show", "mysat")).isZero();
        assertThat(lines().get(0)).startsWith("mysat: My Sat");
    }

    @Test
    void unknownSensorIsAUserError() {
        assertThat(run("show", "sentinel9")).isEqualTo(2);
        assertThat(thrown)
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("unknown sensor 'sentinel9' (did you mean 'sentinel2'?)")
                .hasMessageContaining("--sensor-file");
        assertThat(run("show", "x", "--sensor-file", tmp.resolve("missing.yaml").toString()))
                .isEqualTo(2);
        assertThat(thrown).isInstanceOf(SenseiException.class).hasMessageContaining("not found: check the path");
    }

    @Test
    void underTheSenseiCommandAnUnknownSensorExitsWithCode2() {
        CommandLine cl = SenseiCommand.commandLine();
        // swap the registered 'sensors' for one on the built-in registry (no user sensor files)
        cl.getCommandSpec().removeSubcommand("sensors");
        cl.addSubcommand(new SensorsCommand(SensorRegistry.builtIn()));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("sensors", "show", "landsat-10")).isEqualTo(SenseiCommand.EXIT_USER_ERROR);
        assertThat(err.toString())
                .startsWith("error: unknown sensor 'landsat-10' (did you mean 'landsat8'?)")
                .doesNotContain("Exception");
        assertThat(cl.execute("sensors", "show", "l9")).isZero();
        assertThat(out.toString()).startsWith("landsat9: Landsat 9 OLI-2/TIRS-2, 11 bands");
    }

    @Test
    void helpListsTheOptions() {
        assertThat(run("show", "--help")).isZero();
        assertThat(out.toString())
                .contains("Usage: sensors show [-h] [--json] [--sensor-file=FILE]... ID")
                .doesNotContain("--version");
    }

    @Test
    void defaultConstructorUsesTheDefaultRegistry() {
        CommandLine cl = new CommandLine(new SensorsCommand());
        StringWriter sw = new StringWriter();
        cl.setOut(new PrintWriter(sw));
        // SENSEI_SENSOR_PATH or ~/.sensei4j/sensors may add sensors on a developer machine, never remove built-ins
        if (System.getenv(SensorRegistry.SENSOR_PATH_ENV) == null) {
            assertThat(cl.execute()).isZero();
            assertThat(sw.toString()).contains("sentinel2").contains("cbers4-awfi");
        }
    }

    @Test
    void numbersPrintWithoutTrailingZeros() {
        assertThat(SensorsCommand.number(425)).isEqualTo("425");
        assertThat(SensorsCommand.number(537.5)).isEqualTo("537.5");
        assertThat(SensorsCommand.number(764.375)).isEqualTo("764.375");
        assertThat(SensorsCommand.number(0.7)).isEqualTo("0.7");
        assertThat(SensorsCommand.number(1.0 / 3)).isEqualTo("0.3333");
    }

    @Test
    void usersCanDefineAndReadBackEveryBuiltIn() {
        for (Sensor s : SensorRegistry.builtIn().all()) {
            out.getBuffer().setLength(0);
            assertThat(run("show", s.id(), "--json")).isZero();
            assertThat(SensorDefinitions.parse(out.toString(), false, s.id())).containsExactly(s);
        }
    }
}
