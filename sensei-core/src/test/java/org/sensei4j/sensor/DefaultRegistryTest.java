package org.sensei4j.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;

class DefaultRegistryTest {

    @TempDir
    Path tmp;

    private static String sensorYaml(String id, String alias, double centre) {
        return "id: " + id + "\naliases: [" + alias + "]\nbands:\n  - {id: A, centre_nm: " + centre
                + ", fwhm_nm: 20}\n";
    }

    @Test
    void builtInsPlusUserDirectoryPlusSensorPath() throws IOException {
        Path user = Files.createDirectories(tmp.resolve("home/.sensei4j/sensors"));
        Files.writeString(user.resolve("a.yaml"), sensorYaml("usersat", "u1", 500));
        Files.writeString(user.resolve("shared.yml"), sensorYaml("shared", "sh", 500));
        Files.writeString(user.resolve("notes.txt"), "not a sensor");
        Path dir1 = Files.createDirectories(tmp.resolve("p1"));
        Files.writeString(
                dir1.resolve("b.json"),
                "{\"id\": \"pathsat\", \"bands\": [{\"id\": \"A\", \"centre_nm\": 600," + " \"fwhm_nm\": 20}]}");
        Path dir2 = Files.createDirectories(tmp.resolve("p2"));
        Files.writeString(dir2.resolve("shared.yaml"), sensorYaml("shared", "sh", 700));
        Path single = tmp.resolve("single.yaml");
        Files.writeString(single, sensorYaml("singlesat", "s1x", 800));

        String path = dir1 + File.pathSeparator + File.pathSeparator + dir2 + File.pathSeparator + single;
        SensorRegistry r = SensorRegistry.defaultRegistry(path, user);
        assertThat(r.all())
                .extracting(Sensor::id)
                .containsExactlyElementsOf(Stream.concat(
                                BuiltInSensorsTest.BUILT_IN_IDS.stream(),
                                Stream.of("usersat", "pathsat", "shared", "singlesat"))
                        .toList());
        assertThat(r.get("u1").id()).isEqualTo("usersat");
        assertThat(r.get("s1x").id()).isEqualTo("singlesat");
        // the SENSEI_SENSOR_PATH file wins over the user directory's file with the same id
        assertThat(r.get("sh").band("A").wavelengths()).isEqualTo(new BandDescriptor(690, 700, 710));
        // the built-in registry is not modified
        assertThat(SensorRegistry.builtIn().find("usersat")).isEmpty();
    }

    @Test
    void missingUserDirectoryIsFineButAMissingPathEntryIsAnError() {
        SensorRegistry r = SensorRegistry.defaultRegistry(null, tmp.resolve("absent"));
        assertThat(r.all()).hasSize(12);
        Path missing = tmp.resolve("nowhere");
        assertThatThrownBy(() -> SensorRegistry.defaultRegistry(missing.toString(), null))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("SENSEI_SENSOR_PATH entry '" + missing + "' does not exist")
                .hasMessageContaining("fix the path");
    }

    @Test
    void invalidFileInSensorPathNamesTheFile() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Path bad = dir.resolve("broken.yaml");
        Files.writeString(bad, "id: broken\nbands:\n  - {id: X, min_nm: 0.4, centre_nm: 0.5, max_nm: 0.6}\n");
        assertThatThrownBy(() -> SensorRegistry.defaultRegistry(dir.toString(), null))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("band 'X'")
                .hasMessageContaining("µm");
    }

    @Test
    void userSensorWithABuiltInIdReplacesIt() {
        SensorRegistry r = SensorRegistry.builtIn().copy();
        Sensor mine = SensorDefinitions.parse(sensorYaml("Sentinel-2", "my-s2", 500), true, "x")
                .get(0);
        r.register(mine);
        assertThat(r.get("sentinel2")).isSameAs(mine);
        assertThat(r.get("my-s2")).isSameAs(mine);
        // the old sensor's other aliases are gone with it
        assertThat(r.find("s2")).isEmpty();
        assertThat(r.all()).hasSize(12).contains(mine);
        assertThat(r.all()).extracting(Sensor::id).doesNotContain("sentinel2").contains("sentinel-2");
    }

    @Test
    void aliasAlreadyUsedFindsTheNewerSensor() {
        SensorRegistry r = SensorRegistry.builtIn().copy();
        Sensor mine = SensorDefinitions.parse(sensorYaml("mysat", "L8", 500), true, "x")
                .get(0);
        r.register(mine);
        assertThat(r.get("l8")).isSameAs(mine);
        assertThat(r.get("landsat8").bands()).hasSize(11);
        assertThat(r.get("lc08").id()).isEqualTo("landsat8");
    }

    @Test
    void emptyRegistryListsNothingAndSuggestsNothing() {
        SensorRegistry r = new SensorRegistry();
        assertThat(r.all()).isEmpty();
        assertThatThrownBy(() -> r.get("x"))
                .hasMessageContaining("unknown sensor 'x': known sensors are ;")
                .hasMessageNotContaining("did you mean");
        r.register(SensorRegistry.builtIn().get("s2"));
        assertThat(r.ids()).isEqualTo("sentinel2");
        assertThat(r.registerDirectory(tmp)).isEqualTo(List.of());
    }
}
