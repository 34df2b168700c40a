package org.sensei4j.floor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.metrics.BinaryConfusion;
import org.sensei4j.train.sample.TrainingSample;
import org.sensei4j.train.segmentation.TrainConfig;
import org.sensei4j.train.segmentation.TrainingData;

class FloorTrainerTest {

    /** 6 synthetic 48 px scenes (Sentinel-2, Landsat 8); landsat8-005 and the bottom quarter of the rest held out. */
    static TrainConfig config(Path dir, String scheme) {
        return TrainConfig.parse(text(dir, scheme), "floor-tiny.yaml", false);
    }

    static String text(Path dir, String scheme) {
        return "name: floor-tiny\nhead: nn\nsensei: true\nclass_scheme: " + scheme + "\n"
                + "datasets:\n"
                + "  - type: synthetic\n    name: synth\n    sensors: [sentinel2, landsat8]\n    scene_count: 6\n"
                + "    size: 48\n    seed: 5\n    hold_out_scenes: [landsat8-005]\n    hold_out_bottom: 0.25\n"
                + "patch_size: 34\ncrop_size: 32\nvalidation: {tile_size: 16, max_patches: 12}\nseed: 3\n"
                + "output_dir: " + dir + "\n";
    }

    @Test
    void scenePartsSplitRowsAsTrainingDoes(@TempDir Path dir) {
        TrainingData.SceneParts parts = TrainingData.sceneParts(config(dir, "cloud"), dir);
        assertThat(parts.training()).hasSize(5);
        assertThat(parts.training()).allSatisfy(p -> {
            assertThat(p.fromRowFraction()).isZero();
            assertThat(p.toRowFraction()).isEqualTo(0.75);
        });
        // the held-out scene whole, then the bottom quarter of each training scene (as build() validates)
        assertThat(parts.heldOut()).hasSize(6);
        assertThat(parts.heldOut().get(0).sceneId()).isEqualTo("landsat8-005");
        assertThat(parts.heldOut().get(0).fromRowFraction()).isZero();
        assertThat(parts.heldOut().get(1).fromRowFraction()).isEqualTo(0.75);
        try (LabelledScene top = parts.training().get(0).open();
                LabelledScene bottom = parts.heldOut().get(1).open()) {
            assertThat(top.height()).isEqualTo(36);
            assertThat(bottom.height()).isEqualTo(12);
            assertThat(top.sceneId()).isEqualTo(bottom.sceneId());
        }
    }

    @Test
    void theValidationTilesAreThoseOfSenseiTrain(@TempDir Path dir) {
        TrainConfig cfg = config(dir, "cloud");
        List<TrainingSample> tiles =
                TrainingData.heldOutTiles(cfg, TrainingData.sceneParts(cfg, dir).heldOut(), ClassScheme.CLOUD_CLEAR);
        try (TrainingData data = TrainingData.build(cfg, dir)) {
            assertThat(tiles).hasSameSizeAs(data.validation()).hasSize(12);
            for (int i = 0; i < tiles.size(); i++) {
                assertThat(tiles.get(i).origin())
                        .isEqualTo(data.validation().get(i).origin());
                assertThat(tiles.get(i).values())
                        .isEqualTo(data.validation().get(i).values());
            }
        }
    }

    @Test
    void trainsInTheConfigSchemeAndValidatesOnTheHeldOutParts(@TempDir Path dir) {
        FloorTrainer.Result r = FloorTrainer.train(
                config(dir, "cloud-shadow"),
                dir,
                6000,
                GradientBoostedPixelClassifier.Params.defaults().withRounds(20),
                null);
        try (GradientBoostedPixelClassifier floor = r.classifier()) {
            assertThat(floor.scheme()).isEqualTo(ClassScheme.CLEAR_CLOUD_SHADOW);
            assertThat(r.schemeNote()).isNull();
            assertThat(r.heldOut().keySet()).containsExactly("synth", FloorTrainer.ALL);
            assertThat(r.tiles().keySet()).containsExactly("synth", FloorTrainer.ALL);
            BinaryConfusion all = r.heldOut().get(FloorTrainer.ALL);
            // 5 bottom quarters of 12 × 48 px and one whole 48 × 48 scene, less unlabelled pixels
            assertThat(all.total()).isPositive().isLessThanOrEqualTo(5 * 12 * 48 + 48 * 48);
            assertThat(all.overallAccuracy().value()).isGreaterThan(85);
            assertThat(floor.info().provenance())
                    .containsKeys("validation_held_out", "validation_tiles", "config_name");
            assertThat(floor.info().trainingData()).singleElement().asString().startsWith("synth: 5 scene part(s)");
            assertThat(floor.info().bandSubset()).isEqualTo(new PixelBandSubset(3, 0));
            assertThat(floor.info().provenance())
                    .containsEntry(
                            "band_subset_note",
                            "random band subsets per training pixel: 3..all bands per pixel "
                                    + "(the config's band_subset)");
        }
    }

    @Test
    void thePixelsGetTheBandSubsetsOfTheConfigUnlessItHasFixedBands(@TempDir Path dir) {
        String base = text(dir, "cloud");
        assertThat(FloorTrainer.bandSubset(config(dir, "cloud"), true)).isEqualTo(new PixelBandSubset(3, 0));
        assertThat(FloorTrainer.bandSubset(config(dir, "cloud"), false)).isNull();
        TrainConfig narrow = TrainConfig.parse(base + "band_subset: {min_bands: 4, max_bands: 6}\n", "n.yaml", false);
        assertThat(FloorTrainer.bandSubset(narrow, true)).isEqualTo(new PixelBandSubset(4, 6));
        TrainConfig fixed = TrainConfig.parse(base + "fixed_bands: [B02, B03, B04]\n", "f.yaml", false);
        assertThat(FloorTrainer.bandSubset(fixed, true)).isNull();
    }

    @Test
    void aCoarserDataSetMakesTheFloorTrainCloudVersusRest() {
        assertThat(FloorTrainer.scheme(
                        ClassScheme.CLEAR_CLOUD_SHADOW,
                        List.of(ClassScheme.CLEAR_CLOUD_SHADOW, ClassScheme.CLOUD_CLEAR)))
                .isEqualTo(ClassScheme.CLOUD_CLEAR);
        assertThat(FloorTrainer.scheme(
                        ClassScheme.CLEAR_CLOUD_SHADOW,
                        List.of(ClassScheme.CLEAR_CLOUD_SHADOW, ClassScheme.CLEAR_THIN_THICK_SHADOW)))
                .isEqualTo(ClassScheme.CLEAR_CLOUD_SHADOW);
        assertThat(FloorTrainer.scheme(ClassScheme.CLOUD_CLEAR, List.of(ClassScheme.CLEAR_CLOUD_SHADOW)))
                .isEqualTo(ClassScheme.CLOUD_CLEAR);
    }
}
