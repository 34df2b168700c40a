package org.sensei4j.train.pretrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.model.keras.KerasSenseiImporter;
import org.sensei4j.model.sensei.SenseiWeights;
import org.sensei4j.train.run.CsvLog;

class PretrainerTest {

    @Test
    void aFewStepsReduceTheLoss(@TempDir Path tmp) throws IOException {
        PretrainConfig config = TinyConfigs.tiny(tmp.resolve("run"), 3, 40, 32, "");
        Pretrainer.Result r = new Pretrainer(config).run(false);
        List<Map<String, String>> rows = CsvLog.read(r.log());
        assertThat(rows).hasSize(1 + 3 * 40);
        double before = Double.parseDouble(rows.get(0).get("val_loss"));
        assertThat(r.epochs()).isEqualTo(3);
        assertThat(r.steps()).isEqualTo(120);
        assertThat(r.last().loss()).isLessThan(before - 0.01);
        assertThat(r.best().loss()).isLessThanOrEqualTo(r.last().loss());
        double firstEpoch = meanTrainLoss(rows, 1);
        double lastEpoch = meanTrainLoss(rows, 3);
        assertThat(lastEpoch).isLessThan(firstEpoch);
        // the PNG plot exists and decodes
        BufferedImage png = ImageIO.read(r.plot().toFile());
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(560);
    }

    private static double meanTrainLoss(List<Map<String, String>> rows, int epoch) {
        return rows.stream()
                .filter(row -> row.get("epoch").equals(String.valueOf(epoch)))
                .mapToDouble(row -> Double.parseDouble(row.get("train_loss")))
                .average()
                .orElseThrow();
    }

