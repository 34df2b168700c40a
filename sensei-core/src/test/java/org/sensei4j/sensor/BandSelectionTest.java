package org.sensei4j.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;

class BandSelectionTest {

    @Test
    void rawWavelengthsAreNamedLambdaAndThermalFrom3000nm() {
        BandSelection s = BandSelection.ofWavelengths(
                List.of(new BandDescriptor(446, 494, 542), new BandDescriptor(10600, 10895, 11190)));
        assertThat(s.bandIds()).containsExactly("λ1", "λ2");
        assertThat(s.sensor()).isEmpty();
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.bands().get(0).quantity()).isEqualTo(Quantity.TOA_REFLECTANCE);
        assertThat(s.bands().get(1).quantity()).isEqualTo(Quantity.BRIGHTNESS_TEMPERATURE);
        assertThat(s.bands().get(0).hasResolution()).isFalse();
        assertThat(s.toString()).isEqualTo("wavelengths [λ1, λ2]");
        assertThatThrownBy(() -> BandSelection.ofWavelengths(List.of()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("no wavelengths given");
    }

    @Test
    void normalisedDescriptorsAreLog10OfLambdaMinus300MinusTwo() {
        Sensor s2 = SensorRegistry.builtIn().get("sentinel2");
        float[][] n = s2.selection(List.of("B02", "B12")).normalisedDescriptors();
        // B02 446/494/542 nm: log10(146) - 2, log10(194) - 2, log10(242) - 2
        assertThat(n[0][0]).isEqualTo((float) (Math.log10(146) - 2));
        assertThat(n[0][1]).isEqualTo((float) (Math.log10(194) - 2));
        assertThat(n[0][2]).isEqualTo((float) (Math.log10(242) - 2));
        assertThat((double) n[0][1]).isCloseTo(0.2878017, Offset.offset(1e-6));
        // B12 centre 2194 nm: log10(1894) - 2 = 1.2773799...
        assertThat((double) n[1][1]).isCloseTo(1.2773799, Offset.offset(1e-6));
    }

    @Test
    void sensorSelectionsCompareByBandsAndSensor() {
        Sensor l8 = SensorRegistry.builtIn().get("landsat8");
        Sensor l9 = SensorRegistry.builtIn().get("landsat9");
        BandSelection a = l8.selection(List.of("B2", "B3"));
        assertThat(a).isEqualTo(l8.selection(List.of("b02", "green")));
        assertThat(a.hashCode()).isEqualTo(l8.selection(List.of("b02", "green")).hashCode());
        assertThat(a).isNotEqualTo(l9.selection(List.of("B2", "B3")));
        assertThat(a.descriptors())
                .containsExactly(new BandDescriptor(452, 482, 512), new BandDescriptor(533.5, 562, 590.5));
        assertThat(a.toString()).isEqualTo("landsat8 [B2, B3]");
        assertThatThrownBy(() -> BandSelection.of(l8, List.of())).hasMessageContaining("no bands selected");
    }
}
