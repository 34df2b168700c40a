package org.sensei4j.train.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.cloud.BandSpec;
import org.sensei4j.model.head.HeadConfig;
import org.sensei4j.train.sample.AugmentationConfig;
import org.sensei4j.train.sample.BandSubsetConfig;

class TrainConfigTest {

    private static final String MINIMAL = """
            name: m
            head: deeplabv3plus
            sensei: true
            datasets:
              - {type: sparcs, path: /data/sparcs}
            """;

    private static TrainConfig parse(String yaml) {
        return TrainConfig.parse(yaml, "test.yaml", false);
    }

    @Test
    void leftOutKeysTakeThePapersValues() {
        TrainConfig c = parse(MINIMAL);
        assertThat(c.name()).isEqualTo("m");
        assertThat(c.head()).isEqualTo("deeplabv3plus");
        assertThat(c.sensei()).isTrue();
        assertThat(c.senseiWeights()).isNull();
        assertThat(c.scheme()).isEqualTo(ClassScheme.CLOUD_CLEAR);
        assertThat(c.patchSize()).isEqualTo(263);
        assertThat(c.cropSize()).isEqualTo(257);
        assertThat(c.batchSize()).isEqualTo(8);
        assertThat(c.stepsPerEpoch()).isEqualTo(1000);
        assertThat(c.epochs()).isEqualTo(200);
        assertThat(c.optimiser()).isEqualTo(OptimiserConfig.defaults());
        assertThat(c.optimiser().type()).isEqualTo("sgd");
        assertThat(c.optimiser().learningRate()).isEqualTo(1e-3);
        assertThat(c.optimiser().momentum()).isEqualTo(0.99);
        assertThat(c.lrSchedule()).isEqualTo(new LrScheduleConfig(0.25, 3, 2e-5, 0, "train_loss"));
        assertThat(c.augmentation()).isEqualTo(AugmentationConfig.defaults());
        assertThat(c.bandSubset()).isEqualTo(BandSubsetConfig.defaults());
        assertThat(c.validation()).isEqualTo(ValidationConfig.defaults());
        assertThat(c.validationTileSize()).isEqualTo(257);
        assertThat(c.seed()).isEqualTo(1L);
        assertThat(c.output()).isEqualTo("runs/m");
        assertThat(c.keepCheckpoints()).isEqualTo(2);
        DatasetConfig d = c.datasets().get(0);
        assertThat(d.name()).isEqualTo("sparcs");
        assertThat(d.weight()).isEqualTo(1.0);
        assertThat(d.holdOutScenes()).isEmpty();
        assertThat(d.holdOutBottom()).isZero();
        assertThat(d.maxOpen()).isEqualTo(8);
        assertThat(c.verbatim())
                .containsEntry("name", "m")
                .containsEntry("head", "deeplabv3plus")
                .doesNotContainKey("epochs");
    }

