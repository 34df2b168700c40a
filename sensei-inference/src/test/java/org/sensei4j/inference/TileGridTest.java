package org.sensei4j.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.sensei4j.raster.PixelWindow;

class TileGridTest {

    @Test
    void tilesCoverEveryPixelWithPositiveWeightForManySizes() {
        Random rnd = new Random(77);
        for (int trial = 0; trial < 200; trial++) {
            int w = 1 + rnd.nextInt(700);
            int h = 1 + rnd.nextInt(700);
            int tile = 33 + rnd.nextInt(300);
            int overlap = rnd.nextInt(tile / 2);
            TileGrid g = new TileGrid(w, h, tile, overlap);
            float[] cover = new float[w * h];
            for (int r = 0; r < g.rows(); r++) {
                for (int c = 0; c < g.columns(); c++) {
                    PixelWindow win = g.window(r, c);
                    assertThat(win.x() + win.width()).isLessThanOrEqualTo(w);
                    assertThat(win.y() + win.height()).isLessThanOrEqualTo(h);
                    float[] wt = g.weights(win);
                    for (int y = 0; y < win.height(); y++) {
                        for (int x = 0; x < win.width(); x++) {
                            float v = wt[y * win.width() + x];
                            assertThat(v).isBetween(0f, 1f);
                            cover[(win.y() + y) * w + win.x() + x] += v;
                        }
                    }
                }
                if (r + 1 < g.rows()) {
                    // consecutive tile rows never skip rows and never jump more than a tile
                    assertThat(g.rowOrigin(r + 1) - g.rowOrigin(r)).isBetween(1, tile);
                }
            }
            for (float v : cover) {
                assertThat(v).isGreaterThan(0f);
            }
        }
    }

    @Test
    void weightsFallOffOnlyAtInnerEdges() {
        TileGrid g = new TileGrid(200, 100, 100, 20);
        PixelWindow first = g.window(0, 0);
        float[] w = g.weights(first);
        assertThat(w[50 * first.width()]).isEqualTo(1f); // scene's left edge: no ramp
        int width = first.width(); // 80: two tiles of 100 px would not cover 200 px with 20 px overlap, three of 80 do
        assertThat(width).isEqualTo(80);
        assertThat(w[50 * width + width - 1]).isCloseTo(0.5f / 20, Offset.offset(1e-6f)); // inner edge
        assertThatThrownBy(() -> new TileGrid(10, 10, 64, 32)).hasMessageContaining("less than half the tile");
    }

    @Test
    void tilesAreTheShortestThatCoverWithTheFewestTilesAndStillOverlapFully() {
        TileGrid s2 = new TileGrid(5490, 5490, 512, 64);
        assertThat(s2.columns()).isEqualTo(13);
        assertThat(s2.window(0, 0).width()).isEqualTo(482); // ceil((5490 - 64) / 13) + 64
        assertThat(s2.window(0, 12).x()).isEqualTo(5490 - 482);
        TileGrid small = new TileGrid(2048, 300, 512, 64);
        assertThat(small.columns()).isEqualTo(5);
        assertThat(small.window(0, 0).width()).isEqualTo(461);
        assertThat(small.rows()).isEqualTo(1);
        assertThat(small.window(0, 0).height()).isEqualTo(300);
        Random rnd = new Random(5);
        for (int trial = 0; trial < 500; trial++) {
            int size = 1 + rnd.nextInt(6000);
            int tile = 33 + rnd.nextInt(1000);
            int overlap = rnd.nextInt(tile / 2);
            TileGrid g = new TileGrid(size, 1, tile, overlap);
            int fewest = size <= tile ? 1 : (size - overlap + tile - overlap - 1) / (tile - overlap);
            assertThat(g.columns()).isEqualTo(fewest);
            int length = g.window(0, 0).width();
            assertThat(length).isLessThanOrEqualTo(tile);
            for (int c = 0; c + 1 < g.columns(); c++) {
                // neighbours share at least the overlap, so every seam is blended over the full ramp
                assertThat(g.window(0, c).x() + length - g.window(0, c + 1).x()).isGreaterThanOrEqualTo(overlap);
            }
            assertThat(g.window(0, g.columns() - 1).x() + length).isEqualTo(size);
        }
    }
}
