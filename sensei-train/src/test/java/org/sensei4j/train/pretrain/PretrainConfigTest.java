package org.sensei4j.train.pretrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.sensei.RecoveryConfig;
import org.sensei4j.model.sensei.SenseiConfig;

class PretrainConfigTest {

    private static Path repoRoot() {
        return Path.of(System.getProperty("sensei.root", "..")).toAbsolutePath().normalize();
    }

    private static PretrainConfig yaml(String text) {
        return PretrainConfig.parse(text, "test.yaml", false);
    }

    @Test
    void theShippedPublishedConfigIsThePublishedProtocol() {
        PretrainConfig c = PretrainConfig.load(repoRoot().resolve("configs/pretrain/sensei-v1.yaml"));
        assertThat(c.name()).isEqualTo("sensei-v1");
        assertThat(c.batchSize()).isEqualTo(1024);
        assertThat(c.stepsPerEpoch()).isEqualTo(1000);
        assertThat(c.epochs()).isEqualTo(200);
        assertThat(c.minBands()).isEqualTo(3);
        assertThat(c.maxBands()).isEqualTo(13);
        assertThat(c.optimiser()).isEqualTo(new PretrainConfig.Optimiser("sgd", 0.01, 0.75));
        assertThat(c.schedule()).isEqualTo(new PretrainConfig.Schedule("plateau", 0.25, 2, 2e-5, 1e-4));
        assertThat(c.validation()).isEqualTo(new PretrainConfig.Validation(819_200, 13, 1));
        assertThat(c.encoder()).isEqualTo(SenseiConfig.published());
        assertThat(c.encoder().parameterCount()).isEqualTo(210_544);
        assertThat(c.recovery()).isEqualTo(RecoveryConfig.published());
        assertThat(c.initialWeights()).isNull();
        assertThat(c.verbatim()).containsEntry("name", "sensei-v1").containsEntry("encoder", "published");
    }

    @Test
    void theShippedQuickConfigIsAFewHundredSteps() {
        PretrainConfig c = PretrainConfig.load(repoRoot().resolve("configs/pretrain/quick.yaml"));
        assertThat((long) c.epochs() * c.stepsPerEpoch()).isEqualTo(400);
        assertThat(c.batchSize()).isEqualTo(256);
        assertThat(c.encoder()).isEqualTo(SenseiConfig.published());
        assertThat(c.validation()).isEqualTo(new PretrainConfig.Validation(2048, 13, 1));
    }

    @Test
    void theDefaultModelsEncoderConfigIs2500StepsIntoTheFolderTheTrainingConfigReads() {
        PretrainConfig c = PretrainConfig.load(repoRoot().resolve("configs/pretrain/default-encoder.yaml"));
        assertThat((long) c.epochs() * c.stepsPerEpoch()).isEqualTo(2500);
        assertThat(c.batchSize()).isEqualTo(256);
        assertThat(c.encoder()).isEqualTo(SenseiConfig.published());
        assertThat(c.outputDir().toString().replace('\\', '/')).endsWith("runs/pretrain");
    }

    @Test
    void defaultsAreThePublishedProtocolWithBatch256() {
        PretrainConfig c = yaml("name: x\noutput_dir: out\n");
        assertThat(c.seed()).isEqualTo(1);
        assertThat(c.batchSize()).isEqualTo(256);
        assertThat(c.stepsPerEpoch()).isEqualTo(1000);
        assertThat(c.epochs()).isEqualTo(200);
        assertThat(c.optimiser()).isEqualTo(new PretrainConfig.Optimiser("sgd", 0.01, 0.75));
        assertThat(c.schedule()).isEqualTo(new PretrainConfig.Schedule("plateau", 0.25, 2, 2e-5, 1e-4));
        assertThat(c.validation()).isEqualTo(new PretrainConfig.Validation(2048, 13, 1));
        assertThat(c.outputDir()).isEqualTo(Path.of("out"));
        assertThat(c.encoder()).isEqualTo(SenseiConfig.published());
    }

