package org.sensei4j.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.io.testdata.SharedData;

class UkisCsmaskDatasetTest {

    @TempDir
    Path root;

    static byte[] img(int h, int w) {
        float[] v = new float[h * w * 6];
        for (int i = 0; i < h * w; i++) {
            for (int c = 0; c < 6; c++) {
                v[i * 6 + c] = (100 * c + i) / 1000f;
            }
        }
        return Fixtures.npyBytes("<f4", new long[] {h, w, 6}, Fixtures.float32(v));
    }

    @Test
    void readsSentinel2AndLandsatSamples() {
        Fixtures.npz(
                root.resolve("sentinel2.npz"),
                Map.of("img", img(2, 2), "msk", Fixtures.npyBytes("|u1", new long[] {2, 2, 1}, new byte[] {0, 1, 3, 4
                })));
        Fixtures.npz(
                root.resolve("landsat8.npz"),
                Map.of("img", img(2, 2), "msk", Fixtures.npyBytes("|u1", new long[] {2, 2, 1}, new byte[] {4, 4, 3, 0
                })));
        UkisCsmaskDataset d = UkisCsmaskDataset.of(root);
        assertThat(d.sceneIds()).containsExactly("landsat8", "sentinel2");
        LabelledScene s = d.open("sentinel2");
        assertThat(s.source().bandIds()).containsExactly("B02", "B03", "B04", "B08", "B11", "B12");
        assertThat(s.scheme()).isEqualTo(ClassScheme.CLEAR_CLOUD_SHADOW);
        // ukis: 0 shadow, 1 water, 3 clear land, 4 cloud → 2, 0, 0, 1
        assertThat(s.labels()).containsExactly(2, 0, 0, 1);
        // SWIR1 (channel 4) pixel 3 = (400 + 3) / 1000
        assertThat(s.scene().values().get(4, 1, 1)).isEqualTo(0.403f);
        LabelledScene l8 = d.open("landsat8");
        assertThat(l8.source().sensor().orElseThrow().id()).isEqualTo("landsat8");
        assertThat(l8.source().bandIds()).containsExactly("B2", "B3", "B4", "B5", "B6", "B7");
        assertThat(l8.labels()).containsExactly(1, 1, 0, 2);
    }

    @Test
    void badInputGivesClearErrors() {
        Path f = Fixtures.npz(
                root.resolve("sentinel2.npz"),
                Map.of("img", img(2, 2), "msk", Fixtures.npyBytes("|u1", new long[] {2, 2, 1}, new byte[] {0, 2, 3, 4
                })));
        Fixtures.assertFails(
                () -> UkisCsmaskDataset.of(f).open("sentinel2"),
                "sentinel2.npz!msk has code 2 at row 0, column 1",
                "not a ukis-csmask code");
        Fixtures.npz(f, Map.of("img", img(2, 2), "msk", Fixtures.npyBytes("|u1", new long[] {3, 2, 1}, new byte[6])));
        Fixtures.assertFails(() -> UkisCsmaskDataset.of(f).open("sentinel2"), "is 2×2 pixels but its mask", "2×3");
        Fixtures.npz(f, Map.of("image", img(2, 2)));
        Fixtures.assertFails(() -> UkisCsmaskDataset.of(f).open("sentinel2"), "holds arrays [image]", "'img'");
    }

    @Test
    void theRealSample() {
        Path file = SharedData.require("data/real/ukis-csmask/sentinel2.npz", "the real ukis-csmask sample");
        UkisCsmaskDataset d = UkisCsmaskDataset.of(file);
        assertThat(d.sceneIds()).containsExactly("sentinel2");
        LabelledScene s = d.open("sentinel2");
        assertThat(s.width()).isEqualTo(512);
        assertThat(s.height()).isEqualTo(512);
        assertThat(s.source().bandIds()).containsExactly("B02", "B03", "B04", "B08", "B11", "B12");
        // NumPy: np.unique(msk) = [0, 1, 3, 4] with counts [28583, 840, 183124, 49597]
        assertThat(s.classCounts()).containsExactly(840 + 183124, 49597, 28583);
        assertThat(s.nodataCount()).isZero();
        // NumPy: img[0, 0, :] = [0.1421, 0.143, 0.1388, 0.4689, 0.2772, 0.1411]
        float[] first = new float[6];
        for (int b = 0; b < 6; b++) {
            first[b] = s.scene().values().get(b, 0, 0);
        }
        assertThat(first).containsExactly(0.1421f, 0.143f, 0.1388f, 0.4689f, 0.2772f, 0.1411f);
    }
}
