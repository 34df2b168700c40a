package org.sensei4j.model.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.model.head.HeadType;
import org.sensei4j.model.head.PixelMlpKernel;

/**
 * The per-pixel head compiled as a {@link PixelMlpKernel} ({@link CloudPredictor#compile}) gives the DJL forward
 * pass's probabilities to float rounding, for SEnSeI models on band sets of 1 to 13 bands (the kernel takes the
 * bands four at a time, then one at a time) and pixel counts that are not multiples of its block, and for a
 * fixed-band model; planes are read at any offsets.
 */
class PixelMlpKernelTest {

    private static final float TOLERANCE = 2e-6f;

    @Test
    void senseiNnKernelEqualsTheDjlForwardPassForAnyBandCountAndSize() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            CloudModel model =
                    CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLEAR_CLOUD_SHADOW), m);
            ParameterStore ps = new ParameterStore(m, false);
            Random rnd = new Random(11);
            int checked = 0;
            for (int n = 1; n <= 13; n++) {
                int h = 1 + rnd.nextInt(40);
                int w = 1 + rnd.nextInt(40);
                List<BandDescriptor> d = new ArrayList<>();
                for (int b = 0; b < n; b++) {
                    d.add(CloudModelTest.COMMON_BANDS
                            .get(rnd.nextInt(CloudModelTest.COMMON_BANDS.size()))
                            .descriptor());
                }
                float[] values = new float[n * h * w];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rnd.nextFloat() * 1.2f - 0.1f;
                }
                NDArray expected = CloudPredictor.of(model).predict(ps, m.create(values, new Shape(1, n, h, w)), d);
                try (CompiledHead head =
                        CloudPredictor.of(model).compile(ps, d, 1).orElseThrow()) {
                    assertThat(head.perPixel()).isTrue();
                    assertThat(head.bands()).isEqualTo(n);
                    assertThat(head.classes()).isEqualTo(3);
                    float[] want = expected.toFloatArray();
                    // planes in reverse order at shifted offsets of a larger array: the offsets are what counts
                    int pixels = h * w;
                    float[] shuffled = new float[(n + 1) * pixels + 7];
                    int[] offsets = new int[n];
                    for (int b = 0; b < n; b++) {
                        offsets[b] = 7 + (n - b) * pixels;
                        System.arraycopy(values, b * pixels, shuffled, offsets[b], pixels);
                    }
                    float[] got = head.probabilities(shuffled, offsets, pixels);
                    assertThat(got).hasSize(want.length);
                    for (int i = 0; i < want.length; i++) {
                        assertThat(got[i]).as("n=%d, value %d", n, i).isCloseTo(want[i], within(TOLERANCE));
                    }
                    checked += pixels;
                }
            }
            assertThat(checked).isGreaterThan(256);
        }
    }

    @Test
    void aFixedBandNnKernelEqualsTheDjlForwardPass() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(6);
            CloudModel model = CloudModel.create(
                    ModelSpec.fixedBands(HeadType.PIXEL_MLP, CloudModelTest.COMMON_BANDS, ClassScheme.CLOUD_CLEAR), m);
            List<String> ids =
                    CloudModelTest.COMMON_BANDS.stream().map(BandSpec::id).toList();
            ParameterStore ps = new ParameterStore(m, false);
            int n = ids.size();
            int h = 19;
            int w = 23;
            Random rnd = new Random(12);
            float[] values = new float[(n + 1) * h * w];
            for (int i = 0; i < n * h * w; i++) {
                values[i] = rnd.nextFloat();
            }
            float[] want = CloudPredictor.of(model)
                    .predictFixed(ps, m.create(Arrays.copyOf(values, n * h * w), new Shape(1, n, h, w)), ids)
                    .toFloatArray();
            try (CompiledHead head =
                    CloudPredictor.of(model).compile(ps, null, 1).orElseThrow()) {
                // the tile-with-ones form that DeepLabv3+ takes works too
                float[] got = head.probabilities(values, h, w);
                for (int i = 0; i < want.length; i++) {
                    assertThat(got[i]).isCloseTo(want[i], within(TOLERANCE));
                }
            }
        }
    }

    @Test
    void aDeepLabHeadIsNotPerPixelAndRefusesLoosePixels() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            CloudModel model =
                    CloudModel.create(ModelSpec.sensei(HeadType.DEEPLAB_V3_PLUS, ClassScheme.CLOUD_CLEAR), m);
            List<BandDescriptor> d = CloudModelTest.COMMON_BANDS.subList(0, 3).stream()
                    .map(BandSpec::descriptor)
                    .toList();
            try (CompiledHead head = CloudPredictor.of(model)
                    .compile(new ParameterStore(m, false), d, 1)
                    .orElseThrow()) {
                assertThat(head.perPixel()).isFalse();
                assertThatThrownBy(() -> head.probabilities(new float[300], new int[] {0, 100, 200}, 100))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("takes whole tiles");
            }
        }
    }

    @Test
    void badPlanesAreRefusedWithTheirSizes() {
        PixelMlpKernel k = new PixelMlpKernel(new float[6], new float[2], new float[4], new float[2]);
        assertThat(k.inputs()).isEqualTo(3);
        assertThatThrownBy(() -> k.probabilities(new float[30], new int[] {0, 10}, 10))
                .hasMessage("the kernel takes 3 values per pixel, got 2 planes");
        assertThatThrownBy(() -> k.probabilities(new float[30], new int[] {0, 10, 21}, 10))
                .hasMessage("a plane of 10 values at 21 does not fit in 30 values");
        assertThatThrownBy(() -> new PixelMlpKernel(new float[5], new float[2], new float[4], new float[2]))
                .hasMessageContaining("needs w1 (hidden × inputs)");
        // all-zero weights: every class equally probable
        float[] p = k.probabilities(new float[30], new int[] {0, 10, 20}, 10);
        assertThat(p).hasSize(20).containsOnly(0.5f);
    }

    private static org.assertj.core.data.Offset<Float> within(float t) {
        return org.assertj.core.data.Offset.offset(t);
    }
}
