package org.sensei4j.io.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;

class SyntheticSceneSpecTest {

    private static final SyntheticSceneSpec BASE = SyntheticSceneSpec.defaults(64, 48, 1);

    @Test
    void defaultsAndWithers() {
        assertThat(BASE.width()).isEqualTo(64);
        assertThat(BASE.height()).isEqualTo(48);
        assertThat(BASE.pixelSizeM()).isEqualTo(30.0);
        assertThat(BASE.cloudCover()).isEqualTo(0.4);
        assertThat(BASE.thinCloudShare()).isEqualTo(0.3);
        assertThat(BASE.cirrus()).isTrue();
        assertThat(BASE.shadows()).isTrue();
        assertThat(BASE.surfaceMix()).isEqualTo(SurfaceMix.DEFAULT);
        SyntheticSceneSpec s = BASE.withSize(10, 20)
                .withSeed(9)
                .withPixelSizeM(10)
                .withCloudCover(0.7)
                .withThinCloudShare(0.5)
                .withCirrus(false)
                .withShadows(false)
                .withSun(200, 30)
                .withCloudHeightM(900)
                .withSurfaceMix(SurfaceMix.only(SurfaceType.WATER));
        assertThat(s)
                .isEqualTo(new SyntheticSceneSpec(
                        10, 20, 9, 10, 0.7, 0.5, false, false, 200, 30, 900, new SurfaceMix(0, 0, 1, 0, 0)));
    }

    @Test
    void shadowOffsetPointsAwayFromTheSun() {
        // cloud 3000 m high, sun 45° up, 30 m pixels: the shadow lies 100 pixels from the cloud
        SyntheticSceneSpec s = BASE.withCloudHeightM(3000).withPixelSizeM(30);
        // sun in the east: shadow to the west (left)
        assertThat(s.withSun(90, 45).shadowOffsetColumns()).isCloseTo(-100, within(1e-9));
        assertThat(s.withSun(90, 45).shadowOffsetRows()).isCloseTo(0, within(1e-9));
        // sun in the south: shadow to the north (up)
        assertThat(s.withSun(180, 45).shadowOffsetColumns()).isCloseTo(0, within(1e-9));
        assertThat(s.withSun(180, 45).shadowOffsetRows()).isCloseTo(-100, within(1e-9));
        // sun in the north: shadow to the south (down); sun in the west: shadow to the east (right)
        assertThat(s.withSun(0, 45).shadowOffsetRows()).isCloseTo(100, within(1e-9));
        assertThat(s.withSun(270, 45).shadowOffsetColumns()).isCloseTo(100, within(1e-9));
        // lower sun, longer shadow: 3000 / tan 30° / 30 = 173.2 pixels
        assertThat(s.withSun(90, 30).shadowOffsetColumns()).isCloseTo(-173.205, within(1e-3));
        // sun overhead: no offset
        assertThat(s.withSun(90, 90).shadowOffsetColumns()).isCloseTo(0, within(1e-9));
        // south-east sun: shadow to the north-west, 100/√2 each way
        assertThat(s.withSun(135, 45).shadowOffsetColumns()).isCloseTo(-70.711, within(1e-3));
        assertThat(s.withSun(135, 45).shadowOffsetRows()).isCloseTo(-70.711, within(1e-3));
    }

    @Test
    void badSizesAreRejected() {
        assertThatThrownBy(() -> BASE.withSize(0, 10))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("0 × 10")
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> BASE.withSize(10, -3))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("not positive");
        assertThatThrownBy(() -> BASE.withSize(20_000, 20_000))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("more than 268435456 pixels");
    }

    @Test
    void badCloudSettingsAreRejected() {
        assertThatThrownBy(() -> BASE.withCloudCover(1.5))
                .isInstanceOf(SenseiException.class)
                .hasMessage("cloud cover 1.5 is outside 0..1: give the fraction of cloudy pixels, e.g. 0.4");
        assertThatThrownBy(() -> BASE.withCloudCover(-0.1)).hasMessageContaining("cloud cover -0.1 is outside 0..1");
        assertThatThrownBy(() -> BASE.withCloudCover(Double.NaN)).hasMessageContaining("cloud cover NaN");
        assertThatThrownBy(() -> BASE.withThinCloudShare(2))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("thin-cloud share 2.0 is outside 0..1");
        assertThatThrownBy(() -> BASE.withCloudHeightM(0))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("cloud height 0.0 m is not in (0, 20000]");
        assertThatThrownBy(() -> BASE.withCloudHeightM(Double.POSITIVE_INFINITY))
                .hasMessageContaining("cloud height Infinity m");
    }

    @Test
    void badSunAndPixelSizeAreRejected() {
        assertThatThrownBy(() -> BASE.withSun(135, 0))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("sun elevation 0.0° is not in (0, 90]")
                .hasMessageContaining("above 0");
        assertThatThrownBy(() -> BASE.withSun(135, -10)).hasMessageContaining("sun elevation -10.0°");
        assertThatThrownBy(() -> BASE.withSun(135, 95)).hasMessageContaining("sun elevation 95.0°");
        assertThatThrownBy(() -> BASE.withSun(400, 45))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("sun azimuth 400.0° is outside 0..360");
        assertThatThrownBy(() -> BASE.withPixelSizeM(0))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("pixel size 0.0 m is not a positive number");
        assertThatThrownBy(() -> BASE.withPixelSizeM(Double.NaN)).hasMessageContaining("pixel size NaN m");
        assertThatThrownBy(() -> BASE.withSurfaceMix(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("SurfaceMix.DEFAULT");
    }

    @Test
    void surfaceMixNormalisesAndRejectsBadWeights() {
        SurfaceMix mix = new SurfaceMix(2, 1, 1, 0, 0);
        assertThat(mix.fraction(SurfaceType.VEGETATION)).isEqualTo(0.5);
        assertThat(mix.fraction(SurfaceType.BARE_SOIL)).isEqualTo(0.25);
        assertThat(mix.fraction(SurfaceType.SNOW_ICE)).isEqualTo(0.0);
        assertThat(mix.weight(SurfaceType.WATER)).isEqualTo(1.0);
        assertThat(SurfaceMix.only(SurfaceType.URBAN).fraction(SurfaceType.URBAN))
                .isEqualTo(1.0);
        assertThatThrownBy(() -> new SurfaceMix(1, -1, 0, 0, 0))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("weight of bare_soil is -1.0");
        assertThatThrownBy(() -> new SurfaceMix(0, 0, 0, 0, 0))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("all zero");
        assertThatThrownBy(() -> new SurfaceMix(0, 0, Double.NaN, 0, 0)).hasMessageContaining("weight of water is NaN");
    }

    @Test
    void surfaceTypeCodes() {
        for (SurfaceType t : SurfaceType.values()) {
            assertThat(SurfaceType.ofCode(t.code())).isEqualTo(t);
        }
        assertThat(SurfaceType.SNOW_ICE.code()).isEqualTo((byte) 3);
        assertThat(SurfaceType.SNOW_ICE.label()).isEqualTo("snow_ice");
        assertThatThrownBy(() -> SurfaceType.ofCode(5)).hasMessageContaining("0..4");
    }
}
