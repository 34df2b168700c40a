package org.sensei4j.io.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;

class SyntheticBandTest {

    @Test
    void thermalFollowsTheCentre() {
        assertThat(SyntheticBand.of("B4", "636.5:655:673.5").thermal()).isFalse();
        assertThat(SyntheticBand.of("B10", "10600:10895:11190").thermal()).isTrue();
        assertThat(SyntheticBand.of("edge", "2900:3000:3100").thermal()).isFalse();
        assertThat(SyntheticBand.of("mwir", "3500:3700:3900").thermal()).isTrue();
        assertThat(SyntheticBand.of("B4", "636.5:655:673.5").descriptor())
                .isEqualTo(new BandDescriptor(636.5, 655, 673.5));
    }

    @Test
    void wrongThermalFlagOrEmptyIdIsRejected() {
        assertThatThrownBy(() -> new SyntheticBand("B4", new BandDescriptor(636.5, 655, 673.5), true))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("band B4 (636.5:655.0:673.5 nm) is marked thermal")
                .hasMessageContaining("SyntheticBand.of(id, descriptor)");
        assertThatThrownBy(() -> new SyntheticBand("B10", new BandDescriptor(10600, 10895, 11190), false))
                .hasMessageContaining("is marked not thermal");
        assertThatThrownBy(() -> SyntheticBand.of(" ", "600:650:700"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("id is empty");
        assertThatThrownBy(() -> SyntheticBand.of("B1", "0.6:0.65:0.7")).hasMessageContaining("did you give µm");
    }

    @Test
    void sensorLikeBandSets() {
        List<SyntheticBand> s2 = SyntheticSceneGenerator.sentinel2Like();
        assertThat(s2)
                .extracting(SyntheticBand::id)
                .containsExactly(
                        "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10", "B11", "B12");
        assertThat(s2).noneMatch(SyntheticBand::thermal);
        assertThat(s2.get(10).descriptor()).isEqualTo(new BandDescriptor(1337, 1375, 1413));
        assertThat(s2.get(8).descriptor()).isEqualTo(new BandDescriptor(847.5, 864, 880.5));

        List<SyntheticBand> l8 = SyntheticSceneGenerator.landsat8Like();
        assertThat(l8)
                .extracting(SyntheticBand::id)
                .containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B9", "B10", "B11");
        assertThat(l8)
                .filteredOn(SyntheticBand::thermal)
                .extracting(SyntheticBand::id)
                .containsExactly("B10", "B11");
        assertThat(l8.get(7).descriptor()).isEqualTo(new BandDescriptor(1363.5, 1374, 1384.5));

        List<SyntheticBand> l7 = SyntheticSceneGenerator.landsat7Like();
        assertThat(l7).extracting(SyntheticBand::id).containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7");
        assertThat(l7)
                .filteredOn(SyntheticBand::thermal)
                .extracting(SyntheticBand::id)
                .containsExactly("B6");
        assertThat(l7.get(5).descriptor()).isEqualTo(new BandDescriptor(10400, 11450, 12500));
    }
}
