package org.sensei4j.io.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.Scene;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.SensorRegistry;

class SceneStatisticsTest {

    @TempDir
    Path dir;

    @Test
    void windowShapeDoesNotChangeTheStatistics() {
        Path f = Fixtures.write(
                dir.resolve("r.tif"), SampleType.UINT16, Fixtures.grid(10), 0.0, 2, 37, 29, (b, r, c) -> {
                    SplittableRandom rnd = new SplittableRandom(1_000L * r + c + 100_000L * b);
                    return rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(10000);
                });
        try (GeoTiffScene s = (GeoTiffScene) ProductReaders.open(
                f, ProductOptions.forSensor(SensorRegistry.builtIn().get("sentinel2"), List.of("B02", "B03")))) {
            // the writer stores one row per strip: full-width bands of rows
            assertThat(s.scanWindowSize(100)).containsExactly(29, 3);
            assertThat(s.scanWindowSize(10)).containsExactly(29, 1);
            assertThat(s.scanWindowSize(1 << 20)).containsExactly(29, 37);

            // reference computed from the whole scene in memory
            Scene all = Scene.load(s);
            FloatRaster v = all.values();
            long nodata = 0;
            double[] sum = new double[2];
            float[] min = {Float.MAX_VALUE, Float.MAX_VALUE};
            long valid = 0;
            for (int p = 0; p < v.planeSize(); p++) {
                if (all.invalid()[p] == SceneWindow.NODATA) {
                    nodata++;
                    continue;
                }
                valid++;
                for (int b = 0; b < 2; b++) {
                    float x = v.data()[b * v.planeSize() + p];
                    sum[b] += x;
                    min[b] = Math.min(min[b], x);
                }
            }
            assertThat(nodata).isGreaterThan(100);
            for (SceneStatistics st : new SceneStatistics[] {
                SceneStatistics.compute(s),
                SceneStatistics.compute(s, 5),
                SceneStatistics.compute(s, 7, 3),
                SceneStatistics.compute(s, 1000)
            }) {
                assertThat(st.pixels()).isEqualTo(37 * 29);
                assertThat(st.nodataPixels()).isEqualTo(nodata);
                for (int b = 0; b < 2; b++) {
                    assertThat(st.bands().get(b).count()).isEqualTo(valid);
                    assertThat(st.bands().get(b).min()).isEqualTo(min[b]);
                    assertThat(st.bands().get(b).mean()).isCloseTo(sum[b] / valid, within(1e-12));
                }
            }
        }
    }

    @Test
    void allNodataBandsHaveNanStatistics() {
        Path f = Fixtures.write(
                dir.resolve("e.tif"), SampleType.FLOAT32, Fixtures.grid(10), null, 1, 2, 2, (b, r, c) -> Float.NaN);
        try (SceneSource s = ProductReaders.open(
                f, ProductOptions.forSensor(SensorRegistry.builtIn().get("sentinel2"), List.of("B02")))) {
            SceneStatistics st = SceneStatistics.compute(s);
            assertThat(st.nodataFraction()).isEqualTo(1.0);
            assertThat(st.bands().get(0).mean()).isNaN();
            assertThat(st.bands().get(0).count()).isZero();
        }
    }
}
