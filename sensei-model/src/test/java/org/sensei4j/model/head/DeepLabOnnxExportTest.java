package org.sensei4j.model.head;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.sensei4j.model.onnx.OnnxSession;

/**
 * The ONNX export of DeepLabv3+ (BatchNorm folded, run by ONNX Runtime) computes what the DJL network computes:
 * odd and even sizes (Keras 'same' padding of the strided convolutions), plain and affine input.
 */
class DeepLabOnnxExportTest {

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextFloat() * 0.8f;
        }
        return v;
    }

    /** The values with a last channel of ones, as the exported graph takes them. */
    private static float[] withOnes(float[] values, int pixels) {
        float[] in = Arrays.copyOf(values, values.length + pixels);
        Arrays.fill(in, values.length, in.length, 1f);
        return in;
    }

    private static void assertClose(NDArray expected, OnnxSession.Output out, Shape logitShape, String what) {
        assertThat(out.shape()).as(what).containsExactly(logitShape.getShape());
        float[] e = expected.toFloatArray();
        float scale = 1f;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        float max = 0;
        for (int i = 0; i < e.length; i++) {
            max = Math.max(max, Math.abs(e[i] - out.values()[i]));
        }
        assertThat(max / scale).as(what).isLessThan(1e-4f);
        assertThat(expected.max().getFloat() - expected.min().getFloat())
                .as(what)
                .isGreaterThan(0.01f);
        // probabilities: the classes sum to one at every pixel
        long plane = logitShape.get(2) * logitShape.get(3);
        for (int i = 0; i < plane; i += 97) {
            float sum = 0;
            for (int k = 0; k < logitShape.get(1); k++) {
                sum += out.values()[(int) (k * plane + i)];
            }
            assertThat(sum).as(what).isCloseTo(1f, Offset.offset(1e-5f));
        }
    }

    @Test
    void exportedNetworkGivesTheDjlNetworksProbabilities() {
        try (NDManager m = NDManager.newBaseManager()) {
            DeepLabV3Plus net = TestNetworks.deepLab(m, 5, 4, 3, 23);
            ParameterStore ps = new ParameterStore(m, false);
            Random rnd = new Random(1);
            // affine input: 4 feature channels from 5 band values
            NDArray a = m.create(random(rnd, 4 * 5), new Shape(4, 5)).sub(0.3f);
            NDArray c = m.create(random(rnd, 4), new Shape(4)).sub(0.2f);
            try (OnnxSession plain = new OnnxSession(DeepLabV3PlusOnnx.export(net, ps, null, null), 1);
                    OnnxSession affine = new OnnxSession(DeepLabV3PlusOnnx.export(net, ps, a, c), 1)) {
                for (int[] size : new int[][] {{33, 33}, {40, 37}, {64, 50}}) {
                    int h = size[0];
                    int w = size[1];
                    Shape logits = new Shape(1, 3, h, w);
                    float[] v4 = random(rnd, 4 * h * w);
                    NDArray x4 = m.create(v4, new Shape(1, 4, h, w));
                    NDArray expected = probabilities(net, ps, x4);
                    assertClose(expected, plain.run(withOnes(v4, h * w), 1, 5, h, w), logits, "plain " + h + "x" + w);

                    float[] v5 = random(rnd, 5 * h * w);
                    NDArray x5 = m.create(v5, new Shape(1, 5, h, w));
                    NDArray mapped =
                            a.matMul(x5.reshape(5, h * w)).add(c.reshape(4, 1)).reshape(1, 4, h, w);
                    NDArray expectedAffine = probabilities(net, ps, mapped);
                    assertClose(
                            expectedAffine,
                            affine.run(withOnes(v5, h * w), 1, 6, h, w),
                            logits,
                            "affine " + h + "x" + w);
                }
            }
        }
    }

    /** The DJL network's class probabilities (its logits through a softmax over the classes). */
    private static NDArray probabilities(DeepLabV3Plus net, ParameterStore ps, NDArray x) {
        return net.forward(ps, new NDList(x), false).singletonOrThrow().softmax(1);
    }
}
