package org.sensei4j.model.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeepLabV3PlusTest {

    private static final Shape INIT_13 = new Shape(1, 13, 33, 33);

    private static NDArray infer(Block block, NDManager manager, NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), false)
                .singletonOrThrow();
    }

    @ParameterizedTest
    @CsvSource({"13, 2111554, 2144642", "64, 2126242, 2159330"})
    void parameterCountsMatchThePaper(int inChannels, long trainable, long total) {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeepLabV3Plus net = DeepLabV3Plus.mobileNetV2(inChannels, 2);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, inChannels, 33, 33));
            assertThat(ParameterCount.trainable(net)).isEqualTo(trainable);
            // the difference is the BatchNorm running mean and variance: 2 × 16,544 channels
            assertThat(ParameterCount.total(net)).isEqualTo(total);
            assertThat(total - trainable).isEqualTo(2 * 16_544);
        }
    }

    @Test
    void onlyTheFirstConvolutionDependsOnTheInputChannels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeepLabV3Plus a = DeepLabV3Plus.mobileNetV2(3, 2);
            a.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 33, 33));
            DeepLabV3Plus b = DeepLabV3Plus.mobileNetV2(4, 5);
            b.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 33, 33));
            // one more input channel: 3·3·32 weights; three more classes: 3·256 weights + 3 biases
            assertThat(ParameterCount.trainable(b) - ParameterCount.trainable(a))
                    .isEqualTo(9 * 32 + 3 * 257);
        }
    }

    @Test
    void countingBeforeInitialisationIsAClearError() {
        assertThatThrownBy(() -> ParameterCount.trainable(DeepLabV3Plus.mobileNetV2(13, 2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("initialise the block");
    }

    @ParameterizedTest
    @CsvSource({"33, 33", "40, 37", "64, 64", "65, 71"})
    void outputHasTheInputSizeForOddAndEvenSizes(int height, int width) {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeepLabV3Plus net = DeepLabV3Plus.mobileNetV2(13, 2);
            net.initialize(manager, DataType.FLOAT32, INIT_13);
            NDArray x = manager.randomUniform(0f, 1f, new Shape(2, 13, height, width));
            NDArray y = infer(net, manager, x);
            assertThat(y.getShape()).isEqualTo(new Shape(2, 2, height, width));
            assertThat(net.getOutputShapes(new Shape[] {x.getShape()})[0]).isEqualTo(y.getShape());
            assertThat(y.isInfinite().any().getBoolean()).isFalse();
            assertThat(y.isNaN().any().getBoolean()).isFalse();
        }
    }

    @Test
    void trainingStepsRunAndChangeTheFirstConvolution() {
        Engine.getInstance().setRandomSeed(7);
        DeepLabV3Plus net = DeepLabV3Plus.mobileNetV2(13, 2);
        try (Model model = Model.newInstance("dlv3")) {
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(
                            new SoftmaxCrossEntropyLoss("loss", 1f, 1, true, true))
                    .optOptimizer(Optimizer.sgd()
                            .setLearningRateTracker(Tracker.fixed(0.05f))
                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(2, 13, 33, 33));
                Parameter firstConv = firstParameter(net, "weight");
                Parameter runningMean = firstParameter(net, "runningMean");
                float[] before = firstConv.getArray().toFloatArray();
                float[] meanBefore = runningMean.getArray().toFloatArray();
                for (int step = 0; step < 2; step++) {
                    try (NDManager stepManager = trainer.getManager().newSubManager()) {
                        NDArray x = stepManager.randomUniform(0f, 1f, new Shape(2, 13, 40, 37));
                        NDArray labels = stepManager
                                .randomUniform(0f, 1f, new Shape(2, 1, 40, 37))
                                .gt(0.5f)
                                .toType(DataType.FLOAT32, false);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDList predictions = trainer.forward(new NDList(x));
                            assertThat(predictions.singletonOrThrow().getShape())
                                    .isEqualTo(new Shape(2, 2, 40, 37));
                            NDArray loss = trainer.getLoss().evaluate(new NDList(labels), predictions);
                            float value = loss.getFloat();
                            assertThat(value).isFinite().isPositive();
                            collector.backward(loss);
                        }
                        NDArray gradient = firstConv.getArray().getGradient();
                        assertThat(gradient.abs().sum().getFloat()).isPositive();
                        trainer.step();
                    }
                }
                float[] after = firstConv.getArray().toFloatArray();
                assertThat(maxAbsDifference(before, after)).isGreaterThan(1e-6);
                // training mode updates the BatchNorm running statistics
                assertThat(maxAbsDifference(meanBefore, runningMean.getArray().toFloatArray()))
                        .isGreaterThan(1e-6);
            }
        }
    }

    private static Parameter firstParameter(Block block, String suffix) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().endsWith(suffix)) {
                return p.getValue();
            }
        }
        throw new AssertionError("no parameter ending in " + suffix);
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void sameSeedGivesTheSameInitialOutput() {
        float[] first = initialOutput(11);
        float[] second = initialOutput(11);
        float[] other = initialOutput(12);
        assertThat(second).containsExactly(first);
        assertThat(maxAbsDifference(first, other)).isGreaterThan(1e-4);
    }

    private static float[] initialOutput(int seed) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(seed);
            DeepLabV3Plus net = DeepLabV3Plus.mobileNetV2(13, 2);
            net.initialize(manager, DataType.FLOAT32, INIT_13);
            NDArray x = manager.arange(2f * 13 * 40 * 37).reshape(2, 13, 40, 37).div(2f * 13 * 40 * 37);
            return infer(net, manager, x).toFloatArray();
        }
    }

    @Test
    void savedParametersReloadIntoAFreshNetwork() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            DeepLabV3Plus trained = DeepLabV3Plus.mobileNetV2(13, 2);
            trained.initialize(manager, DataType.FLOAT32, INIT_13);
            // move the BatchNorm statistics away from their initial values
            trained.forward(
                    new ParameterStore(manager, false),
                    new NDList(manager.randomUniform(0f, 1f, new Shape(2, 13, 33, 33))),
                    true);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            trained.saveParameters(new DataOutputStream(bytes));

            Engine.getInstance().setRandomSeed(4);
            DeepLabV3Plus fresh = DeepLabV3Plus.mobileNetV2(13, 2);
            fresh.initialize(manager, DataType.FLOAT32, INIT_13);
            NDArray x = manager.randomUniform(0f, 1f, new Shape(1, 13, 40, 37));
            assertThat(maxAbsDifference(
                            infer(trained, manager, x).toFloatArray(),
                            infer(fresh, manager, x).toFloatArray()))
                    .isGreaterThan(1e-4);
            fresh.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertThat(infer(fresh, manager, x).toFloatArray())
                    .containsExactly(infer(trained, manager, x).toFloatArray());
        }
    }

    @Test
    void inferenceIsRepeatableAndDropoutIsOffOutsideTraining() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeepLabV3Plus net = DeepLabV3Plus.mobileNetV2(64, 3);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 64, 33, 33));
            NDArray x = manager.randomUniform(0f, 1f, new Shape(1, 64, 33, 33));
            assertThat(infer(net, manager, x).toFloatArray())
                    .containsExactly(infer(net, manager, x).toFloatArray());
        }
    }

    @Test
    void intermediatesBelongToTheCallersManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeepLabV3Plus net = DeepLabV3Plus.mobileNetV2(13, 2);
            net.initialize(manager, DataType.FLOAT32, INIT_13);
            int before = manager.getManagedArrays().size();
            for (boolean training : new boolean[] {false, true}) {
                try (NDManager call = manager.newSubManager()) {
                    NDArray x = call.randomUniform(0f, 1f, new Shape(2, 13, 33, 33));
                    net.forward(new ParameterStore(call, false), new NDList(x), training);
                }
            }
            assertThat(manager.getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void wrongChannelCountIsAClearError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeepLabV3Plus net = DeepLabV3Plus.mobileNetV2(13, 2);
            net.initialize(manager, DataType.FLOAT32, INIT_13);
            NDArray x = manager.zeros(new Shape(1, 12, 33, 33));
            assertThatThrownBy(() -> infer(net, manager, x))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("built for 13 input channels but got 12")
                    .hasMessageContaining("inChannels=12");
            assertThatThrownBy(() -> DeepLabV3Plus.mobileNetV2(13, 2)
                            .initialize(manager, DataType.FLOAT32, new Shape(1, 8, 33, 33)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("got 8");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            DeepLabV3Plus net = DeepLabV3Plus.mobileNetV2(13, 2);
            net.initialize(manager, DataType.FLOAT32, INIT_13);
            NDArray single = manager.zeros(INIT_13);
            assertThatThrownBy(() -> net.forward(new ParameterStore(manager, false), new NDList(single), true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("batch of at least 2");
            assertThat(infer(net, manager, single).getShape()).isEqualTo(new Shape(1, 2, 33, 33));
        }
        assertThatThrownBy(() -> DeepLabV3Plus.mobileNetV2(0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inChannels");
    }

    @Test
    void resizeIsBilinearWithHalfPixelCentres() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {0, 1, 2, 3}, new Shape(1, 1, 2, 2));
            // tf.image.resize / align_corners=false: source coordinate (i + 0.5) / 2 − 0.5, clamped at the edges
            float[] expected = {
                0f, 0.25f, 0.75f, 1f,
                0.5f, 0.75f, 1.25f, 1.5f,
                1.5f, 1.75f, 2.25f, 2.5f,
                2f, 2.25f, 2.75f, 3f,
            };
            assertThat(DeepLabV3Plus.resizeBilinear(x, 4, 4).toFloatArray()).containsExactly(expected);
        }
    }

    @Test
    void makeDivisibleFollowsKeras() {
        assertThat(DeepLabV3Plus.makeDivisible(32, 8)).isEqualTo(32);
        assertThat(DeepLabV3Plus.makeDivisible(32 * 0.35, 8)).isEqualTo(16); // 8 would be > 10% below 11.2
        assertThat(DeepLabV3Plus.makeDivisible(24 * 0.75, 8)).isEqualTo(24); // 18 → 16 is > 10% below: 24
        assertThat(DeepLabV3Plus.makeDivisible(96 * 0.75, 8)).isEqualTo(72);
        assertThat(DeepLabV3Plus.makeDivisible(160 * 0.35, 8)).isEqualTo(56);
        assertThat(DeepLabV3Plus.makeDivisible(20, 8)).isEqualTo(24); // 20 + 4 = 24 rounds up
        assertThat(DeepLabV3Plus.makeDivisible(3, 8)).isEqualTo(8);
    }

    @Test
    void narrowerNetworkFollowsAlpha() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DeepLabV3Plus net = DeepLabV3Plus.builder()
                    .setInChannels(4)
                    .setNumClasses(2)
                    .optAlpha(0.5)
                    .build();
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 33, 33));
            List<Shape> firstShapes = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (p.getKey().endsWith("weight")) {
                    firstShapes.add(p.getValue().getShape());
                }
            }
            // stem: make_divisible(16, 8) = 16 filters; block 0 projects to make_divisible(8, 8) = 8
            assertThat(firstShapes.get(0)).isEqualTo(new Shape(16, 4, 3, 3));
            assertThat(firstShapes.get(1)).isEqualTo(new Shape(16, 1, 3, 3));
            assertThat(firstShapes.get(2)).isEqualTo(new Shape(8, 16, 1, 1));
            assertThat(net.config()).isEqualTo(HeadConfig.deepLabV3Plus(4, 2, 0.5));
            NDArray y = infer(net, manager, manager.ones(new Shape(1, 4, 35, 34)));
            assertThat(y.getShape()).isEqualTo(new Shape(1, 2, 35, 34));
        }
    }
}
