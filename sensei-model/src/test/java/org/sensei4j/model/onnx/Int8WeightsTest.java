package org.sensei4j.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.SavedProperty;

/**
 * ONNX Runtime's fused int8 kernels compute what the QDQ graph means (the same graph run without optimisation:
 * dequantise, float convolution, quantise), layer by layer, with the weight range {@link Int8Weights} picks for
 * this CPU; and 8-bit weights on an x86 CPU without VNNI do not (the saturation the choice avoids). The inputs are
 * ReLU6-like activations, a fifth of them at the top of the range, as in a trained MobileNetV2.
 */
class Int8WeightsTest {

    /** A layer: channels in and out, kernel size, groups, stride; with a residual Add of a second 1×1 convolution. */
    private record Layer(int in, int out, int kernel, int groups, int stride, boolean residual) {}

    private static final List<Layer> LAYERS = List.of(
            new Layer(160, 960, 1, 1, 1, false), // expansion
            new Layer(960, 320, 1, 1, 1, false), // projection
            new Layer(64, 64, 3, 64, 1, false), // depthwise
            new Layer(64, 64, 3, 64, 2, false), // depthwise, stride 2
            new Layer(32, 32, 3, 1, 2, false), // full 3×3, stride 2
            new Layer(64, 64, 1, 1, 1, true)); // residual sum (QLinearAdd)

