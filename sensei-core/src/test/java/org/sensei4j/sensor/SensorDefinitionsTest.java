package org.sensei4j.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;

class SensorDefinitionsTest {

    @TempDir
    Path tmp;

    static Path resource(String name) {
        try {
            return Path.of(SensorDefinitionsTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sampleYamlFileLoadsWithEveryFieldForm() {
        List<Sensor> sensors = SensorRegistry.loadFile(resource("sample-sensor.yaml"));
        assertThat(sensors).hasSize(1);
        Sensor s = sensors.get(0);
        assertThat(s.id()).isEqualTo("demosat");
        assertThat(s.name()).isEqualTo("DemoSat-1 imager");
        assertThat(s.aliases()).containsExactly("demo-1", "ds1");
        assertThat(s.source()).contains("made up for the tests");
        assertThat(s.bandIds()).containsExactly("B1", "B2", "B3", "TIR");
        Band b1 = s.band("B1");
        assertThat(b1.wavelengths()).isEqualTo(new BandDescriptor(450, 485, 520));
        assertThat(b1.commonName()).isEqualTo(CommonName.BLUE);
        assertThat(b1.resolutionM()).isEqualTo(10.0);
        assertThat(b1.description()).isEqualTo("Blue");
        assertThat(s.band("B2").wavelengths()).isEqualTo(new BandDescriptor(640, 660, 680));
        assertThat(s.band("B2").quantity()).isEqualTo(Quantity.TOA_REFLECTANCE);
        assertThat(s.band("B3").wavelengths()).isEqualTo(new BandDescriptor(840, 860, 880));
        assertThat(s.band("B3").hasResolution()).isFalse();
        assertThat(s.band("TIR").quantity()).isEqualTo(Quantity.BRIGHTNESS_TEMPERATURE);
        assertThat(s.band("red").id()).isEqualTo("B2");
    }

    @Test
    void jsonFileWithAListOfSensorsLoads() {
        List<Sensor> sensors = SensorRegistry.loadFile(resource("sample-sensors.json"));
        assertThat(sensors).extracting(Sensor::id).containsExactly("jsonsat-a", "jsonsat-b");
        assertThat(sensors.get(0).band("N").quantity()).isEqualTo(Quantity.SURFACE_REFLECTANCE);
        assertThat(sensors.get(0).band("N").wavelengths()).isEqualTo(new BandDescriptor(770, 830, 890));
        assertThat(sensors.get(1).name()).isEqualTo("jsonsat-b");
        assertThat(sensors.get(1).band("SWIR").wavelengths()).isEqualTo(new BandDescriptor(1565, 1610, 1655));
    }

    @Test
    void sensorsWrapperObjectAndSingleYamlSensorParse() {
        String yaml = "sensors:\n  - id: a\n    bands: [{id: X, min_nm: 500, centre_nm: 550, max_nm: 600}]\n"
                + "  - id: b\n    bands: [{id: Y, centre_nm: 700, fwhm_nm: 20}]\n";
        assertThat(SensorDefinitions.parse(yaml, true, "inline"))
                .extracting(Sensor::id)
                .containsExactly("a", "b");
    }

    @Test
    void everyBuiltInSurvivesAJsonRoundTrip() {
        for (Sensor s : SensorRegistry.builtIn().all()) {
            String json = SensorDefinitions.toJson(s);
            List<Sensor> back = SensorDefinitions.parse(json, false, s.id() + ".json");
            assertThat(back).containsExactly(s);
        }
        // the --json output of 'sensors show' (with normalised triples) reads back too
        Sensor s2 = SensorRegistry.builtIn().get("sentinel2");
        String withNormalised = SensorDefinitions.toTree(s2, true).toString();
        assertThat(withNormalised).contains("\"normalised\":[");
        assertThat(SensorDefinitions.parse(withNormalised, false, "show.json")).containsExactly(s2);
    }

    @Test
    void yamlAndJsonFilesOnDiskLoadAndRegister() throws IOException {
        Path yaml = tmp.resolve("mine.yml");
        Files.writeString(
                yaml, "id: mine\naliases: [m1]\nbands:\n  - {id: A, min_nm: 500, centre_nm: 550, max_nm: 600}\n");
        Path json = tmp.resolve("other.JSON");
        Files.writeString(
                json, "{\"id\": \"other\", \"bands\": [{\"id\": \"A\", \"centre_nm\": 800, \"fwhm_nm\": 40}]}");
        SensorRegistry r = new SensorRegistry();
        r.registerFile(yaml);
        r.registerFile(json);
        assertThat(r.get("M1").id()).isEqualTo("mine");
        assertThat(r.get("other").band("a").wavelengths()).isEqualTo(new BandDescriptor(780, 800, 820));
    }

    static Stream<Arguments> invalidDefinitions() {
        String head = "id: badsat\nbands:\n";
        return Stream.of(
                Arguments.of(
                        "micrometres",
                        head + "  - {id: B1, min_nm: 0.45, centre_nm: 0.485, max_nm: 0.52}\n",
                        List.of(
                                "sensor 'badsat', band 'B1'",
                                "minimum wavelength 0.45 nm is <= 300 nm",
                                "did you give µm? multiply by 1000")),
                Arguments.of(
                        "min above centre",
                        head + "  - {id: B1, min_nm: 500, centre_nm: 485, max_nm: 520}\n",
                        List.of(
                                "band 'B1'",
                                "minimum wavelength 500.0 nm is above its centre 485.0 nm",
                                "give min <= centre <= max")),
                Arguments.of(
                        "centre above max",
                        head + "  - {id: B7, min_nm: 450, centre_nm: 530, max_nm: 520}\n",
                        List.of("band 'B7'", "centre wavelength 530.0 nm is above its maximum 520.0 nm")),
                Arguments.of(
                        "duplicate ids",
                        head + "  - {id: B2, min_nm: 450, centre_nm: 485, max_nm: 520}\n"
                                + "  - {id: b02, min_nm: 520, centre_nm: 560, max_nm: 600}\n",
                        List.of(
                                "sensor 'badsat'",
                                "band id 'b02' (band 2) duplicates 'B2' (band 1)",
                                "give each band a unique id")),
                Arguments.of(
                        "missing field",
                        head + "  - {id: B3, min_nm: 450, centre_nm: 485}\n",
                        List.of("band 'B3'", "missing field max_nm", "give min_nm, centre_nm and max_nm")),
                Arguments.of(
                        "two missing fields",
                        head + "  - {id: B3, max_nm: 485}\n",
                        List.of("band 'B3'", "missing fields min_nm, centre_nm")),
                Arguments.of(
                        "fwhm without centre",
                        head + "  - {id: B4, fwhm_nm: 30}\n",
                        List.of("band 'B4'", "missing field 'centre_nm'", "fwhm_nm needs a centre_nm")),
                Arguments.of(
                        "fwhm and limits",
                        head + "  - {id: B4, min_nm: 500, centre_nm: 520, fwhm_nm: 30}\n",
                        List.of("band 'B4'", "give either min_nm and max_nm or fwhm_nm, not both")),
                Arguments.of(
                        "negative fwhm",
                        head + "  - {id: B4, centre_nm: 520, fwhm_nm: -3}\n",
                        List.of("band 'B4'", "fwhm_nm -3.0 is not positive")),
                Arguments.of(
                        "no wavelengths",
                        head + "  - {id: B5, resolution_m: 10}\n",
                        List.of(
                                "sensor 'badsat', band 'B5' has no wavelengths",
                                "give min_nm, centre_nm and max_nm (or centre_nm and fwhm_nm) in nm")),
                Arguments.of(
                        "empty band list",
                        "id: badsat\nbands: []\n",
                        List.of("sensor 'badsat' has an empty band list", "give at least one band")),
                Arguments.of("no bands", "id: badsat\nname: x\n", List.of("sensor 'badsat' has no 'bands'")),
                Arguments.of(
                        "no sensor id",
                        "name: nameless\nbands: [{id: A, centre_nm: 500, fwhm_nm: 10}]\n",
                        List.of("sensor 1 has no 'id'", "give a lower-case id")),
                Arguments.of(
                        "no band id",
                        head + "  - {min_nm: 450, centre_nm: 485, max_nm: 520}\n",
                        List.of("sensor 'badsat': band 1 has no 'id'")),
                Arguments.of(
                        "typo in field",
                        head + "  - {id: B6, min_nm: 450, centre: 485, max_nm: 520}\n",
                        List.of("band 'B6'", "unknown field 'centre'", "centre_nm")),
                Arguments.of(
                        "typo in sensor field",
                        "id: badsat\nalias: [x]\nbands: []\n",
                        List.of("sensor 'badsat'", "unknown field 'alias'", "aliases")),
                Arguments.of(
                        "bad common name",
                        head + "  - {id: B8, common_name: purple, centre_nm: 420, fwhm_nm: 20}\n",
                        List.of("band 'B8'", "unknown common name 'purple'", "coastal, blue")),
                Arguments.of(
                        "bad quantity",
                        head + "  - {id: B8, quantity: radiance, centre_nm: 420, fwhm_nm: 20}\n",
                        List.of("band 'B8'", "unknown quantity 'radiance'", "toa_reflectance")),
                Arguments.of(
                        "not a number",
                        head + "  - {id: B9, min_nm: 450nm, centre_nm: 485, max_nm: 520}\n",
                        List.of("band 'B9'", "min_nm is '450nm', not a number")),
                Arguments.of(
                        "bad resolution",
                        head + "  - {id: B9, centre_nm: 485, fwhm_nm: 20, resolution_m: 0}\n",
                        List.of("band 'B9'", "resolution 0.0 m is not a positive number")),
                Arguments.of(
                        "yaml syntax",
                        "id: badsat\nbands: [ {id: B1\n",
                        List.of("cannot parse", "line", "fix the JSON/YAML syntax")),
                Arguments.of(
                        "duplicate key",
                        "id: badsat\nid: other\nbands: []\n",
                        List.of("cannot parse", "Duplicate field 'id'")),
                Arguments.of(
                        "bad sensor id",
                        "id: bad sat\nbands: [{id: A, centre_nm: 500, fwhm_nm: 10}]\n",
                        List.of("sensor id 'bad sat' has characters")),
                Arguments.of("scalar", "42\n", List.of("expected a sensor object or a list of sensors")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDefinitions")
    void invalidDefinitionsNameFileSensorBandAndProblem(String what, String yaml, List<String> fragments)
            throws IOException {
        Path file = tmp.resolve("bad-" + what.replace(' ', '-') + ".yaml");
        Files.writeString(file, yaml);
        assertThatThrownBy(() -> SensorRegistry.loadFile(file))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(file.toString())
                .satisfies(
                        e -> fragments.forEach(f -> assertThat(e.getMessage()).contains(f)));
    }

    @Test
    void fileProblemsAreUserErrors() throws IOException {
        Path missing = tmp.resolve("nope.yaml");
        assertThatThrownBy(() -> SensorRegistry.loadFile(missing))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("sensor file '" + missing + "' not found: check the path");
        Path txt = tmp.resolve("sensor.txt");
        Files.writeString(txt, "id: x");
        assertThatThrownBy(() -> SensorRegistry.loadFile(txt)).hasMessageContaining("is neither .json nor .yaml/.yml");
        Path empty = tmp.resolve("empty.yaml");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> SensorRegistry.loadFile(empty)).hasMessageContaining("is empty");
        Path emptyList = tmp.resolve("list.json");
        Files.writeString(emptyList, "[]");
        assertThatThrownBy(() -> SensorRegistry.loadFile(emptyList)).hasMessageContaining("the sensor list is empty");
    }
}