    @Test
    void jsonWorksToo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(
                f,
                "{\"name\": \"j\", \"output_dir\": \"o\", \"band_range\": [4, 6], "
                        + "\"optimiser\": {\"learning_rate\": 0.05}}");
        PretrainConfig c = PretrainConfig.load(f);
        assertThat(c.minBands()).isEqualTo(4);
        assertThat(c.maxBands()).isEqualTo(6);
        assertThat(c.optimiser().learningRate()).isEqualTo(0.05);
        assertThat(c.optimiser().momentum()).isEqualTo(0.75);
    }

    @Test
    void unknownKeysAreRejectedByName() {
        assertThatThrownBy(() -> yaml("name: x\noutput_dir: o\nlerning_rate: 0.1\n"))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("config test.yaml: unknown key 'lerning_rate'")
                .hasMessageContaining("optimiser")
                .hasMessageContaining("fix the spelling or remove it");
        assertThatThrownBy(() -> yaml("name: x\noutput_dir: o\noptimiser: {lr: 0.1}\n"))
                .hasMessageContaining("unknown key 'optimiser.lr'")
                .hasMessageContaining("[learning_rate, momentum, type]");
        assertThatThrownBy(() -> yaml("name: x\noutput_dir: o\nvalidation: {sample: 5}\n"))
                .hasMessageContaining("unknown key 'validation.sample'");
        assertThatThrownBy(() -> yaml("name: x\noutput_dir: o\nencoder:\n  descriptor_blok: {}\n"))
                .hasMessageContaining("unknown key 'encoder.descriptor_blok'");
    }

    @Test
    void aCustomEncoderMustBeComplete() {
        String partial = "name: x\noutput_dir: o\nencoder:\n"
                + "  descriptor_block: {layers: [8], output: 8, skips: true}\n"
                + "  permuted_descriptor_block: {layers: [8], output: 8, skips: false}\n"
                + "  combined_descriptor_block: {layers: [8], output: 8, skips: true}\n"
                + "  groups: 2\n  epsilon: 0.001\n  leaky_alpha: 0.01\n";
        assertThatThrownBy(() -> yaml(partial))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("missing key 'encoder.band_offset': give all of [band_offset, "
                        + "combined_descriptor_block, descriptor_block, epsilon, groups, leaky_alpha, "
                        + "permuted_descriptor_block] or use encoder: published");
        assertThatThrownBy(() -> yaml(partial.replace("output: 8, skips: true}\n  perm", "skips: true}\n  perm")
                        + "  band_offset: 0.5\n"))
                .hasMessageContaining("missing key 'encoder.descriptor_block.output'");
        PretrainConfig c = yaml(partial + "  band_offset: 0.5\n");
        assertThat(c.encoder().featureChannels()).isEqualTo(8);
        assertThat(c.encoder().groups()).isEqualTo(2);
        assertThat(c.recovery()).isEqualTo(RecoveryConfig.published());
        assertThatThrownBy(() -> yaml("name: x\noutput_dir: o\nencoder: small\n"))
                .hasMessageContaining("encoder: 'small' is not an architecture: use published");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> yaml("output_dir: o\n")).hasMessageContaining("config has no name");
        assertThatThrownBy(() -> yaml("name: x\n")).hasMessageContaining("no output_dir");
        assertThatThrownBy(() -> yaml("name: x\noutput_dir: o\nband_range: [5, 3]\n"))
                .hasMessageContaining("band_range must be [min, max] with 1 <= min <= max, got [5, 3]");
        assertThatThrownBy(() -> yaml("name: x\noutput_dir: o\nband_range: [5]\n"))
                .hasMessageContaining("band_range must be two numbers");
        assertThatThrownBy(() -> yaml("name: x\noutput_dir: o\nbatch_size: many\n"))
                .hasMessageContaining("bad value for 'batch_size'");
        assertThatThrownBy(() -> yaml("name: x\noutput_dir: o\noptimiser: {type: adam}\n"))
                .hasMessageContaining("optimiser.type 'adam' is not supported: use sgd");
        assertThatThrownBy(() -> yaml("name: x\noutput_dir: o\nvalidation: {bands: 41}\n"))
                .hasMessageContaining("validation.bands must be between 1 and 40");
        assertThatThrownBy(() -> yaml("name: x\noutput_dir: o\nschedule: {factor: 1.5}\n"))
                .hasMessageContaining("schedule.factor must be in (0, 1), got 1.5");
        assertThatThrownBy(() -> yaml("name: [x\n")).hasMessageContaining("is not valid YAML");
        assertThatThrownBy(() -> PretrainConfig.load(Path.of("/no/such/config.yaml")))
                .hasMessageContaining("config file not found: /no/such/config.yaml");
    }

    @Test
    void pathsAreCheckedBeforeTraining(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> yaml("name: x\noutput_dir: " + dir.resolve("a/b") + "\n")
                        .checkPaths())
                .hasMessageContaining("output_dir " + dir.resolve("a/b") + ": its parent directory " + dir.resolve("a")
                        + " does not exist: create it first or choose another output_dir");
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertThatThrownBy(() -> yaml("name: x\noutput_dir: " + file + "\n").checkPaths())
                .hasMessageContaining("exists and is not a directory");
        assertThatThrownBy(() -> yaml("name: x\noutput_dir: " + dir.resolve("run") + "\ninitial_weights: "
                                + dir.resolve("w.hdf5") + "\n")
                        .checkPaths())
                .hasMessageContaining("initial_weights " + dir.resolve("w.hdf5") + " not found");
        yaml("name: x\noutput_dir: " + dir.resolve("run") + "\n").checkPaths();
    }

    @Test
    void differencesIgnoreEpochsAndOutputDir() {
        PretrainConfig a = yaml("name: x\noutput_dir: o\nepochs: 3\n");
        JsonNode saved = a.settingsTree();
        assertThat(yaml("name: x\noutput_dir: elsewhere\nepochs: 9\n").differencesFrom(saved))
                .isEmpty();
        assertThat(yaml("name: x\noutput_dir: o\nseed: 2\noptimiser: {momentum: 0.9}\n")
                        .differencesFrom(saved))
                .containsExactly(
                        "optimiser was {\"type\":\"sgd\",\"learning_rate\":0.01,\"momentum\":0.75}, now "
                                + "{\"type\":\"sgd\",\"learning_rate\":0.01,\"momentum\":0.9}",
                        "seed was 1, now 2");
    }
}
