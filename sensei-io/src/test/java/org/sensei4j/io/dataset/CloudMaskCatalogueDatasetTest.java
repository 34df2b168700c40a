package org.sensei4j.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.Split;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.scene.SceneWindow;

class CloudMaskCatalogueDatasetTest {

    /** Ids from the published split: A is a test scene, B a training scene. */
    static final String A = "S2A_MSIL1C_20180101T010721_N0206_R045_T53HLD_20180101T041600";

    static final String B = "S2A_MSIL1C_20180102T084341_N0206_R064_T36TVP_20180102T110333";
    static final byte N = (byte) ClassScheme.NODATA;

    @TempDir
    Path root;

    @BeforeEach
    void writeCatalogue() {
        // 3 rows × 4 columns, 13 bands; value(band c, pixel i) = (100·c + i) / 1000
        Fixtures.npyImage(root.resolve("subscenes/" + A + ".npy"), 3, 4, 13, (c, i) -> 100 * c + i);
        Fixtures.npyImage(root.resolve("subscenes/" + B + ".npy"), 3, 4, 13, (c, i) -> 100 * c + i);
        // one-hot channels clear 0, cloud 1, shadow 2; −1 = no channel set
        Fixtures.npyOneHot(root.resolve("masks/" + A + ".npy"), 3, 4, 3, 0, 1, 2, -1, 0, 0, 1, 1, 2, 2, 0, 1);
        Fixtures.npyOneHot(root.resolve("masks/" + B + ".npy"), 3, 4, 3, 0, 1, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0);
        Fixtures.text(
                root.resolve("classification_tags.csv"),
                "index,scene,dataset,shadows_marked,snow/ice,cumulus,\"haze/fog\"\n"
                        + "0," + A + ",MAIN,1,1,0,0\n"
                        + "1," + B + ",CALIBRATION,0,0,1,1\n");
    }

    @Test
    void readsBandsValuesMasksAndTags() {
        CloudMaskCatalogueDataset d = CloudMaskCatalogueDataset.of(root);
        assertThat(d.name()).isEqualTo("s2-cloud-mask-catalogue");
        assertThat(d.sceneIds()).containsExactly(A, B);
        assertThat(d.scheme()).isEqualTo(ClassScheme.CLEAR_CLOUD_SHADOW);
        try (LabelledScene s = d.open(A)) {
            assertThat(s.sceneId()).isEqualTo(A);
            assertThat(s.dataset()).isEqualTo("s2-cloud-mask-catalogue");
            assertThat(s.width()).isEqualTo(4);
            assertThat(s.height()).isEqualTo(3);
            assertThat(s.source().bandIds())
                    .containsExactly(
                            "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10", "B11", "B12");
            assertThat(s.source().descriptors().get(8)).isEqualTo(new BandDescriptor(847.5, 864, 880.5));
            assertThat(s.source().resolutionM()).hasValue(20.0);
            // B8A (channel 8), row 1, column 1 = pixel 5: (800 + 5) / 1000
            assertThat(s.scene().values().get(8, 1, 1)).isEqualTo(0.805f);
            assertThat(s.scene().values().get(0, 2, 3)).isEqualTo(0.011f);
            assertThat(s.scheme()).isEqualTo(ClassScheme.CLEAR_CLOUD_SHADOW);
            assertThat(s.labels()).containsExactly(0, 1, 2, N, 0, 0, 1, 1, 2, 2, 0, 1);
            assertThat(s.tags())
                    .containsEntry("dataset", "MAIN")
                    .containsEntry("shadows_marked", "1")
                    .containsEntry("haze/fog", "0")
                    .doesNotContainKey("index")
                    .doesNotContainKey("scene");
            assertThat(s.hasTag("snow/ice")).isTrue();
            assertThat(s.hasTag("cumulus")).isFalse();
        }
    }

    @Test
    void scenesWithoutShadowLabelsComeInTheCloudScheme() {
        LabelledScene s = CloudMaskCatalogueDataset.of(root).open(B);
        assertThat(s.scheme()).isEqualTo(ClassScheme.CLOUD_CLEAR);
        // shadow (2) becomes clear (0): unlabelled shadow cannot be told from clear
        assertThat(s.labels()).containsExactly(0, 1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0);
        assertThat(s.hasTag("cumulus")).isTrue();
    }

