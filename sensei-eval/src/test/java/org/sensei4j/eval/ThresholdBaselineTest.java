package org.sensei4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.scene.Scene;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

class ThresholdBaselineTest {

    static final Sensor S2 = SensorRegistry.builtIn().get("sentinel2");
    static final float NAN = Float.NaN;
    final ThresholdBaseline baseline = new ThresholdBaseline();

    /** A scene of the given Sentinel-2 bands where pixel i of band b is values[b][i]; width 4. */
    static Scene scene(List<String> bandIds, float[][] values, byte[] invalid) {
        List<Band> bands = S2.select(bandIds);
        int n = values[0].length;
        float[] data = new float[bandIds.size() * n];
        for (int b = 0; b < bandIds.size(); b++) {
            System.arraycopy(values[b], 0, data, b * n, n);
        }
        return new Scene(
                "test",
                bands,
                S2,
                new FloatRaster(bandIds.size(), n / 4, 4, data, null),
                invalid == null ? new byte[n] : invalid,
                null,
                20.0);
    }

    @Test
    void eachTestOfTheRuleDecides() {
        // bright, white, hazy: cloud
        assertThat(baseline.classify(0.5f, 0.5f, 0.5f, NAN, NAN, NAN)).isEqualTo((byte) 1);
        // too dark (mean 0.2 <= 0.25)
        assertThat(baseline.classify(0.2f, 0.2f, 0.2f, NAN, NAN, NAN)).isEqualTo((byte) 0);
        // not white: mean 0.4, red deviates by 0.2 / 0.4 = 0.5 >= 0.3
        assertThat(baseline.classify(0.3f, 0.3f, 0.6f, NAN, NAN, NAN)).isEqualTo((byte) 0);
        // white enough at deviation 0.25: mean 0.4, blue 0.5 → 0.1/0.4
        assertThat(baseline.classify(0.5f, 0.35f, 0.35f, NAN, NAN, NAN)).isEqualTo((byte) 1);
        // HOT fails: blue − 0.5·red − 0.08 = 0.3 − 0.175 − 0.08 > 0 passes; blue 0.26, red 0.38, green 0.33
        // (mean 0.323, deviation 0.063/0.323 = 0.19): 0.26 − 0.19 − 0.08 = −0.01 → clear (bright soil-like)
        assertThat(baseline.classify(0.26f, 0.33f, 0.38f, NAN, NAN, NAN)).isEqualTo((byte) 0);
        // snow: NDSI (0.8 − 0.05)/(0.85) = 0.88 >= 0.4 → clear; with SWIR 0.4, NDSI 0.33 → cloud
        assertThat(baseline.classify(0.8f, 0.8f, 0.8f, NAN, 0.05f, NAN)).isEqualTo((byte) 0);
        assertThat(baseline.classify(0.8f, 0.8f, 0.8f, NAN, 0.4f, NAN)).isEqualTo((byte) 1);
        // vegetation: NDVI (5 − 0.5)/(5.5) = 0.82 >= 0.8 → clear; (4 − 0.5)/4.5 = 0.78 → cloud
        assertThat(baseline.classify(0.5f, 0.5f, 0.5f, 5.0f, NAN, NAN)).isEqualTo((byte) 0);
        assertThat(baseline.classify(0.5f, 0.5f, 0.5f, 4.0f, NAN, NAN)).isEqualTo((byte) 1);
        // cirrus band above 0.01 is cloud even over dark ground; at 0.01 it is not
        assertThat(baseline.classify(0.05f, 0.05f, 0.05f, 0.3f, 0.1f, 0.011f)).isEqualTo((byte) 1);
        assertThat(baseline.classify(0.05f, 0.05f, 0.05f, 0.3f, 0.1f, 0.01f)).isEqualTo((byte) 0);
        // a non-finite visible band is nodata
        assertThat(baseline.classify(NAN, 0.5f, 0.5f, NAN, NAN, NAN)).isEqualTo((byte) ClassScheme.NODATA);
    }

