package org.sensei4j.train.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.train.run.CsvLog;

class SegmentationTrainerTest {

    /** Collects the per-step losses; optionally throws after a step, as a kill would stop the run. */
    private static final class Recorder implements SegmentationTrainer.Listener {
        final List<Float> losses = new ArrayList<>();
        final long killAfter;

        Recorder(long killAfter) {
            this.killAfter = killAfter;
        }

        @Override
        public void onStep(SegmentationTrainer.StepReport report) {
            losses.add(report.loss());
            if (report.step() == killAfter) {
                throw new IllegalStateException("killed");
            }
        }
    }

    /** Runs {@code c} from the start, telling {@code recorder} of each step. */
    private static SegmentationTrainer.Result run(TrainConfig c, Path tmp, Recorder recorder) throws IOException {
        return new SegmentationTrainer(c, tmp).listener(recorder).run(false);
    }

    /** Starts {@code c} and kills it after global step {@code step}. */
    private static void killAfter(TrainConfig c, Path tmp, long step) {
        assertThatThrownBy(() -> run(c, tmp, new Recorder(step))).hasMessage("killed");
    }

    @Test
    void aFewStepsReduceTheLoss(@TempDir Path tmp) throws IOException {
        TrainConfig c = TinyTrainConfigs.tiny(
                tmp.resolve("run"),
                TinyTrainConfigs.SENSEI_NN,
                1,
                24,
                "augmentation: {noise_probability: 0, salt_pepper_probability: 0}\n");
        Recorder r = new Recorder(-1);
        SegmentationTrainer.Result result =
                new SegmentationTrainer(c, tmp).listener(r).run(false);
        assertThat(r.losses).hasSize(24);
        double first = r.losses.subList(0, 6).stream()
                .mapToDouble(Float::doubleValue)
                .average()
                .orElseThrow();
        double last = r.losses.subList(18, 24).stream()
                .mapToDouble(Float::doubleValue)
                .average()
                .orElseThrow();
        assertThat(last)
                .as("mean loss of the last 6 steps vs the first 6: %s", r.losses)
                .isLessThan(first - 0.05);
        assertThat(result.steps()).isEqualTo(24);
        assertThat(result.last()).isNotNull();
        assertThat(result.last().patches()).isEqualTo(12);
    }

