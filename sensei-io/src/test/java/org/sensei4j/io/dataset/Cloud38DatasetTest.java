package org.sensei4j.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.Split;
import org.sensei4j.raster.SampleType;

class Cloud38DatasetTest {

    static final String PRODUCT = "LC08_L1TP_002053_20160520_20170324_01_T1";
    static final String PATCH = "patch_1_1_by_1_" + PRODUCT;
    static final byte N = (byte) ClassScheme.NODATA;

    @TempDir
    Path root;

    /** A 2×3 patch: DN = 10000 + 100·channel + pixel; pixel 0 is a black margin (0 in every band). */
    void writePatch(String part, String patch, boolean withGt) {
        String[] ch = {"red", "green", "blue", "nir"};
        for (int c = 0; c < 4; c++) {
            int cc = c;
            float[] dn = Fixtures.values(1, 6, (b, i) -> i == 0 ? 0 : 10000 + 100 * cc + i);
            Fixtures.tif(
                    root.resolve(part + "_" + ch[c] + "/" + ch[c] + "_" + patch + ".TIF"),
                    SampleType.UINT16,
                    1,
                    2,
                    3,
                    dn,
                    null);
        }
        if (withGt) {
            Fixtures.tif(
                    root.resolve(part + "_gt/gt_" + patch + ".TIF"), SampleType.UINT8, 2, 3, 255, 0, 255, 0, 0, 255);
        }
    }

    @Test
    void readsPatchesOfTheLabelledPart() {
        writePatch("train", PATCH, true);
        writePatch("train", "patch_2_1_by_1_" + PRODUCT, true);
        writePatch("test", "patch_9_9_by_9_" + PRODUCT, false);
        Cloud38Dataset d = Cloud38Dataset.of(root);
        assertThat(d.sceneIds()).containsExactly(PATCH, "patch_2_1_by_1_" + PRODUCT);
        assertThat(d.sceneIds(Split.TRAIN)).hasSize(2);
        assertThat(d.scheme()).isEqualTo(ClassScheme.CLOUD_CLEAR);
        LabelledScene s = d.open(PATCH);
        assertThat(s.source().bandIds()).containsExactly("B4", "B3", "B2", "B5");
        assertThat(s.tags()).containsEntry("product_id", PRODUCT);
        // red pixel 1: DN 10001 → 2e-5·DN − 0.1 (no sun-elevation correction without an MTL)
        assertThat(s.scene().values().get(0, 0, 1)).isCloseTo(0.10002f, within(1e-6f));
        // nir (band 3) pixel 5: DN 10305
        assertThat(s.scene().values().get(3, 1, 2)).isCloseTo(0.1061f, within(1e-6f));
        assertThat(s.labels()).containsExactly(N, 0, 1, 0, 0, 1);
    }

    @Test
    void mtlFolderGivesExactReflectance() {
        writePatch("train", PATCH, true);
        Path mtls = Fixtures.dir(root.resolve("mtl"));
        Fixtures.text(mtls.resolve(PRODUCT + "_MTL.txt"), Fixtures.landsat8Mtl(PRODUCT));
        LabelledScene s = Cloud38Dataset.of(root).withMtlFolder(mtls).open(PATCH);
        // sun elevation 30°: (2e-5·10001 − 0.1) / 0.5
        assertThat(s.scene().values().get(0, 0, 1)).isCloseTo(0.20004f, within(1e-6f));
    }

    @Test
    void badInputGivesClearErrors() throws IOException {
        writePatch("test", PATCH, false);
        Fixtures.assertFails(() -> Cloud38Dataset.of(root), "no labelled 38-Cloud patches", "Entire_scene_gts");
        writePatch("train", PATCH, true);
        Files.delete(root.resolve("train_nir/nir_" + PATCH + ".TIF"));
        Fixtures.assertFails(() -> Cloud38Dataset.of(root).open(PATCH), "nir_" + PATCH + ".TIF is missing");
        writePatch("train", PATCH, true);
        Fixtures.tif(root.resolve("train_gt/gt_" + PATCH + ".TIF"), SampleType.UINT8, 2, 3, 0, 1, 0, 0, 0, 0);
        Fixtures.assertFails(() -> Cloud38DatasetTest.open(root, PATCH), "has code 1 at row 0, column 1", "38-Cloud");
    }

    static LabelledScene open(Path root, String id) {
        return Cloud38Dataset.of(root).open(id);
    }
}