    /** Per layer: {largest difference in quantisation steps, values that differ by ≥ 1 step, values}. */
    private static List<double[]> fusedVersusQdq(Int8Weights weights) {
        Random rnd = new Random(1);
        List<double[]> result = new ArrayList<>();
        int h = 32;
        int w = 32;
        for (Layer l : LAYERS) {
            int per = l.in() / l.groups() * l.kernel() * l.kernel();
            float[] wt = new float[l.out() * per];
            for (int i = 0; i < wt.length; i++) {
                wt[i] = (float) (rnd.nextGaussian() / Math.sqrt(per));
            }
            float[] bias = new float[l.out()];
            for (int i = 0; i < bias.length; i++) {
                bias[i] = (float) rnd.nextGaussian() * 0.1f;
            }
            long[] dims = {l.out(), l.in() / l.groups(), l.kernel(), l.kernel()};
            float[] x = new float[l.in() * h * w];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.min(6, Math.abs(rnd.nextGaussian() * 4));
            }
            int oh = h / l.stride();
            int ow = w / l.stride();
            java.util.function.Function<Int8Quantiser, byte[]> build = q -> {
                OnnxGraph g = new OnnxGraph("layer").quantiser(q);
                g.input("x", 1L, (long) l.in(), (long) h, (long) w);
                int p = l.kernel() / 2;
                String y = q.conv(
                        g,
                        "x",
                        wt,
                        dims,
                        bias,
                        OnnxGraph.Attribute.ints("pads", p, p, p, p),
                        OnnxGraph.Attribute.of("group", (long) l.groups()),
                        OnnxGraph.Attribute.ints("strides", l.stride(), l.stride()));
                y = q.output(g, g.node("Relu", List.of(y)));
                if (l.residual()) {
                    String y2 = q.output(g, q.conv(g, y, wt, dims, bias));
                    y = q.output(g, g.node("Add", List.of(q.read(y), y2)));
                }
                g.output(g.node("Identity", List.of(y)), 1L, (long) l.out(), (long) oh, (long) ow);
                if (q.isRecording()) {
                    q.exposeSlots(g);
                }
                return g.toModelBytes();
            };
            List<float[]> ranges = ActivationRanges.calibrate(
                    build.apply(Int8Quantiser.recording()), List.of(new ActivationRanges.Input(x, l.in(), h, w)), 100);
            byte[] model = build.apply(Int8Quantiser.quantising(ranges, weights));
            try (OnnxSession fused = new OnnxSession(model, 1);
                    OnnxSession asWritten = new OnnxSession(model, 1, OrtSession.SessionOptions.OptLevel.NO_OPT)) {
                float[] a = fused.run(x, 1, l.in(), h, w).values();
                float[] b = asWritten.run(x, 1, l.in(), h, w).values();
                float[] last = ranges.get(ranges.size() - 1);
                double step = (last[1] - Math.min(0, last[0])) / 255.0;
                double max = 0;
                int off = 0;
                for (int i = 0; i < a.length; i++) {
                    double d = Math.abs(a[i] - b[i]) / step;
                    max = Math.max(max, d);
                    off += d > 0.5 ? 1 : 0;
                }
                result.add(new double[] {max, off, a.length});
            }
        }
        return result;
    }

    @Test
    void theFusedKernelsComputeTheQdqGraphWithThisMachinesWeights() {
        Int8Weights weights = Int8Weights.forThisMachine();
        List<double[]> r = fusedVersusQdq(weights);
        for (int i = 0; i < r.size(); i++) {
            double[] d = r.get(i);
            System.out.printf(
                    "%s weights, %s: max %.0f steps, %.0f of %.0f differ%n", weights, LAYERS.get(i), d[0], d[1], d[2]);
            // rounding of the requantisation: at most one step (1.5: the float step), on a few values (≤ 4 of 983,040
            // measured)
            assertThat(d[0]).as("layer %s", LAYERS.get(i)).isLessThan(1.5);
            assertThat(d[1] / d[2]).as("layer %s", LAYERS.get(i)).isLessThan(1e-4);
        }
    }

    @Test
    void eightBitWeightsSaturateExactlyOnX86WithoutVnni() {
        boolean saturates =
                Int8Weights.forCpu(System.getProperty("os.arch"), Int8Weights.cpuFlags()) == Int8Weights.REDUCED;
        List<double[]> r = fusedVersusQdq(Int8Weights.FULL);
        double worst = r.stream().mapToDouble(d -> d[0]).max().orElseThrow();
        System.out.printf(
                "8-bit weights on this CPU: worst layer %.0f steps off (VNNI or not x86: %s)%n", worst, !saturates);
        if (saturates) {
            // measured on an AMD EPYC (Zen 3, AVX2): up to 32 steps, on 13% of the expansion's outputs
            assertThat(worst).isGreaterThan(8);
        } else {
            assertThat(worst).isLessThan(1.5);
        }
    }

    @Test
    void theChoiceFollowsTheArchitectureAndTheVnniFlags() {
        String zen3 = "fpu sse sse2 avx avx2 fma bmi2 vaes vpclmulqdq";
        String cascadeLake = "avx2 avx512f avx512bw avx512_vnni";
        assertThat(Int8Weights.forCpu("amd64", zen3)).isEqualTo(Int8Weights.REDUCED);
        assertThat(Int8Weights.forCpu("amd64", "avx2 avx512f avx512bw")).isEqualTo(Int8Weights.REDUCED);
        assertThat(Int8Weights.forCpu("amd64", cascadeLake)).isEqualTo(Int8Weights.FULL);
        assertThat(Int8Weights.forCpu("x86_64", "avx2\tavx_vnni")).isEqualTo(Int8Weights.FULL);
        // a flag that only contains the word does not count
        assertThat(Int8Weights.forCpu("amd64", "avx512_vnni_like")).isEqualTo(Int8Weights.REDUCED);
        assertThat(Int8Weights.forCpu("amd64", null)).isEqualTo(Int8Weights.REDUCED);
        assertThat(Int8Weights.forCpu("aarch64", null)).isEqualTo(Int8Weights.FULL);
        assertThat(Int8Weights.FULL.levels()).isEqualTo(127);
        assertThat(Int8Weights.REDUCED.levels()).isEqualTo(63);
    }

    @Test
    void thePropertyOverridesTheChoice() {
        try (SavedProperty saved = new SavedProperty(Int8Weights.PROPERTY)) {
            saved.set("7");
            assertThat(Int8Weights.forThisMachine()).isEqualTo(Int8Weights.REDUCED);
            saved.set("8");
            assertThat(Int8Weights.forThisMachine()).isEqualTo(Int8Weights.FULL);
            saved.set("6");
            assertThatThrownBy(Int8Weights::forThisMachine)
                    .isInstanceOf(SenseiException.class)
                    .hasMessage("-Dsensei.int8.weight-bits must be 8 or 7, got '6'");
        }
    }
}