    @Test
    void resumeAfterAnInterruptionContinuesExactly(@TempDir Path tmp) throws IOException {
        Pretrainer.Result whole = new Pretrainer(TinyConfigs.tiny(tmp.resolve("whole"), 2, 5, 16, "")).run(false);

        PretrainConfig config = TinyConfigs.tiny(tmp.resolve("killed"), 2, 5, 16, "");
        Pretrainer.Listener kill = new Pretrainer.Listener() {
            @Override
            public void onStep(Pretrainer.StepReport report) {
                if (report.step() == 8) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThatThrownBy(() -> new Pretrainer(config).listener(kill).run(false))
                .hasMessage("killed");
        assertThat(CsvLog.read(tmp.resolve("killed").resolve(Pretrainer.LOG))).hasSize(1 + 8);
        // a fresh start into a directory holding a run is refused
        assertThatThrownBy(() -> new Pretrainer(config).run(false))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("already holds a run (checkpoint at epoch 1)")
                .hasMessageContaining("--resume");

        Pretrainer.Result resumed = new Pretrainer(config).run(true);
        assertThat(resumed.momentumRestored()).isTrue();
        List<Map<String, String>> a = CsvLog.read(whole.log());
        List<Map<String, String>> b = CsvLog.read(resumed.log());
        assertThat(b).hasSize(a.size()).hasSize(1 + 10);
        for (int i = 0; i < a.size(); i++) {
            for (String column : List.of(
                    "epoch", "step", "train_loss", "val_loss", "val_candidate_accuracy", "val_band_mse", "lr")) {
                assertThat(b.get(i).get(column))
                        .as("row %d %s", i, column)
                        .isEqualTo(a.get(i).get(column));
            }
        }
        assertThat(resumed.last()).isEqualTo(whole.last());
        assertThat(resumed.bestEpoch()).isEqualTo(whole.bestEpoch());
    }

    @Test
    void resumeRefusesAChangedConfigAndAnEmptyDirectory(@TempDir Path tmp) throws IOException {
        new Pretrainer(TinyConfigs.tiny(tmp.resolve("run"), 1, 2, 8, "")).run(false);
        PretrainConfig changed = TinyConfigs.tiny(tmp.resolve("run"), 2, 2, 16, "");
        assertThatThrownBy(() -> new Pretrainer(changed).run(true))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("config changed since the checkpoint (batch_size was 8, now 16)");
        // more epochs is allowed
        Pretrainer.Result longer = new Pretrainer(TinyConfigs.tiny(tmp.resolve("run"), 2, 2, 8, "")).run(true);
        assertThat(longer.steps()).isEqualTo(4);
        assertThatThrownBy(() -> new Pretrainer(TinyConfigs.tiny(tmp.resolve("none"), 1, 2, 8, "")).run(true))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("nothing to resume");
    }

    @Test
    void missingOutputParentFailsBeforeTraining(@TempDir Path tmp) {
        Path out = tmp.resolve("no/such/run");
        PretrainConfig config = TinyConfigs.tiny(out, 1, 2, 8, "");
        assertThatThrownBy(() -> new Pretrainer(config).run(false))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("its parent directory " + tmp.resolve("no/such") + " does not exist");
        assertThat(tmp.resolve("no")).doesNotExist();
    }

    @Test
    void bestBundleLoadsAndReproducesTheLoggedValidationLoss(@TempDir Path tmp) throws IOException {
        PretrainConfig config = TinyConfigs.tiny(tmp.resolve("run"), 2, 10, 16, "");
        Pretrainer.Result r = new Pretrainer(config).run(false);
        Map<String, JsonNode> meta = ModelBundle.readMetadata(r.bestModel());
        JsonNode prov = meta.get(ModelBundle.PROVENANCE_JSON);
        double logged = prov.at("/metrics/val_loss").asDouble();
        assertThat(logged).isEqualTo(r.best().loss());
        assertThat(prov.at("/metrics/epoch").asInt()).isEqualTo(r.bestEpoch());
        assertThat(prov.get("seed").asLong()).isEqualTo(7);
        assertThat(prov.get("git_commit").asText()).isNotEmpty();
        assertThat(prov.at("/config/name").asText()).isEqualTo("tiny");
        assertThat(prov.at("/config/encoder/groups").asInt()).isEqualTo(2);
        // the logged row of the best epoch holds the same number
        Map<String, String> row = CsvLog.read(r.log()).stream()
                .filter(x -> x.get("step").equals(String.valueOf(r.bestEpoch() * 10L))
                        && !x.get("val_loss").isEmpty())
                .findFirst()
                .orElseThrow();
        assertThat(Double.parseDouble(row.get("val_loss"))).isEqualTo(logged);
        try (NDManager manager = NDManager.newBaseManager()) {
            KerasSenseiImporter.Imported loaded = SenseiWeights.load(r.bestModel(), manager, true);
            assertThat(loaded.hasRecovery()).isTrue();
            PretrainingEvaluator.Result again =
                    PretrainingEvaluator.evaluate(loaded.encoder(), loaded.recovery(), manager, 13, 256, 1);
            assertThat(again.loss()).isCloseTo(logged, within(1e-6));
            assertThat(again.candidateAccuracy()).isCloseTo(r.best().candidateAccuracy(), within(1e-6));
            // the bundle is also an ordinary model bundle
            assertThat(ModelBundle.load(r.bestModel(), manager).model().sensei().config())
                    .isEqualTo(config.encoder());
        }
    }

    @Test
    void fineTuningStartsFromThePublishedWeights(@TempDir Path tmp) throws IOException {
        Path weights = PretrainingEvaluatorTest.publishedWeights();
        Assumptions.assumeTrue(
                Files.exists(weights), "../shared absent: skipping fine-tuning from the published weights");
        String yaml = "name: fine\nseed: 3\noutput_dir: " + tmp.resolve("run") + "\ninitial_weights: " + weights
                + "\nbatch_size: 8\nsteps_per_epoch: 2\nepochs: 1\noptimiser: {learning_rate: 0.0001}\n"
                + "validation: {samples: 2048, bands: 13, seed: 1}\n";
        PretrainConfig config = PretrainConfig.parse(yaml, "fine.yaml", false);
        assertThat(config.encoder()).isNull();
        Pretrainer.Result r = new Pretrainer(config).run(false);
        double before = Double.parseDouble(CsvLog.read(r.log()).get(0).get("val_loss"));
        assertThat(before).isCloseTo(0.181, within(0.005));
        // trained a little: close to, but not exactly, the starting point
        assertThat(r.last().loss()).isCloseTo(before, within(0.005)).isNotEqualTo(before);
    }
}