    @Test
    void nestedSettingsAreRead() {
        TrainConfig c = parse(MINIMAL + """
                optimiser: {type: adam, learning_rate: 2.0e-4, beta2: 0.99}
                lr_schedule: {patience: 5, monitor: val_loss}
                augmentation: {noise_probability: 0, saturation_probability: 0.3}
                band_subset: {min_bands: 4, max_bands: 8}
                validation: {every_epochs: 2, tile_size: 128, max_patches: 10}
                class_scheme: cloud-shadow
                output_dir: /tmp/x
                """);
        assertThat(c.optimiser().type()).isEqualTo("adam");
        assertThat(c.optimiser().learningRate()).isEqualTo(2e-4);
        assertThat(c.optimiser().beta1()).isEqualTo(0.9);
        assertThat(c.optimiser().beta2()).isEqualTo(0.99);
        assertThat(c.lrSchedule().patience()).isEqualTo(5);
        assertThat(c.lrSchedule().factor()).isEqualTo(0.25);
        assertThat(c.lrSchedule().monitor()).isEqualTo("val_loss");
        assertThat(c.augmentation().noiseProbability()).isZero();
        assertThat(c.augmentation().saturationProbability()).isEqualTo(0.3);
        assertThat(c.augmentation().horizontalFlipProbability()).isEqualTo(0.5);
        assertThat(c.bandSubset().minBands()).isEqualTo(4);
        assertThat(c.bandSubset().maxBands()).isEqualTo(8);
        assertThat(c.validation().everyEpochs()).isEqualTo(2);
        assertThat(c.validationTileSize()).isEqualTo(128);
        assertThat(c.validation().maxPatches()).isEqualTo(10);
        assertThat(c.scheme()).isEqualTo(ClassScheme.CLEAR_CLOUD_SHADOW);
        assertThat(c.outputDir(Path.of("/work"))).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void unknownKeysAreRejectedNamingTheKeyAndTheAllowedOnes() {
        assertThatThrownBy(() -> parse(MINIMAL + "learning_rat: 0.1\n"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining("unknown key 'learning_rat'")
                .hasMessageContaining("optimiser")
                .hasMessageContaining("steps_per_epoch");
        assertThatThrownBy(() -> parse(MINIMAL.replace("path: /data/sparcs", "pth: /data/sparcs")))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("unknown key 'datasets[0].pth'")
                .hasMessageContaining("hold_out_bottom");
        assertThatThrownBy(() -> parse(MINIMAL + "optimiser: {type: sgd, momentun: 0.9}\n"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("unknown key 'optimiser.momentun'")
                .hasMessageContaining("momentum");
        assertThatThrownBy(() -> parse(MINIMAL + "augmentation: {flip: 0.5}\n"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("unknown key 'augmentation.flip'")
                .hasMessageContaining("horizontal_flip_probability");
        // the text a config was read from is no key of it
        assertThatThrownBy(() -> parse(MINIMAL + "verbatim: {name: x}\n"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("unknown key 'verbatim'")
                .hasMessageNotContaining("verbatim,");
    }

    @Test
    void badValuesAreRejectedWithTheFix() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("deeplabv3plus", "unet")))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("head 'unet' is unknown")
                .hasMessageContaining("[nn, deeplabv3plus]");
        assertThatThrownBy(() -> parse(MINIMAL + "batch_size: 1\n"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("batch_size 1 is too small for deeplabv3plus");
        assertThatThrownBy(() -> parse(MINIMAL.replace("sensei: true", "sensei: false")))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("needs fixed_bands");
        assertThatThrownBy(() -> parse(MINIMAL.replace("sensei: true", "sensei: false\nfixed_bands: [B02, B13]")))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("fixed band 'B13' is not a band of sentinel2");
        assertThatThrownBy(() -> parse(MINIMAL.replace("sparcs,", "modis,")))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("datasets[0]")
                .hasMessageContaining("unknown data set type 'modis'");
        assertThatThrownBy(() -> parse(MINIMAL + "patch_size: 100\ncrop_size: 128\n"))
                .hasMessageContaining("patch_size 100 px is smaller than crop_size 128");
        assertThatThrownBy(() -> parse(MINIMAL.replace("path: /data/sparcs", "path: /d, hold_out_bottom: 1.5")))
                .hasMessageContaining("hold_out_bottom 1.5 must be a fraction in [0, 1)");
        assertThatThrownBy(() -> parse(MINIMAL + "class_weights: [1, 1, 3]\n"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("class_weights [1.0, 1.0, 3.0] do not fit class_scheme cloud")
                .hasMessageContaining("give 2 positive weights");
        assertThatThrownBy(() -> parse(MINIMAL + "class_weights: [1, 0]\n")).hasMessageContaining("positive weights");
        assertThat(parse(MINIMAL + "class_scheme: cloud-shadow\nclass_weights: [1, 1, 3]\n")
                        .lossWeights())
                .containsExactly(1, 1, 3);
        assertThat(parse(MINIMAL).lossWeights()).isNull();
        assertThat(parse(MINIMAL).headAlpha()).isNull();
        assertThat(SegmentationModels.spec(parse(MINIMAL), null).head().alpha()).isEqualTo(1.0);
        TrainConfig narrow = parse(MINIMAL + "head_alpha: 0.35\n");
        assertThat(SegmentationModels.spec(narrow, null).head()).isEqualTo(HeadConfig.deepLabV3Plus(64, 2, 0.35));
        assertThatThrownBy(() -> parse(MINIMAL + "head_alpha: 0\n"))
                .isInstanceOf(SenseiException.class)
                .hasMessage("config test.yaml: head_alpha 0.0 is out of range: give a width multiplier in (0, 2.0], "
                        + "e.g. 0.35, 0.5 or 1 (the paper's)");
        assertThatThrownBy(() -> parse(MINIMAL.replace("deeplabv3plus", "nn") + "head_alpha: 0.5\n"))
                .isInstanceOf(SenseiException.class)
                .hasMessage("config test.yaml: head_alpha is the width of a deeplabv3plus head, but head is nn: "
                        + "remove head_alpha or set head: deeplabv3plus");
        assertThatThrownBy(() -> parse(MINIMAL + "epochs: many\n"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("bad value for 'epochs'");
        assertThatThrownBy(() -> parse("- a\n- b\n"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("must be a mapping of keys");
        assertThatThrownBy(() -> parse(MINIMAL + "  - {type: synthetic, sensors: [sentinel2], scene_count: 2}\n"))
                .hasMessageContaining("give size");
    }

    @Test
    void fixedBandsTakeTheWavelengthsOfTheirFirstAlternative() {
        TrainConfig c = parse(MINIMAL.replace("sensei: true", "sensei: false\nfixed_bands: [B01|B1, B8A|B5, B12|B7]"));
        assertThat(c.fixedBandSpecs())
                .containsExactly(
                        new BandSpec("B01", 425, 443, 461),
                        new BandSpec("B8A", 847.5, 864, 880.5),
                        new BandSpec("B12", 2074, 2194, 2314));
        TrainConfig l8 = parse(
                MINIMAL.replace("sensei: true", "sensei: false\nfixed_bands: [B5]\n" + "fixed_bands_sensor: landsat8"));
        assertThat(l8.fixedBandSpecs()).containsExactly(new BandSpec("B5", 851, 865, 879));
    }

    @Test
    void pathsResolveAgainstTheBaseDirectoryAndPublishedMeansTheSharedWeights() {
        TrainConfig c = parse(MINIMAL + "sensei_weights: published\n");
        assertThat(c.senseiWeightsPath(Path.of("/repo")))
                .isEqualTo(Path.of("/shared/conformance/sensei-v1/sensei-epoch043-loss0.198.hdf5"));
        assertThat(parse(MINIMAL + "sensei_weights: w/enc.hdf5\n").senseiWeightsPath(Path.of("/repo")))
                .isEqualTo(Path.of("/repo/w/enc.hdf5"));
        assertThat(c.outputDir(Path.of("/repo"))).isEqualTo(Path.of("/repo/runs/m"));
        assertThat(parse(MINIMAL).senseiWeightsPath(Path.of("/repo"))).isNull();
    }

    @Test
    void missingPathsFailNamingEachOneAndTheFix(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("splits"));
        TrainConfig c = parse("""
                name: m
                head: nn
                sensei: true
                sensei_weights: enc.hdf5
                datasets:
                  - {type: sparcs, path: /path/to/sparcs}
                  - {type: ukis, name: u, path: here.npz, split_dir: splits}
                """);
        assertThatThrownBy(() -> c.checkPaths(tmp))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("data set 'sparcs' (sparcs): path /path/to/sparcs does not exist")
                .hasMessageContaining("data set 'u' (ukis): path " + tmp.resolve("here.npz") + " does not exist")
                .hasMessageContaining("sensei_weights " + tmp.resolve("enc.hdf5") + " does not exist")
                .hasMessageContaining("replace the placeholder paths")
                .hasMessageNotContaining("split_dir");
    }

    @Test
    void aResumedRunMayChangeOnlyEpochsOutputAndCheckpointsKept() {
        TrainConfig c = parse(MINIMAL);
        assertThat(parse(MINIMAL + "epochs: 300\noutput_dir: elsewhere\nkeep_checkpoints: 5\n")
                        .differencesFrom(c.settingsTree()))
                .isEmpty();
        List<String> diffs =
                parse(MINIMAL + "optimiser: {learning_rate: 0.01}\n").differencesFrom(c.settingsTree());
        assertThat(diffs).hasSize(1);
        assertThat(diffs.get(0)).startsWith("optimiser: ").contains("0.001").contains("0.01");
    }
}
