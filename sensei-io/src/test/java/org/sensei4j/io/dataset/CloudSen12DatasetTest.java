package org.sensei4j.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.raster.SampleType;

class CloudSen12DatasetTest {

    static final String IP = "ROI_0001/20190212T142031_20190212T143214_T19FDF";

    @TempDir
    Path root;

    @Test
    void readsThirteenBandsAndFullSchemeLabels() {
        Path dir = root.resolve(IP);
        // DN = 1000 + 100·band + pixel; pixel 3 is 0 (no data) in every band
        Fixtures.tif(
                dir.resolve("S2L1C.tif"),
                SampleType.UINT16,
                13,
                2,
                2,
                Fixtures.values(13, 4, (b, i) -> i == 3 ? 0 : 1000 + 100 * b + i),
                0.0);
        // CloudSEN12: 0 clear, 1 thick, 2 thin, 3 shadow
        Fixtures.tif(dir.resolve("labels/manual_hq.tif"), SampleType.UINT8, 2, 2, 3, 1, 2, 0);
        CloudSen12Dataset d = CloudSen12Dataset.of(root);
        assertThat(d.sceneIds()).containsExactly(IP);
        assertThat(d.scheme()).isEqualTo(ClassScheme.CLEAR_THIN_THICK_SHADOW);
        LabelledScene s = d.open(IP);
        assertThat(s.tags()).containsEntry("roi", "ROI_0001");
        assertThat(s.source().bandIds()).hasSize(13).startsWith("B01").contains("B8A", "B12");
        // B8A (band 8) pixel 1: DN 1801 → 0.1801
        assertThat(s.scene().values().get(8, 0, 1)).isEqualTo((float) (1801 * 1e-4));
        // full: 0 clear, 1 thin, 2 thick, 3 shadow; pixel 3 has no data
        assertThat(s.labels()).containsExactly(3, 2, 1, ClassScheme.NODATA);
    }

    @Test
    void wrongBandCountIsAnError() {
        Path dir = root.resolve(IP);
        Fixtures.tif(dir.resolve("S2L1C.tif"), SampleType.UINT16, 12, 2, 2, new float[48], null);
        Fixtures.tif(dir.resolve("labels/manual_hq.tif"), SampleType.UINT8, 2, 2, 0, 0, 0, 0);
        Fixtures.assertFails(
                () -> CloudSen12Dataset.of(root).open(IP), "has 12 band(s) but band B12 is expected as band 13");
    }
}
