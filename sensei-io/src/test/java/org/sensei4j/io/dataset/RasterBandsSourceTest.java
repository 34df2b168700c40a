package org.sensei4j.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

class RasterBandsSourceTest {

    @TempDir
    Path dir;

    @Test
    void wholeFactors() {
        assertThat(RasterBandsSource.factor(10, 10, 8, 8)).isEqualTo(1);
        assertThat(RasterBandsSource.factor(10, 5, 8, 4)).isEqualTo(2);
        assertThat(RasterBandsSource.factor(11, 6, 7, 4)).isEqualTo(2);
        assertThat(RasterBandsSource.factor(9, 3, 9, 3)).isEqualTo(3);
        assertThat(RasterBandsSource.factor(10, 7, 8, 8)).isZero();
        assertThat(RasterBandsSource.factor(10, 5, 8, 8)).isZero();
    }

    @Test
    void upsampledWindowsMatchTheWholeScene() {
        // a 5×7 band and a 3×4 band at twice the pixel size; every window must agree with the full read
        Sensor l7 = SensorRegistry.builtIn().get("landsat7");
        List<Band> bands = l7.select(List.of("B1", "B6"));
        Path fine = Fixtures.tif(
                dir.resolve("b1.tif"), SampleType.UINT16, 1, 5, 7, Fixtures.values(1, 35, (b, i) -> 100 + i), null);
        Path coarse = Fixtures.tif(
                dir.resolve("b6.tif"), SampleType.UINT16, 1, 3, 4, Fixtures.values(1, 12, (b, i) -> 1000 + i), null);
        try (RasterBandsSource s = new RasterBandsSource(
                "s",
                List.of(new BandFile(bands.get(0), fine, 0), new BandFile(bands.get(1), coarse, 0)),
                l7,
                DigitalNumberConverter.IDENTITY,
                null,
                0.0,
                30)) {
            assertThat(s.width()).isEqualTo(7);
            assertThat(s.height()).isEqualTo(5);
            SceneWindow all = s.read(s.fullWindow());
            // row 3, column 5 of the 30 m grid is row 1, column 2 of the coarse band: 1000 + 1·4 + 2
            assertThat(all.values().get(1, 3, 5)).isEqualTo(1006f);
            Random r = new Random(3);
            for (int k = 0; k < 50; k++) {
                int x = r.nextInt(7);
                int y = r.nextInt(5);
                PixelWindow w = new PixelWindow(x, y, 1 + r.nextInt(7 - x), 1 + r.nextInt(5 - y));
                assertThat(s.read(w).values())
                        .as(w.toString())
                        .isEqualTo(all.values().crop(w));
            }
        }
    }

    @Test
    void converterMustKeepTheLengthAndNonFiniteResultsAreNodata() {
        Sensor l8 = SensorRegistry.builtIn().get("landsat8");
        Path f = Fixtures.tif(dir.resolve("b.tif"), SampleType.UINT16, 1, 1, 3, new float[] {1, 2, 3}, null);
        DigitalNumberConverter nanAt2 = (band, raw, m) -> {
            raw[1] = Float.NaN;
            return raw;
        };
        try (RasterBandsSource s =
                new RasterBandsSource("s", List.of(new BandFile(l8.band("B2"), f, 0)), l8, nanAt2, null, null, 30)) {
            SceneWindow w = s.read(s.fullWindow());
            assertThat(w.invalid()).containsExactly(0, SceneWindow.NODATA, 0);
            assertThat(w.values().data()).containsExactly(1, 0, 3);
        }
        try (RasterBandsSource s = new RasterBandsSource(
                "s", List.of(new BandFile(l8.band("B2"), f, 0)), l8, (band, raw, m) -> new float[1], null, null, 30)) {
            assertThatThrownBy(() -> s.read(s.fullWindow()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("converter gave 1 values for 3 pixels");
        }
        assertThatThrownBy(() -> DigitalNumberConverter.linear(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LandsatDnConverter.fromMtl().withThermalBounds(Map.of("B10", new double[] {250, 200})))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
