package org.sensei4j.train.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.train.sample.Batch;
import org.sensei4j.train.sample.BatchBuilder;
import org.sensei4j.train.sample.TrainingSample;

class ValidationTest {

    /** Validation batches tiles of one size and band count; its sums equal per-tile computations. */
    @Test
    void metricsAndLossEqualPerTileComputations() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        TrainConfig c = TinyTrainConfigs.tiny(tmp.resolve("unused"), TinyTrainConfigs.SENSEI_NN, 1, 1, "");
        try (TrainingData data = TrainingData.build(c, tmp);
                NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(4);
            CloudModel model = CloudModel.create(SegmentationModels.spec(c, null), m);
            List<TrainingSample> tiles = data.validation();
            assertThat(tiles.stream().map(TrainingSample::size).distinct()).hasSize(2); // 12 and 16 px tiles
            Validation v = Validation.run(model, m, tiles, 3, ClassScheme.CLOUD_CLEAR);

            double lossSum = 0;
            long pixels = 0;
            long tp = 0;
            long fp = 0;
            long fn = 0;
            long tn = 0;
            for (TrainingSample s : tiles) {
                Batch one = BatchBuilder.build(List.of(s));
                try (NDManager scope = m.newSubManager()) {
                    NDArray logits = model.forward(
                                    new ParameterStore(scope, false), BatchTensors.inputs(scope, one, true), false)
                            .singletonOrThrow();
                    MaskedCrossEntropy.Terms t = MaskedCrossEntropy.terms(logits, BatchTensors.labels(scope, one));
                    lossSum += t.sum().getFloat();
                    pixels += (long) t.count().getFloat();
                    byte[] pred = logits.argMax(1).toType(DataType.UINT8, false).toByteArray();
                    for (int i = 0; i < pred.length; i++) {
                        int truth = s.labels()[i] & 0xFF;
                        if (truth == 255) {
                            continue;
                        }
                        boolean cloudTruth = truth == 1;
                        boolean cloudPred = pred[i] == 1;
                        if (cloudTruth && cloudPred) {
                            tp++;
                        } else if (cloudPred) {
                            fp++;
                        } else if (cloudTruth) {
                            fn++;
                        } else {
                            tn++;
                        }
                    }
                }
            }
            assertThat(v.patches()).isEqualTo(tiles.size());
            assertThat(v.pixels()).isEqualTo(pixels);
            assertThat(v.loss()).isCloseTo(lossSum / pixels, within(1e-5));
            assertThat(List.of(v.tp(), v.fp(), v.fn(), v.tn())).containsExactly(tp, fp, fn, tn);
            assertThat(v.oa()).isCloseTo(100.0 * (tp + tn) / pixels, within(1e-9));
            if (tp + fp > 0 && tp + fn > 0) {
                double p = 100.0 * tp / (tp + fp);
                double r = 100.0 * tp / (tp + fn);
                assertThat(v.precision()).isCloseTo(p, within(1e-9));
                assertThat(v.recall()).isCloseTo(r, within(1e-9));
                assertThat(v.f1()).isCloseTo(2 * p * r / (p + r), within(1e-9));
            }
            assertThat(v.perDataset()).containsOnlyKeys("synth");
            assertThat(v.perDataset().get("synth")).isEqualTo(v.cloud());
            // as a checkpoint stores it
            ObjectMapper json = new ObjectMapper();
            assertThat(json.treeToValue(json.valueToTree(v), Validation.class)).isEqualTo(v);
            assertThat(v.toMap())
                    .containsKeys(
                            "val_loss", "val_oa", "val_ba", "val_precision", "val_recall", "val_f1", "val_patches");
        }
    }

    @Test
    void partialTruthCountsAPredictionAsRightWhenItIsOneOfItsClasses() {
        byte[] truth = {(byte) 0x85, (byte) 0x85, (byte) 0x85, 1, (byte) 255};
        byte[] pred = {0, 2, 1, 1, 0};
        Validation.resolvePartial(truth, pred);
        // clear and shadow are right for "clear or shadow"; cloud is wrong and meets the lowest allowed class
        assertThat(truth).containsExactly(0, 2, 0, 1, (byte) 255);
    }
}
