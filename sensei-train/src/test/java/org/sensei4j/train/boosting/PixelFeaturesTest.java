package org.sensei4j.train.boosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Quantity;
import org.sensei4j.sensor.SensorRegistry;

class PixelFeaturesTest {

    @Test
    void namesAreTheEightSlotsThenTheFiveIndices() {
        assertThat(PixelFeatures.NAMES).containsExactly("blue", "green", "red", "nir", "swir1", "swir2", "cirrus",
                "thermal", "ndvi", "ndsi", "brightness", "whiteness", "hot");
        assertThat(PixelFeatures.COUNT).isEqualTo(13);
    }

    @Test
    void slotsOfSentinel2Landsat8AndSuperDove() {
        SensorRegistry reg = SensorRegistry.builtIn();
        assertThat(PixelFeatures.of(reg.get("sentinel2").bands()).slotBands()).isEqualTo(Map.of("blue", "B02",
                "green", "B03", "red", "B04", "nir", "B08", "swir1", "B11", "swir2", "B12", "cirrus", "B10"));
        assertThat(PixelFeatures.of(reg.get("landsat8").bands()).slotBands()).containsEntry("nir", "B5")
                .containsEntry("thermal", "B10").containsEntry("cirrus", "B9").hasSize(8);
        assertThat(PixelFeatures.of(reg.get("planetscope-superdove").bands()).slotBands()).isEqualTo(Map.of(
                "blue", "blue", "green", "green", "red", "red", "nir", "nir"));
    }

    @Test
    void handComputedFeaturesOfAFourBandPixelWithMissingSlotsNaN() {
        // RGBNIR sensor given in the order NIR, red, green, blue (order must not matter), no common names
        List<Band> bands = List.of(band("n", 820), band("r", 630), band("g", 545), band("b", 485));
        PixelFeatures pf = PixelFeatures.of(bands);
        // two pixels, band-major; pixel 1: blue 0.3, green 0.4, red 0.5, nir 0.7
        float[] values = {0f, 0.7f, 0f, 0.5f, 0f, 0.4f, 0f, 0.3f};
        float[] f = new float[PixelFeatures.COUNT + 2];
        pf.pixel(values, 2, 1, f, 2);
        assertThat(f[0]).isZero();
        assertThat(f[1]).isZero();
        assertThat(f[2]).isEqualTo(0.3f);
        assertThat(f[3]).isEqualTo(0.4f);
        assertThat(f[4]).isEqualTo(0.5f);
        assertThat(f[5]).isEqualTo(0.7f);
        for (int s = 6; s < 10; s++) {
            assertThat(f[s]).as("swir1, swir2, cirrus, thermal").isNaN();
        }
        assertThat(f[10]).as("ndvi (0.7-0.5)/1.2").isCloseTo(0.16667f, within(1e-5f));
        assertThat(f[11]).as("ndsi without swir1").isNaN();
        assertThat(f[12]).as("brightness").isCloseTo(0.4f, within(1e-6f));
        assertThat(f[13]).as("whiteness 0.1/0.4").isCloseTo(0.25f, within(1e-6f));
        assertThat(f[14]).as("hot 0.3-0.25").isCloseTo(0.05f, within(1e-6f));
    }

    @Test
    void nonPositiveDenominatorsGiveNaN() {
        List<Band> bands = List.of(band("b", 490), band("g", 560), band("r", 665), band("n", 842), band("s", 1610));
        float[] f = new float[PixelFeatures.COUNT];
        PixelFeatures.of(bands).pixel(new float[] {0f, 0f, 0f, 0f, 0f}, 1, 0, f, 0);
        assertThat(f[8]).isNaN();
        assertThat(f[9]).isNaN();
        assertThat(f[11]).isNaN();
        assertThat(f[10]).isZero();
    }

    static Band band(String id, double centre) {
        BandDescriptor d = new BandDescriptor(centre - 20, centre, centre + 20);
        return new Band(id, null, d, Double.NaN, Quantity.defaultFor(d));
    }
}
