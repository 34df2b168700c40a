package org.sensei4j.io.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

/** Scaling, nodata, saturation and thermal normalisation. */
class ValueConversionTest {

    static final Sensor S2 = SensorRegistry.builtIn().get("sentinel2");
    static final Sensor L8 = SensorRegistry.builtIn().get("landsat8");

    @TempDir
    Path dir;

    private SceneSource open(Path file, ProductOptions o) {
        return ProductReaders.open(file, o);
    }

    @Test
    void uint16AutoScaleExplicitScaleAndOffset() {
        Path f = Fixtures.write(
                dir.resolve("u16.tif"),
                SampleType.UINT16,
                Fixtures.grid(10),
                null,
                2,
                1,
                2,
                (b, r, c) -> 5000 + 1000 * b + c);
        Fixtures.Warnings w = new Fixtures.Warnings();
        try (GeoTiffScene s = (GeoTiffScene)
                open(f, ProductOptions.forSensor(S2, List.of("B02", "B03")).withWarnings(w))) {
            assertThat(s.conversions().get(0).scale()).isEqualTo(1e-4);
            assertThat(s.conversions().get(0).scaleAssumed()).isTrue();
            assertThat(s.read(s.fullWindow()).values().data()).containsExactly(0.5f, 0.5001f, 0.6f, 0.6001f);
        }
        assertThat(w.lines)
                .containsExactly("u16: bands B02, B03 stored as UInt16 without a scale: assuming reflectance"
                        + " x 10000 (scale 1/10000); give the scale (--scale) if that is wrong");
        // Landsat Collection 2 Level 2 style: DN x 0.0000275 - 0.2, no warning
        Fixtures.Warnings none = new Fixtures.Warnings();
        try (SceneSource s = open(
                f,
                ProductOptions.forSensor(S2, List.of("B02", "B03"))
                        .withScale(2.75e-5)
                        .withOffset(-0.2)
                        .withWarnings(none))) {
            assertThat(s.read(s.fullWindow()).values().get(0, 0, 1))
                    .isCloseTo((float) (5001 * 2.75e-5 - 0.2), within(1e-7f));
        }
        assertThat(none.lines).isEmpty();
    }

    @Test
    void uint8AutoScaleWarnsAndFloatIsTakenAsIs() {
        Path u8 = Fixtures.write(
                dir.resolve("rgb.tif"), SampleType.UINT8, Fixtures.grid(10), null, 3, 1, 1, (b, r, c) -> 51 * (b + 1));
        Fixtures.Warnings w = new Fixtures.Warnings();
        try (SceneSource s = open(
                u8, ProductOptions.forSensor(S2, List.of("B04", "B03", "B02")).withWarnings(w))) {
            assertThat(s.read(s.fullWindow()).values().data()).containsExactly(0.2f, 0.4f, 0.6f);
        }
        assertThat(w.lines)
                .containsExactly("rgb: bands B04, B03, B02 stored as Byte without a scale: assuming"
                        + " reflectance x 255 (scale 1/255; 8-bit images are often display-stretched, which hurts "
                        + "masks);"
                        + " give the scale (--scale) if that is wrong");
        Path f32 = Fixtures.write(
                dir.resolve("f.tif"), SampleType.FLOAT32, Fixtures.grid(10), null, 1, 1, 2, (b, r, c) -> 1.25f + c);
        Fixtures.Warnings none = new Fixtures.Warnings();
        try (SceneSource s =
                open(f32, ProductOptions.forSensor(S2, List.of("B02")).withWarnings(none))) {
            assertThat(s.read(s.fullWindow()).values().data()).containsExactly(1.25f, 2.25f);
        }
        assertThat(none.lines).isEmpty();
    }

    @Test
    void nodataAndNanInAnyBandMarkThePixelAndZeroAllItsValues() {
        // band 0 holds the file's nodata -9999 at (0,1); band 1 holds NaN at (1,2)
        Path f = Fixtures.write(
                dir.resolve("nd.tif"),
                SampleType.FLOAT32,
                Fixtures.grid(10),
                -9999.0,
                2,
                2,
                3,
                (b, r, c) ->
                        b == 0 && r == 0 && c == 1 ? -9999f : b == 1 && r == 1 && c == 2 ? Float.NaN : 0.1f * (b + 1));
        try (SceneSource s = open(f, ProductOptions.forSensor(S2, List.of("B02", "B03")))) {
            SceneWindow w = s.read(s.fullWindow());
            assertThat(w.invalid()).containsExactly(0, 1, 0, 0, 0, 1);
            assertThat(w.values().data())
                    .containsExactly(0.1f, 0f, 0.1f, 0.1f, 0.1f, 0f, 0.2f, 0f, 0.2f, 0.2f, 0.2f, 0f);
            assertThat(w.nodataFraction()).isEqualTo(2 / 6.0);
            assertThat(w.values().nodata()).isNull();
        }
        // an override replaces the file's value: -9999 becomes a (valid) value, 0.2 the nodata value
        try (SceneSource s =
                open(f, ProductOptions.forSensor(S2, List.of("B02", "B03")).withNodata(0.2))) {
            SceneWindow w = s.read(s.fullWindow());
            assertThat(w.invalid()).containsOnly(SceneWindow.NODATA);
        }
        try (SceneSource s =
                open(f, ProductOptions.forSensor(S2, List.of("B02", "B03")).withNodata(-1.0))) {
            SceneWindow w = s.read(s.fullWindow());
            assertThat(w.invalid()).containsExactly(0, 0, 0, 0, 0, 1);
            assertThat(w.values().get(0, 0, 1)).isEqualTo(-9999f);
        }
    }