    @Test
    void brightWhiteBlockIsCloudDarkBlockIsClearNodataStaysNodata() {
        // 4 × 3 pixels: row 0 bright white, row 1 dark vegetation, row 2 bright white but pixel 9 nodata
        float[] vis = {0.6f, 0.6f, 0.6f, 0.6f, 0.04f, 0.04f, 0.04f, 0.04f, 0.7f, 0.7f, 0.7f, 0.7f};
        float[] nir = {0.6f, 0.6f, 0.6f, 0.6f, 0.35f, 0.35f, 0.35f, 0.35f, 0.7f, 0.7f, 0.7f, 0.7f};
        byte[] invalid = new byte[12];
        invalid[9] = SceneWindow.NODATA;
        Scene s = scene(List.of("B02", "B03", "B04", "B08"), new float[][] {vis, vis, vis, nir}, invalid);
        byte[] c = baseline.classify(s, ClassScheme.CLOUD_CLEAR);
        assertThat(c).containsExactly(1, 1, 1, 1, 0, 0, 0, 0, 1, (byte) 255, 1, 1);
    }

    @Test
    void swirBandExcludesSnowOnlyWhenPresent() {
        float[] vis = {0.8f, 0.8f, 0.8f, 0.8f};
        float[] swir = {0.05f, 0.05f, 0.4f, 0.4f};
        Scene withSwir = scene(List.of("B02", "B03", "B04", "B11"), new float[][] {vis, vis, vis, swir}, null);
        assertThat(baseline.classify(withSwir, ClassScheme.CLOUD_CLEAR)).containsExactly(0, 0, 1, 1);
        Scene rgbOnly = scene(List.of("B02", "B03", "B04"), new float[][] {vis, vis, vis}, null);
        assertThat(baseline.classify(rgbOnly, ClassScheme.CLOUD_CLEAR)).containsExactly(1, 1, 1, 1);
    }

    @Test
    void usesTheCirrusBandOfSentinel2() {
        float[] dark = {0.05f, 0.05f, 0.05f, 0.05f};
        float[] cirrus = {0.0f, 0.02f, 0.005f, 0.03f};
        Scene s = scene(List.of("B02", "B03", "B04", "B10"), new float[][] {dark, dark, dark, cirrus}, null);
        assertThat(baseline.classify(s, ClassScheme.CLOUD_CLEAR)).containsExactly(0, 1, 0, 1);
    }

    @Test
    void refusesASceneWithoutRgbWithAClearMessage() {
        float[] v = {0.5f, 0.5f, 0.5f, 0.5f};
        Scene noRgb = scene(List.of("B03", "B08", "B11"), new float[][] {v, v, v}, null);
        assertThatThrownBy(() -> baseline.classify(noRgb, ClassScheme.CLOUD_CLEAR))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("threshold baseline needs blue, green and red bands")
                .hasMessageContaining("lacks [blue (450–515 nm), red (620–700 nm)]")
                .hasMessageContaining("B08(834 nm)")
                .hasMessageContaining("leave out --baseline");
        assertThatThrownBy(() -> baseline.classify(noRgb, ClassScheme.CLEAR_CLOUD_SHADOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cloud' scheme only");
    }

    @Test
    void readsTallScenesInStripsWithTheSameResultAsPixelByPixel() {
        // 4 × 600 pixels (three strips of up to 256 rows); seeded random reflectances
        Random rnd = new Random(5);
        int n = 4 * 600;
        float[][] v = new float[5][n];
        for (int b = 0; b < 5; b++) {
            for (int i = 0; i < n; i++) {
                v[b][i] = rnd.nextFloat() * (b == 4 ? 0.02f : 1f);
            }
        }
        Scene s = scene(List.of("B02", "B03", "B04", "B08", "B10"), v, null);
        byte[] c = baseline.classify(s, ClassScheme.CLOUD_CLEAR);
        int cloud = 0;
        for (int i = 0; i < n; i++) {
            assertThat(c[i]).isEqualTo(baseline.classify(v[0][i], v[1][i], v[2][i], v[3][i], NAN, v[4][i]));
            cloud += c[i];
        }
        assertThat(cloud).isBetween(n / 4, 3 * n / 4); // the cirrus test alone flags about half
    }
}
