package org.sensei4j.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Int8 convolutions in the QDQ format that ONNX Runtime's optimiser turns into its int8 kernels (QLinearConv, which
 * uses AVX-512 VNNI where the CPU has it): each quantised convolution reads its input through a
 * QuantizeLinear → DequantizeLinear pair (uint8, one scale and zero point per tensor), its weight as int8 values
 * with one symmetric scale per output channel through a DequantizeLinear on axis 0 (8 or 7 bits,
 * {@link Int8Weights}), its bias as int32 values with
 * the scale input scale × weight scale, and its output (after ReLU or ReLU6, which the quantisation's range then
 * clamps) goes through a QuantizeLinear → DequantizeLinear pair again, so that the optimiser finds the
 * DQ → Conv → Q pattern it fuses.
 *
 * <p>Two modes that build the same graph shape: {@link #recording()} leaves every convolution in float32 and makes
 * each activation that would be quantised (the "slots", in the order the graph is built) a graph output, for
 * calibration; {@link #quantising} takes one range per slot (from such a calibration, {@link ActivationRanges})
 * and emits the QDQ graph.
 */
public final class Int8Quantiser {

    private final List<float[]> ranges;
    private final Int8Weights weights;
    /** Recording: the tensor of each slot. */
    private final List<String> slots = new ArrayList<>();
    /** Float tensors already quantised (or recorded), to the tensor their consumers read. */
    private final Map<String, Activation> seen = new HashMap<>();

    /** Quantising: the first convolutions (in build order) that stay float32. */
    private final int floatFirst;

    private int quantisedConvolutions;
    private int builtConvolutions;
    /** Whether the last convolution built stayed float32 (then {@link #output} leaves its output in float). */
    private boolean lastFloat;

    /**
     * An activation: the name its consumers read, its slot and, when quantised, its uint8 scale and zero point
     * (a float activation is read as it is).
     */
    private record Activation(String tensor, int slot, boolean quantised, float scale, int zeroPoint) {}

    private Int8Quantiser(List<float[]> ranges, Int8Weights weights, int floatFirst) {
        this.ranges = ranges;
        this.weights = weights;
        this.floatFirst = floatFirst;
    }

    /** Float32 convolutions; every activation that int8 would quantise becomes a graph output. */
    public static Int8Quantiser recording() {
        return new Int8Quantiser(null, null, 0);
    }

    /**
     * Int8 convolutions with the activations' ranges ({@code [min, max]} per slot, in the recording's order) and
     * weights in the given range ({@link Int8Weights#forThisMachine()} for the CPU that will run the graph).
     */
    public static Int8Quantiser quantising(List<float[]> ranges, Int8Weights weights) {
        return quantising(ranges, weights, 0);
    }

    /**
     * As {@link #quantising(List, Int8Weights)} with the first {@code floatFirst} convolutions (in the order the graph
     * builds them) left in float32, their inputs and outputs unquantised: e.g. the high-resolution blocks of a
     * backbone, where int8 costs the most accuracy for the least time.
     */
    public static Int8Quantiser quantising(List<float[]> ranges, Int8Weights weights, int floatFirst) {
        if (floatFirst < 0) {
            throw new IllegalArgumentException("floatFirst must be ≥ 0, got " + floatFirst);
        }
        return new Int8Quantiser(List.copyOf(ranges), Objects.requireNonNull(weights, "weights"), floatFirst);
    }

    /** The weights' range; null when recording. */
    public Int8Weights weights() {
        return weights;
    }

    public boolean isRecording() {
        return ranges == null;
    }

    /** Recording: the tensors of the slots, in order (after the graph is built). */
    public List<String> slots() {
        return List.copyOf(slots);
    }

    /** The number of convolutions built in int8 (quantising) or marked for it (recording). */
    public int convolutions() {
        return quantisedConvolutions;
    }

    /** Recording: makes every slot a graph output (call once, after the graph's own output). */
    public void exposeSlots(OnnxGraph g) {
        for (String s : slots) {
            g.outputAnyShape(s);
        }
    }

    /**
     * A convolution with input {@code x}, weight {@code w} (dims O, C/groups, kh, kw) and optional bias (O values);
     * returns the convolution's output (call {@link #output} on it after its activation).
     */
    public String conv(
            OnnxGraph g, String x, float[] w, long[] wDims, float[] bias, OnnxGraph.Attribute... attributes) {
        boolean asFloat = !isRecording() && builtConvolutions < floatFirst;
        builtConvolutions++;
        lastFloat = asFloat;
        if (!asFloat) {
            quantisedConvolutions++;
        }
        Activation in = activation(g, x, !asFloat);
        if (isRecording() || asFloat) {
            List<String> inputs = new ArrayList<>(List.of(in.tensor(), g.constant("w", w, wDims)));
            if (bias != null) {
                inputs.add(g.constant("b", bias, wDims[0]));
            }
            return g.node("Conv", inputs, attributes);
        }
        int out = (int) wDims[0];
        int per = w.length / out;
        float[] scales = new float[out];
        byte[] q = new byte[w.length];
        int levels = weights.levels();
        for (int o = 0; o < out; o++) {
            float max = 0;
            for (int i = 0; i < per; i++) {
                max = Math.max(max, Math.abs(w[o * per + i]));
            }
            scales[o] = max > 0 ? max / levels : 1f;
            for (int i = 0; i < per; i++) {
                q[o * per + i] = (byte) Math.max(-levels, Math.min(levels, Math.round(w[o * per + i] / scales[o])));
            }
        }
        OnnxGraph.Attribute axis0 = OnnxGraph.Attribute.of("axis", 0L);
        String weight = g.node(
                "DequantizeLinear",
                List.of(
                        g.constantRaw("wq", OnnxGraph.INT8, q, wDims),
                        g.constant("ws", scales, out),
                        g.constantRaw("wz", OnnxGraph.INT8, new byte[out], out)),
                axis0);
        List<String> inputs = new ArrayList<>(List.of(in.tensor(), weight));
        if (bias != null) {
            float[] bScales = new float[out];
            ByteBuffer bq = ByteBuffer.allocate(out * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int o = 0; o < out; o++) {
                bScales[o] = in.scale() * scales[o];
                bq.putInt((int) Math.max(
                        Integer.MIN_VALUE + 1L,
                        Math.min(Integer.MAX_VALUE, Math.round((double) bias[o] / bScales[o]))));
            }
            inputs.add(g.node(
                    "DequantizeLinear",
                    List.of(
                            g.constantRaw("bq", OnnxGraph.INT32, bq.array(), out),
                            g.constant("bs", bScales, out),
                            g.constantRaw("bz", OnnxGraph.INT32, new byte[out * 4], out)),
                    axis0));
        }
        return g.node("Conv", inputs, attributes);
    }

    /**
     * A quantised convolution's output {@code y} (after its ReLU or ReLU6, if any): through QuantizeLinear →
     * DequantizeLinear (quantising) or marked as a slot (recording); returns the tensor its consumers read.
     */
    public String output(OnnxGraph g, String y) {
        return activation(g, y, !lastFloat).tensor();
    }

    /**
     * The tensor to read for {@code x} where it is also consumed outside a convolution (a residual sum, the image
     * pooling): its dequantised form once a quantised convolution has taken it, so that x's producer feeds only a
     * QuantizeLinear and ONNX Runtime can fuse it too (a residual Add with dequantised inputs and a quantised output
     * becomes its int8 Add); {@code x} itself otherwise.
     */
    public String read(String x) {
        Activation known = seen.get(x);
        return known == null ? x : known.tensor();
    }

    /**
     * {@code x} as a slot: a new slot the first time it is seen, quantised when {@code quantise} (and not recording);
     * the same activation after, quantised then if it was left in float before and now has to be.
     */
    private Activation activation(OnnxGraph g, String x, boolean quantise) {
        Activation known = seen.get(x);
        if (known != null && (known.quantised() || !quantise || isRecording())) {
            return known;
        }
        int slot;
        if (known != null) {
            slot = known.slot();
        } else {
            slot = slots.size();
            slots.add(x);
        }
        Activation a;
        if (isRecording() || !quantise) {
            a = new Activation(x, slot, false, 1f, 0);
        } else {
            if (slot >= ranges.size()) {
                throw new IllegalStateException(
                        "the graph has more quantised activations than the " + ranges.size() + " calibrated ranges");
            }
            float lo = Math.min(0f, ranges.get(slot)[0]);
            float hi = Math.max(0f, ranges.get(slot)[1]);
            float scale = hi > lo ? (hi - lo) / 255f : 1f;
            int zeroPoint = Math.max(0, Math.min(255, Math.round(-lo / scale)));
            String s = g.constant("xs", new float[] {scale});
            String z = g.constantRaw("xz", OnnxGraph.UINT8, new byte[] {(byte) zeroPoint});
            String dq = g.node("DequantizeLinear", List.of(g.node("QuantizeLinear", List.of(x, s, z)), s, z));
            a = new Activation(dq, slot, true, scale, zeroPoint);
            seen.put(dq, a);
        }
        seen.put(x, a);
        return a;
    }

    /** The number of activation slots so far. */
    public int slotCount() {
        return slots.size();
    }

    @Override
    public String toString() {
        return "Int8Quantiser[" + (isRecording() ? "recording" : "ranges " + ranges.size()) + ", slots "
                + Arrays.toString(slots.toArray()) + "]";
    }
}