    @Test
    void resumeAfterAKillContinuesIdentically(@TempDir Path tmp) throws IOException {
        String model = TinyTrainConfigs.SENSEI_NN;
        Recorder whole = new Recorder(-1);
        SegmentationTrainer.Result a = run(TinyTrainConfigs.small(tmp.resolve("whole"), model, 2, 3), tmp, whole);
        assertThat(whole.losses).hasSize(6);

        TrainConfig c = TinyTrainConfigs.small(tmp.resolve("killed"), model, 2, 3);
        // killed during epoch 2: the checkpoint of epoch 1 (step 3) remains
        killAfter(c, tmp, 5);
        assertThat(CsvLog.read(tmp.resolve("killed").resolve(SegmentationTrainer.STEPS)))
                .hasSize(5);
        assertThatThrownBy(() -> new SegmentationTrainer(c, tmp).run(false))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("already holds a run (checkpoint at step 3)")
                .hasMessageContaining("--resume");
        TrainConfig changed = TrainConfig.parse(
                TinyTrainConfigs.smallYaml(tmp.resolve("killed"), model, 2, 3, "lr_schedule: {patience: 9}\n"),
                "changed.yaml",
                false);
        assertThatThrownBy(() -> new SegmentationTrainer(changed, tmp).run(true))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("the config changed since the checkpoint (lr_schedule: ");

        // resume to step 4 (stopping inside epoch 2), then again to the end
        Recorder part = new Recorder(-1);
        SegmentationTrainer.Result b1 =
                new SegmentationTrainer(c, tmp).listener(part).maxSteps(4).run(true);
        assertThat(b1.steps()).isEqualTo(4);
        assertThat(b1.momentumRestored()).isTrue();
        Recorder rest = new Recorder(-1);
        SegmentationTrainer.Result b =
                new SegmentationTrainer(c, tmp).listener(rest).run(true);
        assertThat(b.steps()).isEqualTo(6);
        List<Float> resumed = new ArrayList<>(part.losses);
        resumed.addAll(rest.losses);
        assertThat(resumed).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(resumed.get(i)).as("step %d", 4 + i).isCloseTo(whole.losses.get(3 + i), within(1e-6f));
        }
        List<Map<String, String>> stepsA = CsvLog.read(a.stepLog());
        List<Map<String, String>> stepsB = CsvLog.read(b.stepLog());
        assertThat(stepsB).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(Double.parseDouble(stepsB.get(i).get("loss")))
                    .as("steps.csv row %d", i)
                    .isCloseTo(Double.parseDouble(stepsA.get(i).get("loss")), within(1e-6));
        }
        assertThat(b.last().loss()).isCloseTo(a.last().loss(), within(1e-5));
        assertThat(b.last().cloud()).isEqualTo(a.last().cloud());
        // the epoch log: epoch 1, the stop at step 4, epoch 2
        assertThat(CsvLog.read(b.log())).extracting(row -> row.get("step")).containsExactly("3", "4", "6");
    }

    /** DeepLabv3+ has batch normalisation (running statistics) and dropout (random masks): both resume exactly. */
    @Test
    void resumeIsExactWithBatchNormalisationAndDropout(@TempDir Path tmp) throws IOException {
        String model = TinyTrainConfigs.DLV3_S2;
        Recorder whole = new Recorder(-1);
        SegmentationTrainer.Result a = run(TinyTrainConfigs.unvalidated(tmp.resolve("whole"), model, 3, 1), tmp, whole);
        assertThat(a.last()).isNull(); // nothing held out: no validation
        TrainConfig c = TinyTrainConfigs.unvalidated(tmp.resolve("killed"), model, 3, 1);
        killAfter(c, tmp, 2);
        Recorder rest = new Recorder(-1);
        new SegmentationTrainer(c, tmp).listener(rest).run(true);
        assertThat(whole.losses).hasSize(3);
        assertThat(rest.losses).hasSize(2);
        assertThat(rest.losses.get(0)).isCloseTo(whole.losses.get(1), within(1e-6f));
        assertThat(rest.losses.get(1)).isCloseTo(whole.losses.get(2), within(1e-6f));
    }

    @Test
    void theBestModelIsABundleWithProvenanceAndThePlotsAreWritten(@TempDir Path tmp) throws IOException {
        TrainConfig c = TinyTrainConfigs.tiny(tmp.resolve("run"), TinyTrainConfigs.NN_S2, 2, 4, "");
        SegmentationTrainer.Result r = new SegmentationTrainer(c, tmp).run(false);
        assertThat(r.outputDir()).isEqualTo(tmp.resolve("run"));
        List<Map<String, String>> log = CsvLog.read(r.log());
        assertThat(log).hasSize(2);
        assertThat(log.get(1)).containsEntry("epoch", "2").containsEntry("step", "8");
        assertThat(Double.parseDouble(log.get(1).get("val_f1"))).isBetween(0.0, 100.0);
        assertThat(r.bestEpoch()).isBetween(1, 2);
        assertThat(r.best().loss())
                .isEqualTo(Double.parseDouble(log.get(r.bestEpoch() - 1).get("val_loss")), within(1e-6));
        try (NDManager m = NDManager.newBaseManager()) {
            ModelBundle.Loaded b = ModelBundle.load(r.bestModel(), m);
            assertThat(b.spec().name()).isEqualTo("tiny");
            assertThat(b.spec().bands()).extracting(s -> s.id()).containsExactly("B02", "B03", "B04", "B08", "B11");
            assertThat(b.provenance().seed()).isEqualTo(3L);
            assertThat(b.provenance().trainingData())
                    .singleElement()
                    .asString()
                    .contains("synth (synthetic): trained on 7 scene(s)")
                    .contains("held out for validation: 1 scene(s) [landsat8-007] and the bottom 25% of the rows");
            assertThat(b.provenance().bands()).containsExactly("B02|B2", "B03|B3", "B04|B4", "B08|B5", "B11|B6");
            assertThat(b.provenance().gitCommit()).isNotBlank();
            assertThat(b.provenance().created()).isNotBlank();
            assertThat(b.provenance().config()).containsEntry("name", "tiny").containsEntry("steps_per_epoch", 4);
            assertThat(b.provenance().metrics())
                    .containsKeys("val_loss", "val_oa", "val_ba", "val_precision", "val_recall", "val_f1", "train_loss")
                    .containsEntry("epoch", r.bestEpoch());
            assertThat(((Number) b.provenance().metrics().get("val_loss")).doubleValue())
                    .isCloseTo(r.best().loss(), within(1e-9));
        }
        for (Path png : List.of(r.lossPlot(), r.metricsPlot())) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(900);
            assertThat(image.getHeight()).isEqualTo(560);
        }
        JsonNode state = new ObjectMapper()
                .readTree(tmp.resolve("run/checkpoints/epoch-0002/state.json").toFile());
        assertThat(state.path("step").asLong()).isEqualTo(8);
        assertThat(Files.size(tmp.resolve("run/checkpoints/epoch-0002/" + SegmentationTrainer.OPTIMIZER_STATE)))
                .isGreaterThan(100);
    }

    @Test
    void aMissingDatasetPathFailsBeforeTraining(@TempDir Path tmp) {
        TrainConfig c = TrainConfig.parse("""
                name: missing
                head: nn
                sensei: true
                datasets:
                  - {type: on-cloud-n, path: no/such/chips}
                output_dir: %s
                """.formatted(tmp.resolve("out")), "missing.yaml", false);
        assertThatThrownBy(() -> new SegmentationTrainer(c, tmp).run(false))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(
                        "data set 'on-cloud-n' (on-cloud-n): path " + tmp.resolve("no/such/chips") + " does not exist")
                .hasMessageContaining("replace the placeholder paths");
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
