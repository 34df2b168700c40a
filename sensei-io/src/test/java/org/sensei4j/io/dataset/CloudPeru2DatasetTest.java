package org.sensei4j.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.Split;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.raster.SampleType;

class CloudPeru2DatasetTest {

    @TempDir
    Path root;

    /** A 2×3 tile, 4 bands (red, green, blue, NIR) of value 10·band + pixel + 1, and its 0/255 mask. */
    void writeTile(Path base, String tile, SampleType type, float... mask) {
        Fixtures.tif(
                base.resolve("images/" + tile + ".tif"),
                type,
                4,
                2,
                3,
                Fixtures.values(4, 6, (b, i) -> 10 * b + i + 1),
                null);
        Fixtures.tif(base.resolve("masks/" + tile + "_Mask.tif"), SampleType.UINT8, 2, 3, mask);
    }

    @Test
    void splitFoldersGiveIdsAndSplits() {
        writeTile(root.resolve("train"), "PER1_20180101_a", SampleType.UINT8, 0, 255, 255, 0, 0, 255);
        writeTile(root.resolve("val"), "PER1_20180202_b", SampleType.UINT8, 255, 255, 255, 255, 255, 255);
        CloudPeru2Dataset d = CloudPeru2Dataset.of(root);
        assertThat(d.sceneIds()).containsExactly("train/PER1_20180101_a", "val/PER1_20180202_b");
        assertThat(d.split("train/PER1_20180101_a")).contains(Split.TRAIN);
        assertThat(d.sceneIds(Split.VALIDATION)).containsExactly("val/PER1_20180202_b");
        assertThat(d.scheme()).isEqualTo(ClassScheme.CLOUD_CLEAR);
        LabelledScene s = d.open("train/PER1_20180101_a");
        assertThat(s.source().bandIds()).containsExactly("B3", "B2", "B1", "B4");
        assertThat(s.source().descriptors().get(0)).isEqualTo(new BandDescriptor(630, 665, 700));
        assertThat(s.source().sensor().orElseThrow().id()).isEqualTo("perusat1");
        assertThat(s.source().resolutionM()).hasValue(2.8);
        // NIR (band 3), row 1, column 2 = pixel 5: (30 + 5 + 1) / 255
        assertThat(s.scene().values().get(3, 1, 2)).isEqualTo((float) (36 * (1.0 / 255)));
        assertThat(s.labels()).containsExactly(0, 1, 1, 0, 0, 1);
        assertThat(d.open("val/PER1_20180202_b").labels()).containsExactly(1, 1, 1, 1, 1, 1);
    }

    @Test
    void flatLayout() {
        writeTile(root, "tile", SampleType.UINT8, 0, 0, 0, 0, 0, 255);
        CloudPeru2Dataset d = CloudPeru2Dataset.of(root);
        assertThat(d.sceneIds()).containsExactly("tile");
        assertThat(d.splits().isEmpty()).isTrue();
        assertThat(d.open("tile").classCounts()).containsExactly(5, 1);
    }

    @Test
    void badInputGivesClearErrors() {
        writeTile(root, "wide", SampleType.UINT16, 0, 0, 0, 0, 0, 0);
        writeTile(root, "ones", SampleType.UINT8, 0, 1, 0, 0, 0, 0);
        CloudPeru2Dataset d = CloudPeru2Dataset.of(root);
        Fixtures.assertFails(() -> d.open("wide"), "holds UInt16 values", "withConverter");
        assertThat(d.withConverter(DigitalNumberConverter.linear(1e-4, 0))
                        .open("wide")
                        .scene()
                        .values()
                        .get(0, 0, 0))
                .isEqualTo(1e-4f);
        Fixtures.assertFails(
                () -> d.open("ones"), "ones_Mask.tif has code 1 at row 0, column 1", "not a CloudPeru2 code");
        assertThat(d.withMapping(ClassCodeMapping.of("clear=0;cloud=1"))
                        .open("ones")
                        .labels())
                .containsExactly(0, 1, 0, 0, 0, 0);
        Fixtures.tif(root.resolve("masks/ones_Mask.tif"), SampleType.UINT8, 1, 3, 0, 0, 0);
        Fixtures.assertFails(() -> d.open("ones"), "is 3×2 pixels but its mask", "3×1");
    }
}
