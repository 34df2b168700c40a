package org.sensei4j.model.sensei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SenseiEncoderTest {

    private static NDManager manager;
    private static SenseiEncoder encoder;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(42);
        encoder = SenseiEncoder.published();
        encoder.initialize(manager);
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    static long count(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    @Test
    void publishedConfigHasThePapersParameterCounts() {
        assertThat(count(encoder.descriptorBlock())).isEqualTo(24_208);
        assertThat(count(encoder.permutedBlock())).isEqualTo(62_848);
        assertThat(count(encoder.combinedBlock())).isEqualTo(123_488);
        assertThat(count(encoder)).isEqualTo(210_544);
        SenseiConfig c = SenseiConfig.published();
        assertThat(c.descriptorBlockParameters()).isEqualTo(24_208);
        assertThat(c.permutedBlockParameters()).isEqualTo(62_848);
        assertThat(c.combinedBlockParameters()).isEqualTo(123_488);
        assertThat(c.parameterCount()).isEqualTo(210_544);
    }

    @Test
    void otherSizesBuildAndCountConsistently() {
        SenseiConfig small = new SenseiConfig(
                new DenseStackConfig(new int[] {8, 8}, 16, true),
                new DenseStackConfig(new int[] {16}, 16, false),
                new DenseStackConfig(new int[] {32}, 32, false),
                0.5f,
                2,
                1e-3f,
                0.01f);
        try (NDManager m = NDManager.newBaseManager()) {
            SenseiEncoder e = new SenseiEncoder(small);
            e.initialize(m);
            assertThat(count(e)).isEqualTo(small.parameterCount());
            NDArray out = e.forward(
                            new ParameterStore(m, false),
                            new NDList(
                                    m.randomUniform(0, 1, new Shape(2, 5, 4, 3)),
                                    m.randomUniform(0, 2, new Shape(2, 5, 3))),
                            false)
                    .singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(2, 32, 4, 3));
        }
    }

    @Test
    void outputIsInvariantToBandOrderForAnyBandCount() {
        Random rnd = new Random(20211);
        float maxDiff = 0;
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            for (int n = 1; n <= 20; n++) {
                int h = 3;
                int w = 4;
                float[][] values = new float[n][h * w];
                float[][] desc = new float[n][];
                for (int b = 0; b < n; b++) {
                    for (int k = 0; k < h * w; k++) {
                        values[b][k] = 1.2f * rnd.nextFloat();
                    }
                    float lo = 2.5f * rnd.nextFloat();
                    float c = lo + 0.02f + 0.05f * (float) Math.abs(rnd.nextGaussian());
                    desc[b] = new float[] {lo, c, c + 0.02f + 0.05f * (float) Math.abs(rnd.nextGaussian())};
                }
                NDArray reference = encode(m, ps, values, desc, identity(n), h, w);
                for (int trial = 0; trial < 5; trial++) {
                    List<Integer> order = identity(n);
                    Collections.shuffle(order, rnd);
                    NDArray permuted = encode(m, ps, values, desc, order, h, w);
                    float d = reference.sub(permuted).abs().max().getFloat();
                    maxDiff = Math.max(maxDiff, d);
                }
                assertThat(reference.getShape()).isEqualTo(new Shape(1, 64, h, w));
            }
        }
        assertThat(maxDiff).isLessThanOrEqualTo(1e-5f);
    }

    @Test
    void permutationTestWouldNoticeAnOrderDependentEncoder() {
        // guard for the test above: swapping descriptors between bands (pairing values with other bands'
        // descriptors) must change the output
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            float[][] values = {{0.1f, 0.2f}, {0.9f, 0.8f}, {0.4f, 0.5f}};
            float[][] desc = {{0.1f, 0.2f, 0.3f}, {1.0f, 1.1f, 1.2f}, {2.0f, 2.1f, 2.2f}};
            NDArray a = encode(m, ps, values, desc, List.of(0, 1, 2), 1, 2);
            float[][] swapped = {desc[1], desc[0], desc[2]};
            NDArray b = encode(m, ps, values, swapped, List.of(0, 1, 2), 1, 2);
            assertThat(a.sub(b).abs().max().getFloat()).isGreaterThan(1e-3f);
        }
    }

    @Test
    void mismatchedBandAndDescriptorCountsAreRejected() {
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDList in = new NDList(m.zeros(new Shape(1, 4, 2, 2)), m.zeros(new Shape(1, 3, 3)));
            assertThatThrownBy(() -> encoder.forward(ps, in, false))
                    .hasMessageContaining("4 bands of values but 3 descriptors");
        }
    }

    private static List<Integer> identity(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }

    private static NDArray encode(
            NDManager m, ParameterStore ps, float[][] values, float[][] desc, List<Integer> order, int h, int w) {
        int n = values.length;
        float[] v = new float[n * h * w];
        float[] d = new float[n * 3];
        for (int k = 0; k < n; k++) {
            int src = order.get(k);
            System.arraycopy(values[src], 0, v, k * h * w, h * w);
            System.arraycopy(desc[src], 0, d, k * 3, 3);
        }
        NDList in = new NDList(m.create(v, new Shape(1, n, h, w)), m.create(d, new Shape(1, n, 3)));
        return encoder.forward(ps, in, false).singletonOrThrow();
    }
}
