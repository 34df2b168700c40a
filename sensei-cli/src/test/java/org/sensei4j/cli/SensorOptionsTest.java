package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;
import org.sensei4j.sensor.BandSelection;
import org.sensei4j.sensor.SensorRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class SensorOptionsTest {

    @TempDir
    Path tmp;

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Mixin
        SensorOptions sensorOptions;

        @Override
        public void run() {}
    }

    private static SensorOptions parse(String... args) {
        Probe p = new Probe();
        new CommandLine(p).parseArgs(args);
        return p.sensorOptions;
    }

    private static BandSelection resolve(String... args) {
        return parse(args).resolve(SensorRegistry.builtIn());
    }

    @Test
    void sensorAloneSelectsAllBandsInProductOrder() {
        BandSelection s = resolve("--sensor", "S2");
        assertThat(s.sensor()).hasValueSatisfying(x -> assertThat(x.id()).isEqualTo("sentinel2"));
        assertThat(s.bandIds()).hasSize(13).startsWith("B01", "B02").endsWith("B12");
    }

    @Test
    void bandsAreSelectedInTheGivenOrderWithTolerantIds() {
        BandSelection s = resolve("--sensor", "landsat8", "--bands", "B4,b03, B2 ,nir");
        assertThat(s.bandIds()).containsExactly("B4", "B3", "B2", "B5");
        assertThat(s.descriptors().get(0)).isEqualTo(new BandDescriptor(636.5, 655, 673.5));
        BandSelection repeated = resolve("--sensor", "s2", "--bands", "B02", "--bands", "B8A");
        assertThat(repeated.bandIds()).containsExactly("B02", "B8A");
    }

    @Test
    void wavelengthsGiveAnonymousBands() {
        BandSelection s = resolve("--wavelengths", "446:494:542,10600:10895:11190");
        assertThat(s.sensor()).isEmpty();
        assertThat(s.bandIds()).containsExactly("λ1", "λ2");
        assertThat(s.descriptors())
                .containsExactly(new BandDescriptor(446, 494, 542), new BandDescriptor(10600, 10895, 11190));
    }

    @Test
    void neitherOrBothOrBandsWithoutSensorAreErrors() {
        assertThatThrownBy(() -> resolve())
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("no sensor given: give --sensor ID (e.g. sentinel2, landsat8, landsat9")
                .hasMessageContaining("or --wavelengths min:centre:max");
        assertThatThrownBy(() -> resolve("--bands", "B02")).hasMessageContaining("no sensor given");
        assertThatThrownBy(() -> resolve("--sensor", "s2", "--wavelengths", "446:494:542"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("both --sensor and --wavelengths given");
        assertThatThrownBy(() -> resolve("--wavelengths", "446:494:542", "--bands", "B02"))
                .hasMessageContaining("--bands selects bands of a --sensor")
                .hasMessageContaining("drop --bands");
    }

    @Test
    void badValuesNameTheProblem() {
        assertThatThrownBy(() -> resolve("--sensor", "sentinel-4")).hasMessageContaining("unknown sensor 'sentinel-4'");
        assertThatThrownBy(() -> resolve("--sensor", "s2", "--bands", "B02,B13"))
                .hasMessageContaining("sensor 'sentinel2' has no band 'B13': valid band ids are B01");
        assertThatThrownBy(() -> resolve("--sensor", "s2", "--bands", "B02,,B03"))
                .hasMessageContaining("--bands has an empty entry");
        assertThatThrownBy(() -> resolve("--wavelengths", "446:494:542,0.5:0.56:0.6"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("--wavelengths band 2 ('0.5:0.56:0.6')")
                .hasMessageContaining("did you give µm?");
        assertThatThrownBy(() -> resolve("--wavelengths", "446:494"))
                .hasMessageContaining("--wavelengths band 1 ('446:494')")
                .hasMessageContaining("three numbers in nm");
    }

    @Test
    void sensorFilesRegisterUserSensorsBeforeLookUp() throws IOException {
        Path a = tmp.resolve("a.yaml");
        Files.writeString(
                a,
                "id: asat\naliases: [aa]\nbands:\n  - {id: X, centre_nm: 500, fwhm_nm: 20}\n"
                        + "  - {id: Y, centre_nm: 900, fwhm_nm: 20}\n");
        Path b = tmp.resolve("b.json");
        Files.writeString(b, "{\"id\": \"bsat\", \"bands\": [{\"id\": \"Z\", \"centre_nm\": 1600, \"fwhm_nm\": 80}]}");
        assertThat(resolve("--sensor-file", a.toString(), "--sensor", "AA", "--bands", "y")
                        .bandIds())
                .containsExactly("Y");
        // a single sensor file is the sensor when --sensor is left out
        assertThat(resolve("--sensor-file", a.toString()).bandIds()).containsExactly("X", "Y");
        // two files: --sensor must pick
        assertThatThrownBy(() -> resolve("--sensor-file", a.toString(), "--sensor-file", b.toString()))
                .hasMessageContaining("no sensor given")
                .hasMessageContaining("the --sensor-file sensors are asat, bsat");
        assertThat(resolve("--sensor-file", a.toString(), "--sensor-file", b.toString(), "--sensor", "bsat")
                        .bandIds())
                .containsExactly("Z");
        // built-ins stay available next to user files
        assertThat(resolve("--sensor-file", a.toString(), "--sensor", "l8", "--bands", "B10")
                        .bandIds())
                .containsExactly("B10");
        SensorOptions opts = parse("--sensor-file", a.toString(), "--sensor", "x", "--bands", "B1,B2");
        assertThat(opts.sensor()).isEqualTo("x");
        assertThat(opts.bands()).containsExactly("B1", "B2");
        assertThat(opts.sensorFiles()).containsExactly(a);
        assertThat(opts.registry(SensorRegistry.builtIn()).get("asat").bands()).hasSize(2);
    }
}
