package org.sensei4j.model.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.model.head.HeadType;
import org.sensei4j.model.head.TestNetworks;

/**
 * Inference folds BatchNorm into the convolutions and SEnSeI's band multiplication into the head's first layer;
 * the result must equal the unfolded computation: SEnSeI features formed explicitly, then the head with its
 * BatchNorms applied as such (checked against DJL's batchNorm below through the training-free reference).
 */
class FusedInferenceTest {

    private static NDArray random(NDManager m, Random rnd, Shape shape) {
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat() * 0.8f;
        }
        return m.create(v, shape);
    }

    /** Runs the unfolded path: SEnSeI features formed, then the head's BatchNorms as separate operations. */
    private static NDArray reference(CloudModel model, ParameterStore ps, NDArray values, NDArray desc) {
        NDArray features =
                model.sensei().forward(ps, new NDList(values, desc), false).singletonOrThrow();
        return UnfoldedReference.forward(model.head(), ps, features);
    }

    /**
     * 50 layers with random BatchNorm statistics (gains up to 3.4 each) amplify float rounding: the folded path
     * sums in another order, so the whole network agrees to ~1e-4 relative (measured 1.2e-4); the stem itself
     * agrees to 1e-5 (ConvBatchNormTest). A wrong fold or padding gives errors of order 1.
     */
    @Test
    void senseiDeepLabFusedEqualsFeaturesThenHeadOnOddSizesAndABatchOfTwo() {
        check(HeadType.DEEPLAB_V3_PLUS, 37, 45, 1e-3f);
    }

    @Test
    void senseiNnFusedEqualsFeaturesThenHead() {
        check(HeadType.PIXEL_MLP, 13, 17, 1e-5f);
    }

    private static void check(HeadType head, int h, int w, float tolerance) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            CloudModel model = CloudModel.create(ModelSpec.sensei(head, ClassScheme.CLEAR_CLOUD_SHADOW), m);
            TestNetworks.randomiseBatchNorms(model.head(), 17);
            ParameterStore ps = new ParameterStore(m, false);
            Random rnd = new Random(9);
            for (int n : new int[] {3, 8}) {
                float[] d = new float[2 * n * 3];
                for (int img = 0; img < 2; img++) {
                    for (int b = 0; b < n; b++) {
                        // a different band set per image: its own A and c
                        var band = CloudModelTest.COMMON_BANDS.get((b + img) % CloudModelTest.COMMON_BANDS.size());
                        System.arraycopy(band.descriptor().normalised(), 0, d, (img * n + b) * 3, 3);
                    }
                }
                NDArray desc = m.create(d, new Shape(2, n, 3));
                NDArray values = random(m, rnd, new Shape(2, n, h, w));
                NDArray fused =
                        model.forward(ps, new NDList(values, desc), false).singletonOrThrow();
                NDArray expected = NDArrays.concat(
                        new NDList(
                                reference(model, ps, values.get(new NDIndex("0:1")), desc.get(new NDIndex("0:1"))),
                                reference(model, ps, values.get(new NDIndex("1:2")), desc.get(new NDIndex("1:2")))),
                        0);
                assertThat(fused.getShape()).isEqualTo(new Shape(2, 3, h, w));
                float scale = Math.max(1f, expected.abs().max().getFloat());
                assertThat(fused.sub(expected).abs().max().getFloat() / scale)
                        .as("%s, %d bands", head, n)
                        .isLessThan(tolerance);
                // the logits vary (a constant output would pass any comparison)
                assertThat(expected.max().getFloat() - expected.min().getFloat())
                        .isGreaterThan(0.01f);
            }
        }
    }

    @Test
    void deepLabWithFoldedBatchNormEqualsTheUnfoldedNetwork() {
        try (NDManager m = NDManager.newBaseManager()) {
            var net = TestNetworks.deepLab(m, 4, 13, 3, 21);
            ParameterStore ps = new ParameterStore(m, false);
            for (int[] size : new int[][] {{33, 33}, {40, 37}, {64, 64}}) {
                NDArray x = random(m, new Random(size[0]), new Shape(1, 13, size[0], size[1]));
                NDArray folded = net.forward(ps, new NDList(x), false).singletonOrThrow();
                NDArray unfolded = UnfoldedReference.forward(net, ps, x);
                float scale = Math.max(1f, unfolded.abs().max().getFloat());
                assertThat(folded.sub(unfolded).abs().max().getFloat() / scale)
                        .as("%dx%d", size[0], size[1])
                        .isLessThan(1e-4f);
                assertThat(unfolded.max().getFloat() - unfolded.min().getFloat())
                        .isGreaterThan(0.01f);
            }
        }
    }
}
