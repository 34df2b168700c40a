package org.sensei4j.io.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.Scene;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

/** A window read equals the same crop of a full read, for resampled and thermal bands alike. */
class WindowedReadTest {

    static final Sensor S2 = SensorRegistry.builtIn().get("sentinel2");
    static final Sensor L8 = SensorRegistry.builtIn().get("landsat8");

    @TempDir
    Path dir;

    /** Random uint16 values with about 3 % nodata (0). */
    private static Fixtures.Pixel random(long seed, int width) {
        return (b, r, c) -> {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + (long) r * width + c);
            return rnd.nextInt(33) == 0 ? 0 : 1 + rnd.nextInt(12000);
        };
    }

    private static void assertWindowsMatchFullRead(SceneSource s, long seed, int trials) {
        Scene full = Scene.load(s);
        Random rnd = new Random(seed);
        for (int t = 0; t < trials; t++) {
            int x = rnd.nextInt(s.width());
            int y = rnd.nextInt(s.height());
            int w = 1 + rnd.nextInt(s.width() - x);
            int h = 1 + rnd.nextInt(s.height() - y);
            PixelWindow win = new PixelWindow(x, y, w, h);
            SceneWindow part = s.read(win);
            SceneWindow crop = full.read(win);
            assertThat(part.invalid()).as("mask of %s", win).isEqualTo(crop.invalid());
            assertThat(part.values().data())
                    .as("values of %s", win)
                    .isEqualTo(crop.values().data());
        }
    }

    @Test
    void randomWindowsOfAResampledFolder() throws IOException {
        Path f = Files.createDirectories(dir.resolve("s2"));
        // 360 m x 240 m: 10 m (36 x 24), 20 m (18 x 12), 60 m (6 x 4)
        Fixtures.write(f.resolve("B02.tif"), SampleType.UINT16, Fixtures.grid(10), 0.0, 1, 24, 36, random(1, 36));
        Fixtures.write(f.resolve("B11.tif"), SampleType.UINT16, Fixtures.grid(20), 0.0, 1, 12, 18, random(2, 18));
        Fixtures.write(f.resolve("B01.tif"), SampleType.UINT16, Fixtures.grid(60), 0.0, 1, 4, 6, random(3, 6));
        for (Double res : new Double[] {null, 20.0, 30.0, 60.0}) {
            try (SceneSource s = ProductReaders.open(
                    f, ProductOptions.forSensor(S2, List.of()).withResolution(res))) {
                assertThat(s.bandIds()).containsExactly("B01", "B02", "B11");
                assertWindowsMatchFullRead(s, 42, 40);
            }
        }
    }

    @Test
    void randomWindowsOfAMultibandFileWithThermalBand() {
        Path f = Fixtures.write(
                dir.resolve("l8.tif"), SampleType.FLOAT32, Fixtures.grid(30), null, 3, 33, 47, (b, r, c) -> {
                    SplittableRandom rnd = new SplittableRandom(100_003L * b + 1_009L * r + c);
                    if (b == 2) {
                        return rnd.nextInt(20) == 0 ? Float.NaN : 260 + 40 * (float) rnd.nextDouble();
                    }
                    return (float) rnd.nextDouble() * 0.6f;
                });
        try (SceneSource s = ProductReaders.open(
                f, ProductOptions.forSensor(L8, List.of("B4", "B5", "B10")).withSaturation(0.55))) {
            assertWindowsMatchFullRead(s, 7, 60);
            byte[] mask = Scene.load(s).invalid();
            assertThat(mask).as("the fixture has nodata and saturated pixels").contains(SceneWindow.NODATA);
            assertThat(mask).as("the fixture has nodata and saturated pixels").contains(SceneWindow.SATURATED);
        }
    }
}
