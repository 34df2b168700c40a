package org.sensei4j.train.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.train.sample.TrainingSample;

class TrainingDataTest {

    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void heldOutScenesAndBottomRowsBecomeValidationTiles() {
        TrainConfig c = TinyTrainConfigs.tiny(TMP.resolve("unused"), TinyTrainConfigs.SENSEI_NN, 1, 1, "")
                .withDatasets(List.of(DatasetConfig.synthetic("synth", List.of("sentinel2", "landsat8"), 4, 48, 5)
                        .withHoldOut(List.of("landsat8-003"), 0.25)));
        try (TrainingData data = TrainingData.build(c, TMP)) {
            TrainingData.Part p = data.parts().get(0);
            assertThat(p.trainScenes()).containsExactly("sentinel2-000", "landsat8-001", "sentinel2-002");
            assertThat(p.validationScenes()).containsExactly("landsat8-003");
            assertThat(p.trainRowFraction()).isEqualTo(0.75);
            assertThat(p.bands())
                    .startsWith("sentinel2:B01")
                    .contains("sentinel2:B8A", "landsat8:B10")
                    .doesNotContain("landsat8:B8")
                    .hasSize(13 + 10);
            // bottom quarter of each 48 px training scene: 12 rows -> four 12 px tiles each; the held-out scene:
            // nine 16 px tiles; 21 candidates, 12 kept (max_patches), in region order
            List<TrainingSample> v = data.validation();
            assertThat(v).hasSize(12);
            for (TrainingSample s : v) {
                assertThat(s.scheme()).isEqualTo(ClassScheme.CLOUD_CLEAR);
                PixelWindow w = s.origin().window();
                if (s.origin().sceneId().equals("landsat8-003")) {
                    assertThat(s.size()).isEqualTo(16);
                    assertThat(s.bandCount()).isEqualTo(10); // Landsat 8 without panchromatic
                } else {
                    assertThat(s.size()).isEqualTo(12);
                    assertThat(w.y()).isEqualTo(36); // never a training row
                }
            }
            assertThat(v.stream().map(s -> s.origin().sceneId()).distinct().collect(Collectors.toList()))
                    .isSubsetOf("sentinel2-000", "landsat8-001", "sentinel2-002", "landsat8-003");
            // training samples come from the top 36 rows only
            SplittableRandom r = new SplittableRandom(1);
            for (int i = 0; i < 20; i++) {
                TrainingSample s = data.training().next(r);
                assertThat(s.origin().sceneId()).isNotEqualTo("landsat8-003");
                assertThat(s.origin().window().endY()).isLessThanOrEqualTo(36);
            }
            assertThat(data.describe())
                    .singleElement()
                    .asString()
                    .isEqualTo("synth (synthetic): trained on 3 "
                            + "scene(s) [sentinel2-000, landsat8-001, sentinel2-002], top 75% of the rows of "
                            + "each; held out "
                            + "for validation: 1 scene(s) [landsat8-003] and the bottom 25% of the rows of "
                            + "each training scene");
        }
    }

    @Test
    void theValidationTilesAreTheSameEveryTime() {
        TrainConfig c = TinyTrainConfigs.tiny(TMP.resolve("unused"), TinyTrainConfigs.SENSEI_NN, 1, 1, "");
        try (TrainingData a = TrainingData.build(c, TMP);
                TrainingData b = TrainingData.build(c, TMP)) {
            assertThat(a.validation()).isEqualTo(b.validation());
        }
    }

