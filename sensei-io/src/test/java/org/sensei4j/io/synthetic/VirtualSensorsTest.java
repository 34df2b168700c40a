package org.sensei4j.io.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Quantity;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

class VirtualSensorsTest {

    @Test
    void virtualSensorsAreRandomValidAndReproducible() {
        Set<Integer> counts = new HashSet<>();
        int withThermal = 0;
        int withCirrus = 0;
        Set<List<Double>> registryCentres = new HashSet<>();
        for (Sensor s : SensorRegistry.builtIn().all()) {
            registryCentres.add(
                    s.bands().stream().map(b -> b.wavelengths().centreNm()).toList());
        }
        for (long seed = 0; seed < 200; seed++) {
            Sensor s = VirtualSensors.draw(seed);
            assertThat(s.id()).startsWith("virtual-");
            assertThat(VirtualSensors.draw(seed).bands()).isEqualTo(s.bands());
            List<Band> reflective = s.bands().stream()
                    .filter(b -> b.quantity() == Quantity.TOA_REFLECTANCE)
                    .toList();
            List<Band> thermal = s.bands().stream()
                    .filter(b -> b.quantity() == Quantity.BRIGHTNESS_TEMPERATURE)
                    .toList();
            boolean cirrus = reflective.stream()
                    .anyMatch(b -> b.wavelengths().centreNm() >= 1365
                            && b.wavelengths().centreNm() <= 1385
                            && b.wavelengths().maxNm() - b.wavelengths().minNm() >= 14.9
                            && b.wavelengths().maxNm() - b.wavelengths().minNm() <= 35.1);
            withCirrus += cirrus ? 1 : 0;
            assertThat(reflective.size()).isBetween(3, 16); // 3-15 drawn anywhere, and maybe a cirrus band
            assertThat(thermal.size()).isBetween(0, 2);
            assertThat(reflective.size() + thermal.size()).isEqualTo(s.bands().size());
            counts.add(reflective.size());
            withThermal += thermal.isEmpty() ? 0 : 1;
            for (Band b : reflective) {
                assertThat(b.wavelengths().minNm()).isGreaterThanOrEqualTo(400);
                assertThat(b.wavelengths().maxNm()).isLessThanOrEqualTo(2500);
                assertThat(b.wavelengths().maxNm() - b.wavelengths().minNm()).isLessThanOrEqualTo(200.1);
            }
            for (Band b : thermal) {
                assertThat(b.wavelengths().centreNm()).isBetween(8000.0, 13000.0);
            }
            assertThat(registryCentres)
                    .doesNotContain(s.bands().stream()
                            .map(b -> b.wavelengths().centreNm())
                            .toList());
        }
        assertThat(counts).hasSizeGreaterThanOrEqualTo(13); // every count 3..15 occurs (16 with a cirrus band)
        assertThat(withCirrus).isBetween(45, 85); // ~30% of 200 (a drawn band may rarely look like one too)
        assertThat(withThermal).isBetween(40, 80); // ~30% of 200
        assertThat(VirtualSensors.draw(1).bands())
                .isNotEqualTo(VirtualSensors.draw(2).bands());
    }
}
