package org.sensei4j.io.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.io.jp2.Jp2Reader;
import org.sensei4j.raster.PixelWindow;

class Jp2TileRowsTest {

    @TempDir
    Path dir;

    @Test
    void windowsReadRowByRowDecodeEachTileRowOnceAndEqualTheDirectRead() {
        int w = 70;
        int h = 53;
        int[] values = new int[w * h];
        Random rnd = new Random(3);
        for (int i = 0; i < values.length; i++) {
            values[i] = 1000 + rnd.nextInt(30000);
        }
        values[5] = 0;
        values[6] = 65535;
        Path file = dir.resolve("tiled.jp2");
        SafeFixtures.writeTiledJp2(file, w, h, values, 16);
        try (Jp2Reader reader = Jp2Reader.open(file)) {
            assertThat(reader.info().tiled()).isTrue();
            assertThat(reader.info().blockHeight()).isEqualTo(16);
            Jp2TileRows rows = new Jp2TileRows(reader);
            // 12x12 windows, row by row: windows cross tile rows, yet each of the 4 tile rows is decoded once
            for (int y = 0; y < h; y += 12) {
                for (int x = 0; x < w; x += 12) {
                    PixelWindow win = new PixelWindow(x, y, Math.min(12, w - x), Math.min(12, h - y));
                    int[] got = rows.read(win);
                    for (int r = 0; r < win.height(); r++) {
                        for (int c = 0; c < win.width(); c++) {
                            assertThat(got[r * win.width() + c]).isEqualTo(values[(y + r) * w + x + c]);
                        }
                    }
                }
            }
            assertThat(rows.decodedRows()).isEqualTo(4);
            // random windows: same values as the decoder's own windowed read
            Random pick = new Random(11);
            for (int i = 0; i < 30; i++) {
                int x = pick.nextInt(w);
                int y = pick.nextInt(h);
                PixelWindow win = new PixelWindow(x, y, 1 + pick.nextInt(w - x), 1 + pick.nextInt(h - y));
                int[] got = rows.read(win);
                float[] direct = reader.read(win, 0).data();
                for (int k = 0; k < got.length; k++) {
                    assertThat(got[k]).isEqualTo((int) direct[k]);
                }
            }
        }
    }
}
