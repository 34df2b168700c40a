package org.sensei4j.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sensei4j.descriptor.BandDescriptor;

class SpectralSlotTest {

    static final SensorRegistry REGISTRY = SensorRegistry.builtIn();

    /** Band id per slot (blue, green, red, nir, swir1, swir2, cirrus, thermal), "-" where empty. */
    static List<String> slots(List<Band> bands) {
        List<String> ids = new ArrayList<>();
        for (int i : SpectralSlot.findAll(bands)) {
            ids.add(i < 0 ? "-" : bands.get(i).id());
        }
        return ids;
    }

    @Test
    void sentinel2TakesB08NotB8aOrRedEdgeAndNotTheCoastalBand() {
        assertThat(slots(REGISTRY.get("sentinel2").bands()))
                .containsExactly("B02", "B03", "B04", "B08", "B11", "B12", "B10", "-");
    }

    @Test
    void landsat8TakesTheFirstThermalBandAndNeverThePanchromatic() {
        List<Band> l8 = REGISTRY.get("landsat8").bands();
        assertThat(slots(l8)).containsExactly("B2", "B3", "B4", "B5", "B6", "B7", "B9", "B10");
        // without B3, green stays empty: the 187 nm wide panchromatic B8 (centre 590 nm) is not a green band
        List<Band> noGreen = l8.stream().filter(b -> !b.id().equals("B3")).toList();
        assertThat(noGreen.get(SpectralSlot.findAll(noGreen)[SpectralSlot.BLUE.ordinal()])
                        .id())
                .isEqualTo("B2");
        assertThat(SpectralSlot.GREEN.find(noGreen)).isEqualTo(-1);
    }

    @Test
    void planetScopeSuperDoveTakesGreenIiAndBlueNotCoastalBlue() {
        assertThat(slots(REGISTRY.get("planetscope-superdove").bands()))
                .containsExactly("blue", "green", "red", "nir", "-", "-", "-", "-");
    }

    @Test
    void aFourBandSensorWithoutCommonNamesIsFoundByWavelengthAlone() {
        // PlanetScope Dove Classic-like RGBNIR, no common names
        List<Band> rgbn = List.of(
                band("b1", 455, 485, 515),
                band("b2", 500, 545, 590),
                band("b3", 590, 630, 670),
                band("b4", 780, 820, 860));
        assertThat(slots(rgbn)).containsExactly("b1", "b2", "b3", "b4", "-", "-", "-", "-");
    }

    @Test
    void windowEdgesAreInclusiveAndTheClosestToTheTargetWinsTiesToTheFirst() {
        assertThat(SpectralSlot.NIR.find(List.of(band("a", 790, 800, 810)))).isZero();
        assertThat(SpectralSlot.NIR.find(List.of(band("a", 790, 799.9, 810)))).isEqualTo(-1);
        // 832 and 852 are both 10 nm from 842: the first wins
        assertThat(SpectralSlot.NIR.find(
                        List.of(band("x", 700, 720, 740), band("a", 820, 832, 844), band("b", 840, 852, 864))))
                .isEqualTo(1);
        assertThat(SpectralSlot.BLUE.describe()).isEqualTo("blue (450–515 nm)");
    }

    static Band band(String id, double min, double centre, double max) {
        BandDescriptor d = new BandDescriptor(min, centre, max);
        return new Band(id, null, d, Double.NaN, Quantity.defaultFor(d));
    }
}