    @Test
    void saturationMarksPixelsButKeepsValuesAndNodataWins() {
        Path f = Fixtures.write(
                dir.resolve("sat.tif"),
                SampleType.UINT16,
                Fixtures.grid(10),
                0.0,
                2,
                1,
                4,
                (b, r, c) -> b == 0 ? new int[] {65535, 1000, 65535, 1000}[c] : new int[] {2000, 65535, 0, 2000}[c]);
        try (SceneSource s =
                open(f, ProductOptions.forSensor(S2, List.of("B02", "B03")).withSaturation(65535.0))) {
            SceneWindow w = s.read(s.fullWindow());
            assertThat(w.invalid()).containsExactly(2, 2, 1, 0);
            assertThat(w.values().get(0, 0, 0)).isEqualTo(6.5535f);
            assertThat(w.values().get(1, 0, 1)).isEqualTo(6.5535f);
            assertThat(w.values().get(0, 0, 2)).isZero();
        }
    }

    @Test
    void thermalInCelsiusAndKelvinNormaliseAlike() {
        // B10 BT: 0..99 °C over a 10 x 10 grid (value = 10·row + column); NaN at (9, 9)
        Fixtures.Pixel celsius = (b, r, c) -> b == 0 ? 0.1f : r == 9 && c == 9 ? Float.NaN : 10 * r + c - 0.5f;
        Path c = Fixtures.write(dir.resolve("c.tif"), SampleType.FLOAT32, Fixtures.grid(30), null, 2, 10, 10, celsius);
        Path k = Fixtures.write(
                dir.resolve("k.tif"),
                SampleType.FLOAT32,
                Fixtures.grid(30),
                null,
                2,
                10,
                10,
                (b, r, col) -> b == 0 ? 0.1f : celsius.at(b, r, col) + 273.15f);
        ProductOptions o = ProductOptions.forSensor(L8, List.of("B2", "B10"));
        try (GeoTiffScene sc = (GeoTiffScene) open(c, o);
                GeoTiffScene sk = (GeoTiffScene) open(k, o)) {
            ThermalNormalisation tc = sc.conversions().get(1).thermal();
            ThermalNormalisation tk = sk.conversions().get(1).thermal();
            assertThat(tc.celsius()).isTrue();
            assertThat(tk.celsius()).isFalse();
            assertThat(tc.samples()).isEqualTo(99);
            assertThat(tc.step()).isEqualTo(1);
            // 99 valid values -0.5 .. 97.5: min -0.5, p95 at position 0.95·98 = 93.1 → 93.1 - 0.5 = 92.6
            assertThat(tc.min()).isEqualTo(-0.5);
            assertThat(tc.p95()).isCloseTo(92.6, within(1e-9));
            assertThat(tc.minKelvin()).isCloseTo(272.65, within(1e-9));
            assertThat(tk.minKelvin()).isCloseTo(272.65, within(1e-4));
            assertThat(tc.p95Kelvin()).isCloseTo(tk.p95Kelvin(), within(1e-4));
            FloatRaster vc = sc.read(sc.fullWindow()).values();
            FloatRaster vk = sk.read(sk.fullWindow()).values();
            assertThat(vc.get(1, 0, 0)).isZero();
            assertThat(vc.get(1, 5, 0)).isCloseTo((float) (50 / 93.1), within(1e-6f));
            for (int i = 0; i < 100; i++) {
                assertThat(vk.get(1, i / 10, i % 10))
                        .as("pixel %d", i)
                        .isCloseTo(vc.get(1, i / 10, i % 10), within(1e-5f));
            }
            assertThat(sc.read(sc.fullWindow()).invalid()[99]).isEqualTo(SceneWindow.NODATA);
            assertThat(vc.get(0, 9, 9)).isZero(); // the reflective band is zeroed at the thermal band's NaN
        }
        // a unit given explicitly that makes the values impossible (kelvin read as °C: 546-639 K) is refused
        Assertions.assertThatThrownBy(() -> open(k, o.withThermal(ThermalHandling.CELSIUS)))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("thermal band B10 (k.tif) holds brightness temperatures of 545.8 to 638.9 K")
                .hasMessageEndingWith("the values look like kelvin: use --thermal kelvin (or auto)");
    }

    @Test
    void thermalStatisticsAreSceneWideFromADecimatedPass() {
        // 1100 x 1000: step ceil(sqrt(1.1e6 / 2^20)) = 2, sampled rows 0, 2, .., 998 (550 values each)
        Path f = Fixtures.write(
                dir.resolve("bt.tif"),
                SampleType.FLOAT32,
                Fixtures.grid(30),
                null,
                1,
                1000,
                1100,
                (b, r, c) -> 250 + r / 10f);
        try (GeoTiffReader reader = GeoTiffReader.open(f)) {
            ThermalNormalisation t = ThermalStatistics.of(reader, 0, null, ThermalHandling.AUTO);
            assertThat(t.step()).isEqualTo(2);
            assertThat(t.samples()).isEqualTo(500L * 550);
            assertThat(t.min()).isEqualTo(250.0);
            // index 0.95·(275000 − 1) = 261249.05 lies between 261249 (row 948) and 261250 (row 950)
            assertThat(t.p95()).isCloseTo(250 + 94.81, within(1e-4));
            assertThat(t.celsius()).isFalse();
        }
        try (SceneSource s = open(f, ProductOptions.forSensor(L8, List.of("B10")))) {
            SceneWindow w = s.read(new PixelWindow(7, 500, 3, 2));
            assertThat(w.values().get(0, 0, 0)).isCloseTo((float) (50 / 94.81), within(1e-5f));
            assertThat(w.values().get(0, 1, 2)).isCloseTo((float) (50.1 / 94.81), within(1e-5f));
        }
    }
}