    @Test
    void nonFiniteReflectanceIsNodataWithNodataLabel() {
        float[] v = new float[3 * 4 * 13];
        v[13 * 2 + 4] = Float.NaN; // pixel 2, band 4
        Fixtures.npy(root.resolve("subscenes/" + A + ".npy"), "<f4", new long[] {3, 4, 13}, Fixtures.float32(v));
        LabelledScene s = CloudMaskCatalogueDataset.of(root).open(A);
        assertThat(s.scene().invalid()[2]).isEqualTo(SceneWindow.NODATA);
        assertThat(s.scene().values().get(4, 0, 2)).isZero();
        assertThat(s.labels()[2]).isEqualTo(N);
        assertThat(s.labels()[1]).isEqualTo((byte) 1);
    }

    @Test
    void splitMembershipFromASplitFolder() {
        Path splits = Fixtures.dir(root.resolve("splits"));
        Fixtures.text(splits.resolve("train.csv"), B + "\n");
        Fixtures.text(splits.resolve("test.csv"), A + "\nS2B_NOT_DOWNLOADED\n");
        CloudMaskCatalogueDataset d = CloudMaskCatalogueDataset.of(root).withSplits(splits);
        assertThat(d.split(A)).contains(Split.TEST);
        assertThat(d.sceneIds(Split.TRAIN)).containsExactly(B);
        assertThat(d.sceneIds(Split.TEST)).containsExactly(A);
        assertThat(d.sceneIds(Split.VALIDATION)).isEmpty();
        assertThat(d.splits().missingFrom(d.sceneIds())).containsExactly("S2B_NOT_DOWNLOADED");
    }

    @Test
    void thePublishedSplit() {
        Path splits = Fixtures.SHARED.resolve("data/splits/sentinel2-cloud-mask-catalogue");
        Assumptions.assumeTrue(Files.isDirectory(splits), "../shared absent: skipping the published split");
        CloudMaskCatalogueDataset d = CloudMaskCatalogueDataset.of(root).withSplits(splits);
        assertThat(d.split(A)).contains(Split.TEST);
        assertThat(d.split(B)).contains(Split.TRAIN);
        assertThat(d.splits().counts().values()).containsExactly(205, 51, 257);
    }

    @Test
    void badInputGivesClearErrors() {
        CloudMaskCatalogueDataset d = CloudMaskCatalogueDataset.of(root);
        Fixtures.assertFails(() -> d.open("S2X_UNKNOWN"), "has no scene 'S2X_UNKNOWN'", "2 scenes");

        // mask of another size
        Fixtures.npyOneHot(root.resolve("masks/" + A + ".npy"), 2, 4, 3, 0, 0, 0, 0, 0, 0, 0, 0);
        Fixtures.assertFails(() -> d.open(A), "is 4×3 pixels but its mask", "is 4×2");

        // two channels set
        Fixtures.npy(root.resolve("masks/" + A + ".npy"), "|b1", new long[] {1, 4, 3}, new byte[] {
            1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        });
        Fixtures.npyImage(root.resolve("subscenes/" + A + ".npy"), 1, 4, 13, (c, i) -> 1);
        Fixtures.assertFails(() -> d.open(A), A + ".npy", "not one-hot");

        // wrong band count
        Fixtures.npyImage(root.resolve("subscenes/" + B + ".npy"), 3, 4, 12, (c, i) -> 1);
        Fixtures.assertFails(() -> d.open(B), "shape [3, 4, 12]", "13 bands");

        // truncated subscene
        Fixtures.npyImage(root.resolve("subscenes/" + B + ".npy"), 3, 4, 13, (c, i) -> 1);
        Fixtures.truncate(root.resolve("subscenes/" + B + ".npy"), 300);
        Fixtures.assertFails(() -> d.open(B), B + ".npy", "truncated");

        // missing mask
        try {
            Files.delete(root.resolve("masks/" + B + ".npy"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Fixtures.assertFails(() -> d.open(B), "mask file", "is missing");
    }

    @Test
    void missingFoldersNameTheLayout() {
        Fixtures.assertFails(() -> CloudMaskCatalogueDataset.of(root.resolve("nothing")), "subscenes/<id>.npy");
        Fixtures.assertFails(
                () -> CloudMaskCatalogueDataset.of(
                        Fixtures.dir(root.resolve("empty/subscenes")).getParent()),
                "no s2-cloud-mask-catalogue scene found");
    }
}
