package org.sensei4j.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.raster.SampleType;

class Landsat7IrishDatasetTest {

    static final String PREFIX = "L71226098_09820011112";
    static final byte N = (byte) ClassScheme.NODATA;

    @TempDir
    Path root;

    /**
     * A 2×4 scene with the data set's band names: B10…B50, B70 on the 30 m grid (DN 100 + 10·band + pixel),
     * B61/B62 on a 1×2 grid (60 m), B80 on a 4×8 grid; pixel 0 is fill (DN 0) in B1.
     */
    Path writeScene(String zone, String path) {
        Path dir = Fixtures.dir(root.resolve(zone).resolve(path));
        for (int b : new int[] {1, 2, 3, 4, 5, 7}) {
            float[] dn = Fixtures.values(1, 8, (k, i) -> 100 + 10 * b + i);
            if (b == 1) {
                dn[0] = 0;
            }
            Fixtures.tif(dir.resolve(PREFIX + "_B" + b + "0.TIF"), SampleType.UINT8, 1, 2, 4, dn, null);
        }
        Fixtures.tif(dir.resolve(PREFIX + "_B61.TIF"), SampleType.UINT8, 1, 1, 2, new float[] {150, 160}, null);
        Fixtures.tif(dir.resolve(PREFIX + "_B62.TIF"), SampleType.UINT8, 1, 1, 2, new float[] {1, 1}, null);
        Fixtures.tif(dir.resolve(PREFIX + "_B80.TIF"), SampleType.UINT8, 1, 4, 8, new float[32], null);
        Fixtures.text(
                dir.resolve("LE07_L1TP_226098_20011112_20170202_01_T1_MTL.txt"),
                Fixtures.landsat7Mtl("LE07_L1TP_226098_20011112_20170202_01_T1"));
        return dir;
    }

    @Test
    void usgsCodingWhenTheCornerIsFill() {
        Path dir = writeScene("Austral", "p226_r98");
        Fixtures.tif(dir.resolve(PREFIX + "_mask2019.TIF"), SampleType.UINT8, 2, 4, 0, 64, 128, 192, 255, 128, 0, 64);
        Landsat7IrishDataset d = Landsat7IrishDataset.of(root);
        assertThat(d.sceneIds()).containsExactly("Austral/p226_r98");
        try (LabelledScene s = d.open("Austral/p226_r98")) {
            assertThat(s.tags()).containsEntry("latitude_zone", "Austral").containsEntry("mask_coding", "l7-irish");
            assertThat(s.scheme()).isEqualTo(ClassScheme.CLEAR_THIN_THICK_SHADOW);
            assertThat(s.labels()).containsExactly(N, 3, 0, 1, 2, 0, N, 3);
            assertThat(s.source().bandIds()).containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7");
            LabelledScene all = s.load();
            // B2 pixel 1: DN 121 → (1e-3·121 − 0.005) / sin 30°
            assertThat(all.scene().values().get(1, 0, 1)).isCloseTo(0.232f, within(1e-6f));
            // B6 from the 60 m file: columns 0–1 take DN 150, columns 2–3 DN 160, in both rows
            double bt150 = Fixtures.bt(0.067087 * 150 - 0.06709, 666.09, 1282.71);
            double bt160 = Fixtures.bt(0.067087 * 160 - 0.06709, 666.09, 1282.71);
            assertThat(all.scene().values().get(5, 1, 1)).isCloseTo((float) ((bt150 - 169) / 83), within(1e-5f));
            assertThat(all.scene().values().get(5, 1, 2)).isCloseTo((float) ((bt160 - 169) / 83), within(1e-5f));
            assertThat(all.scene().values().get(5, 0, 3)).isCloseTo((float) ((bt160 - 169) / 83), within(1e-5f));
        }
    }

    @Test
    void otherCodingWhenTheCornerIsNotFill() {
        Path dir = writeScene("Boreal", "p108_r18");
        // 0 shadow, 128 cloud, 192 thin cloud, 255 clear (or fill: pixel 0 has DN 0 in B1)
        Fixtures.tif(dir.resolve(PREFIX + "_mask2019.TIF"), SampleType.UINT8, 2, 4, 255, 0, 128, 192, 255, 255, 0, 128);
        try (LabelledScene s = Landsat7IrishDataset.of(root).open("Boreal/p108_r18")) {
            assertThat(s.tags()).containsEntry("mask_coding", "l7-irish-alt");
            assertThat(s.labels()).containsExactly(0, 3, 2, 1, 0, 0, 3, 2);
            // reading the bands finds the fill
            assertThat(s.load().labels()).containsExactly(N, 3, 2, 1, 0, 0, 3, 2);
        }
        // a fixed mapping overrides the per-scene choice
        try (LabelledScene s = Landsat7IrishDataset.of(root)
                .withMapping(ClassCodeMapping.L7_IRISH)
                .withConverter(DigitalNumberConverter.IDENTITY)
                .open("Boreal/p108_r18")) {
            assertThat(s.labels()).containsExactly(2, N, 0, 1, 2, 2, N, 0);
            assertThat(s.scene().values().get(6, 1, 3)).isEqualTo(177f);
        }
    }
}
