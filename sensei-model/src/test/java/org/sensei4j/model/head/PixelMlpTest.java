package org.sensei4j.model.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PixelMlpTest {

    @ParameterizedTest
    @CsvSource({"13, 72, 2, 1154", "64, 16, 3, 1091", "8, 1, 1, 11"})
    void parameterCount(int in, int hidden, int classes, long expected) {
        try (NDManager manager = NDManager.newBaseManager()) {
            PixelMlp net = PixelMlp.of(in, hidden, classes);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, in, 33, 33));
            assertThat(ParameterCount.trainable(net)).isEqualTo(expected);
            assertThat(ParameterCount.total(net)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @CsvSource({"33, 33", "40, 37"})
    void outputKeepsTheInputSize(int height, int width) {
        try (NDManager manager = NDManager.newBaseManager()) {
            PixelMlp net = PixelMlp.of(64, 72, 2);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 64, 33, 33));
            NDArray x = manager.randomUniform(0f, 1f, new Shape(2, 64, height, width));
            NDArray y = net.forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(new Shape(2, 2, height, width));
            assertThat(net.getOutputShapes(new Shape[] {x.getShape()})[0]).isEqualTo(y.getShape());
        }
    }

    @Test
    void eachPixelIsATwoLayerNetworkOfItsOwnValues() {
        int in = 5;
        int hidden = 4;
        int classes = 3;
        try (NDManager manager = NDManager.newBaseManager()) {
            PixelMlp net = PixelMlp.of(in, hidden, classes);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, in, 33, 33));
            List<float[]> p = new ArrayList<>();
            for (Pair<String, Parameter> parameter : net.getParameters()) {
                p.add(parameter.getValue().getArray().toFloatArray());
            }
            float[] w1 = p.get(0); // (hidden, in)
            float[] b1 = p.get(1);
            float[] w2 = p.get(2); // (classes, hidden)
            float[] b2 = p.get(3);
            int h = 3;
            int w = 2;
            NDArray x = manager.randomNormal(0f, 1f, new Shape(1, in, h, w), DataType.FLOAT32);
            float[] xs = x.toFloatArray();
            float[] y = net.forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow()
                    .toFloatArray();
            for (int pixel = 0; pixel < h * w; pixel++) {
                float[] a = new float[hidden];
                for (int j = 0; j < hidden; j++) {
                    float s = b1[j];
                    for (int i = 0; i < in; i++) {
                        s += w1[j * in + i] * xs[i * h * w + pixel];
                    }
                    a[j] = Math.max(0f, s);
                }
                for (int k = 0; k < classes; k++) {
                    float s = b2[k];
                    for (int j = 0; j < hidden; j++) {
                        s += w2[k * hidden + j] * a[j];
                    }
                    assertThat(y[k * h * w + pixel]).isCloseTo(s, within(1e-5f));
                }
            }
        }
    }

    @Test
    void trainingChangesBothLayers() {
        Engine.getInstance().setRandomSeed(5);
        try (Model model = Model.newInstance("nn")) {
            PixelMlp net = PixelMlp.of(13, 72, 2);
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(
                            new SoftmaxCrossEntropyLoss("loss", 1f, 1, true, true))
                    .optOptimizer(Optimizer.sgd()
                            .setLearningRateTracker(Tracker.fixed(0.1f))
                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(2, 13, 33, 33));
                List<float[]> before = new ArrayList<>();
                for (Pair<String, Parameter> p : net.getParameters()) {
                    before.add(p.getValue().getArray().toFloatArray());
                }
                float firstLoss = 0;
                float lastLoss = 0;
                for (int step = 0; step < 2; step++) {
                    try (NDManager stepManager = trainer.getManager().newSubManager()) {
                        NDArray x = stepManager.randomUniform(0f, 1f, new Shape(2, 13, 40, 37));
                        // a learnable target: class 1 where band 0 is above 0.5
                        NDArray labels = x.get(":, 0:1, :, :").gt(0.5f).toType(DataType.FLOAT32, false);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray loss =
                                    trainer.getLoss().evaluate(new NDList(labels), trainer.forward(new NDList(x)));
                            lastLoss = loss.getFloat();
                            if (step == 0) {
                                firstLoss = lastLoss;
                            }
                            collector.backward(loss);
                        }
                        trainer.step();
                    }
                }
                assertThat(firstLoss).isFinite().isPositive();
                assertThat(lastLoss).isFinite();
                int i = 0;
                for (Pair<String, Parameter> p : net.getParameters()) {
                    float[] now = p.getValue().getArray().toFloatArray();
                    assertThat(now).as(p.getKey()).isNotEqualTo(before.get(i++));
                }
            }
        }
    }

    @Test
    void wrongChannelCountIsAClearError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PixelMlp net = PixelMlp.of(13, 72, 2);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 13, 33, 33));
            NDArray x = manager.zeros(new Shape(1, 64, 8, 8));
            assertThatThrownBy(() -> net.forward(new ParameterStore(manager, false), new NDList(x), false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("built for 13 input channels but got 64")
                    .hasMessageContaining("inChannels=64");
        }
        assertThatThrownBy(() -> PixelMlp.of(13, 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hidden");
    }

    @Test
    void intermediatesBelongToTheCallersManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PixelMlp net = PixelMlp.of(13, 8, 2);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 13, 33, 33));
            int before = manager.getManagedArrays().size();
            for (boolean training : new boolean[] {false, true}) {
                try (NDManager call = manager.newSubManager()) {
                    NDArray x = call.randomUniform(0f, 1f, new Shape(1, 13, 16, 16));
                    net.forward(new ParameterStore(call, false), new NDList(x), training);
                }
            }
            assertThat(manager.getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void configDescribesTheNetwork() {
        assertThat(PixelMlp.of(13, 72, 2).config()).isEqualTo(HeadConfig.pixelMlp(13, 72, 2));
    }
}
