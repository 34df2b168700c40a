package org.sensei4j.model.head;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** BatchNorm folding and affine-input folding of one convolution unit, against the unfolded computation. */
class ConvBatchNormTest {

    private static NDArray random(NDManager m, Random rnd, Shape shape, float lo, float hi) {
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + rnd.nextFloat() * (hi - lo);
        }
        return m.create(v, shape);
    }

    private static void randomiseNorm(ConvBatchNorm unit, Random rnd) {
        for (Pair<String, Parameter> p : unit.getParameters()) {
            NDArray a = p.getValue().getArray();
            float[] v = new float[(int) a.size()];
            String name = p.getKey();
            for (int i = 0; i < v.length; i++) {
                v[i] = name.endsWith("runningVar")
                        ? 0.2f + 2 * rnd.nextFloat()
                        : name.endsWith("gamma") ? 0.5f + rnd.nextFloat() : rnd.nextFloat() - 0.5f;
            }
            if (!name.endsWith("weight")) {
                a.set(v);
            }
        }
    }

    @Test
    void foldedUnitsEqualConvolutionThenBatchNormThenActivation() {
        Random rnd = new Random(2);
        // {kernel, stride, dilation, groups (0 = depthwise), height, width}
        int[][] cases = {
            {3, 2, 1, 1, 37, 45}, {3, 2, 1, 1, 40, 40}, {3, 1, 2, 0, 19, 23}, {3, 1, 4, 0, 16, 16}, {3, 2, 1, 0, 21, 20}
        };
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(8);
            for (int[] c : cases) {
                int channels = 12;
                int groups = c[3] == 0 ? channels : 1;
                int filters = c[3] == 0 ? channels : 16;
                ConvBatchNorm unit = new ConvBatchNorm(
                        new SameConv2d(filters, c[0], c[1], c[2], groups, false), 1e-3f, 0.9f, ConvBatchNorm.Act.RELU6);
                Shape in = new Shape(1, channels, c[4], c[5]);
                unit.initialize(m, DataType.FLOAT32, in);
                randomiseNorm(unit, rnd);
                ParameterStore ps = new ParameterStore(m, false);
                NDArray x = random(m, rnd, in, -8f, 8f);
                NDArray folded = unit.forward(ps, new NDList(x), false).singletonOrThrow();
                NDArray unfolded = FoldingSwitch.withoutFolding(
                        () -> unit.forward(ps, new NDList(x), false).singletonOrThrow());
                assertThat(folded.getShape()).isEqualTo(unfolded.getShape());
                assertThat(folded.sub(unfolded).abs().max().getFloat())
                        .as(Arrays.toString(c))
                        .isLessThan(1e-5f);
                // ReLU6 clips both ends on these inputs
                assertThat(unfolded.max().getFloat()).isEqualTo(6f);
                assertThat(unfolded.min().getFloat()).isEqualTo(0f);
            }
            ConvBatchNorm point = ConvBatchNorm.pointwise(16, 1e-3f, 0.9f, ConvBatchNorm.Act.NONE);
            point.initialize(m, DataType.FLOAT32, new Shape(1, 12, 9, 7));
            randomiseNorm(point, rnd);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = random(m, rnd, new Shape(1, 12, 9, 7), -2f, 2f);
            NDArray unfolded = FoldingSwitch.withoutFolding(
                    () -> point.forward(ps, new NDList(x), false).head());
            assertThat(point.forward(ps, new NDList(x), false)
                            .head()
                            .sub(unfolded)
                            .abs()
                            .max()
                            .getFloat())
                    .isLessThan(1e-5f);
        }
    }

    @Test
    void affineInputIsFoldedWithZeroPaddingOfTheMappedInput() {
        Random rnd = new Random(6);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(9);
            for (int[] size : new int[][] {{37, 45}, {40, 40}, {1, 1}}) {
                ConvBatchNorm stem =
                        new ConvBatchNorm(new SameConv2d(32, 3, 2, 1, 1, false), 1e-3f, 0.9f, ConvBatchNorm.Act.NONE);
                Shape features = new Shape(1, 64, size[0], size[1]);
                stem.initialize(m, DataType.FLOAT32, features);
                randomiseNorm(stem, rnd);
                ParameterStore ps = new ParameterStore(m, false);
                NDArray v = random(m, rnd, new Shape(1, 5, size[0], size[1]), 0f, 1f);
                NDArray a = random(m, rnd, new Shape(64, 5), -1f, 1f);
                NDArray c = random(m, rnd, new Shape(64), -1f, 1f);
                // x = A·v + c formed explicitly
                NDArray x = a.matMul(v.reshape(5, (long) size[0] * size[1]))
                        .add(c.reshape(64, 1))
                        .reshape(features);
                NDArray expected = FoldingSwitch.withoutFolding(
                        () -> stem.forward(ps, new NDList(x), false).singletonOrThrow());
                NDArray actual = stem.infer(ps, v, a, c);
                assertThat(actual.sub(expected).abs().max().getFloat()
                                / expected.abs().max().getFloat())
                        .as("%dx%d", size[0], size[1])
                        .isLessThan(1e-5f);
            }
        }
    }
}
