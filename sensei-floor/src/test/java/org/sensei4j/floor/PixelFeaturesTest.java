package org.sensei4j.floor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Quantity;
import org.sensei4j.sensor.SensorRegistry;
import org.sensei4j.sensor.SpectralSlot;

class PixelFeaturesTest {

    @Test
    void namesAreTheEightSlotsThenTheFiveIndices() {
        assertThat(PixelFeatures.NAMES)
                .containsExactly(
                        "blue",
                        "green",
                        "red",
                        "nir",
                        "swir1",
                        "swir2",
                        "cirrus",
                        "thermal",
                        "ndvi",
                        "ndsi",
                        "brightness",
                        "whiteness",
                        "hot");
        assertThat(PixelFeatures.COUNT).isEqualTo(13);
    }

    @Test
    void slotsOfSentinel2Landsat8AndSuperDove() {
        SensorRegistry reg = SensorRegistry.builtIn();
        assertThat(PixelFeatures.of(reg.get("sentinel2").bands()).slotBands())
                .isEqualTo(Map.of(
                        "blue", "B02", "green", "B03", "red", "B04", "nir", "B08", "swir1", "B11", "swir2", "B12",
                        "cirrus", "B10"));
        assertThat(PixelFeatures.of(reg.get("landsat8").bands()).slotBands())
                .containsEntry("nir", "B5")
                .containsEntry("thermal", "B10")
                .containsEntry("cirrus", "B9")
                .hasSize(8);
        assertThat(PixelFeatures.of(reg.get("planetscope-superdove").bands()).slotBands())
                .isEqualTo(Map.of("blue", "blue", "green", "green", "red", "red", "nir", "nir"));
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

    @Test
    void slotsOfASubsetAreThoseOfASceneWithOnlyThoseBands() {
        // Sentinel-2's 13 bands: dropping B08 lets B8A fill nir, dropping B02 leaves blue empty (B01 is coastal)
        List<Band> s2 = SensorRegistry.builtIn().get("sentinel2").bands();
        PixelFeatures pf = PixelFeatures.of(s2);
        SplittableRandom r = new SplittableRandom(3);
        PixelBandSubset subsets = new PixelBandSubset(3, 0);
        for (int t = 0; t < 300; t++) {
            boolean[] kept = subsets.draw(s2.size(), r);
            List<Integer> positions =
                    IntStream.range(0, s2.size()).filter(b -> kept[b]).boxed().toList();
            int[] expected =
                    SpectralSlot.findAll(positions.stream().map(s2::get).toList());
            int[] got = pf.slotsOf(kept);
            for (int s = 0; s < expected.length; s++) {
                assertThat(got[s]).isEqualTo(expected[s] < 0 ? -1 : positions.get(expected[s]));
            }
        }
        boolean[] noB08 = new boolean[s2.size()];
        Arrays.fill(noB08, true);
        noB08[
                s2.indexOf(s2.stream()
                        .filter(b -> b.id().equals("B08"))
                        .findFirst()
                        .orElseThrow())] = false;
        int b8a = s2.indexOf(
                s2.stream().filter(b -> b.id().equals("B8A")).findFirst().orElseThrow());
        assertThat(pf.slotsOf(noB08)[SpectralSlot.NIR.ordinal()]).isEqualTo(b8a);
    }

    @Test
    void featuresOfDroppedSlotsAndTheIndicesNeedingThemAreNaN() {
        List<Band> bands = List.of(band("b", 490), band("g", 560), band("r", 665), band("n", 842), band("s", 1610));
        PixelFeatures pf = PixelFeatures.of(bands);
        float[] values = {0.3f, 0.4f, 0.5f, 0.7f, 0.2f};
        float[] f = new float[PixelFeatures.COUNT];
        // keep blue, green, swir1: red and nir dropped
        pf.pixel(values, 1, 0, f, 0, pf.slotsOf(new boolean[] {true, true, false, false, true}));
        assertThat(f[0]).isEqualTo(0.3f);
        assertThat(f[1]).isEqualTo(0.4f);
        assertThat(f[2]).as("red").isNaN();
        assertThat(f[3]).as("nir").isNaN();
        assertThat(f[4]).isEqualTo(0.2f);
        assertThat(f[8]).as("ndvi").isNaN();
        assertThat(f[9]).as("ndsi (0.4-0.2)/0.6").isCloseTo(0.33333f, within(1e-5f));
        assertThat(f[10]).as("brightness").isNaN();
        assertThat(f[11]).as("whiteness").isNaN();
        assertThat(f[12]).as("hot").isNaN();
        // all kept: the same as without a subset
        float[] all = new float[PixelFeatures.COUNT];
        pf.pixel(values, 1, 0, all, 0);
        pf.pixel(values, 1, 0, f, 0, pf.slotsOf(new boolean[] {true, true, true, true, true}));
        assertThat(f).isEqualTo(all);
    }

    static Band band(String id, double centre) {
        BandDescriptor d = new BandDescriptor(centre - 20, centre, centre + 20);
        return new Band(id, null, d, Double.NaN, Quantity.defaultFor(d));
    }
}