    @Test
    void syntheticScenesCarryTheirSensorsBandsAndFullSchemeTruth() {
        SyntheticDataset ds = new SyntheticDataset("s", List.of("landsat8", "landsat7"), 3, 32, 9);
        assertThat(ds.sceneIds()).containsExactly("landsat8-000", "landsat7-001", "landsat8-002");
        try (LabelledScene l8 = ds.open("landsat8-000");
                LabelledScene l7 = ds.open("landsat7-001")) {
            assertThat(l8.scheme()).isEqualTo(ClassScheme.CLEAR_THIN_THICK_SHADOW);
            assertThat(l8.source().bands())
                    .extracting(b -> b.id())
                    .containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B9", "B10", "B11");
            assertThat(l7.source().bands())
                    .extracting(b -> b.id())
                    .containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7");
            // thermal bands are normalised brightness temperature: minimum 0, 95th percentile 1
            float[] b10 = l8.scene().values().band(8);
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float f : b10) {
                min = Math.min(min, f);
                max = Math.max(max, f);
            }
            assertThat(min).isZero();
            assertThat(max).isGreaterThanOrEqualTo(1f);
            long[] counts = l8.classCounts();
            assertThat(counts[0] + counts[1] + counts[2] + counts[3]).isEqualTo(32 * 32);
        }
        // the same scene again is the same
        try (LabelledScene a = ds.open("landsat7-001");
                LabelledScene b =
                        new SyntheticDataset("s", List.of("landsat8", "landsat7"), 3, 32, 9).open("landsat7-001")) {
            assertThat(a.labels()).isEqualTo(b.labels());
            assertThat(a.scene().values()).isEqualTo(b.scene().values());
        }
        assertThatThrownBy(() -> ds.open("modis-000"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("landsat8-000 .. landsat8-002");
    }

    @Test
    void unknownHeldOutScenesAndEmptyTrainingSetsAreErrors() {
        TrainConfig base = TinyTrainConfigs.tiny(TMP.resolve("unused"), TinyTrainConfigs.SENSEI_NN, 1, 1, "");
        DatasetConfig synth = DatasetConfig.synthetic("synth", List.of("sentinel2"), 2, 48, 5);
        assertThatThrownBy(() -> TrainingData.build(
                        base.withDatasets(List.of(synth.withHoldOut(List.of("sentinel2-009"), 0))), TMP))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("hold_out_scenes names scene(s) [sentinel2-009] that it does not have");
        assertThatThrownBy(() -> TrainingData.build(
                        base.withDatasets(List.of(synth.withHoldOut(List.of("sentinel2-000", "sentinel2-001"), 0))),
                        TMP))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("data set 'synth' has no training scenes left");
        assertThatThrownBy(() -> TrainingData.build(base.withDatasets(List.of(synth.withHoldOut(List.of(), 0.5))), TMP))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(
                        "is 48×24 px after holding out the bottom 0.5 of its rows, smaller than " + "crop_size 32");
    }

    @Test
    void fixedBandModelsNeedTheirBandsInEveryDataSet() {
        TrainConfig c = TinyTrainConfigs.tiny(
                        TMP.resolve("unused"), "head: nn\nsensei: false\n" + "fixed_bands: [B02|B2, B8A]\n", 1, 1, "")
                .withDatasets(List.of(DatasetConfig.synthetic("l8", List.of("landsat8"), 2, 48, 5)));
        assertThatThrownBy(() -> TrainingData.build(c, TMP))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("data set 'l8' (scene landsat8-000, bands [B1, B2, B3")
                .hasMessageContaining("lacks the fixed band(s) [B8A]");
    }

    @Test
    void realDataHoldOutsFollowTheShippedConfig() {
        Path root = ShippedConfigsTest.ROOT;
        Assumptions.assumeTrue(
                Files.isDirectory(ShippedConfigsTest.SHARED.resolve("data/real")),
                "../shared absent: skipping the real-data hold-out check");
        TrainConfig c = TrainConfig.load(ShippedConfigsTest.CONFIGS.resolve("real-sensei-nn.yaml"));
        TrainConfig real = c.withDatasets(c.datasets().subList(0, 2)); // ukis and On Cloud N, no synthetic
        try (TrainingData data = TrainingData.build(real, root)) {
            TrainingData.Part ukis = data.parts().get(0);
            assertThat(ukis.trainScenes()).containsExactly("sentinel2");
            assertThat(ukis.heldOutBottom()).isEqualTo(0.25);
            TrainingData.Part chips = data.parts().get(1);
            assertThat(chips.trainScenes()).containsExactly("chip_id_1", "chip_id_2", "chip_id_3", "chip_id_4");
            assertThat(chips.validationScenes()).containsExactly("chip_id_5");
            List<TrainingSample> v = data.validation();
            List<TrainingSample> fromUkis = v.stream()
                    .filter(s -> s.origin().dataset().equals("ukis-csmask"))
                    .toList();
            assertThat(fromUkis).hasSize(4);
            assertThat(fromUkis).allSatisfy(s -> {
                assertThat(s.size()).isEqualTo(128);
                assertThat(s.origin().window().y()).isEqualTo(384);
                assertThat(s.bandCount()).isEqualTo(6);
            });
            List<TrainingSample> fromChips = v.stream()
                    .filter(s -> s.origin().dataset().equals("on-cloud-n"))
                    .toList();
            assertThat(fromChips)
                    .isNotEmpty()
                    .hasSizeLessThanOrEqualTo(16)
                    .allSatisfy(s -> assertThat(s.origin().sceneId()).isEqualTo("chip_id_5"));
            // training draws never touch the held-out rows or chip
            SplittableRandom r = new SplittableRandom(2);
            for (int i = 0; i < 10; i++) {
                TrainingSample s = data.training().next(r);
                assertThat(s.origin().sceneId()).isNotEqualTo("chip_id_5");
                if (s.origin().dataset().equals("ukis-csmask")) {
                    assertThat(s.origin().window().endY()).isLessThanOrEqualTo(384);
                }
            }
        }
    }
}
