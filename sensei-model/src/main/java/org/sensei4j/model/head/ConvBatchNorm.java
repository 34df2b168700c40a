package org.sensei4j.model.head;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.sensei4j.model.layer.Scalars;
import org.sensei4j.model.onnx.Int8Quantiser;
import org.sensei4j.model.onnx.OnnxGraph;

/**
 * Convolution → BatchNorm → optional activation, the unit the Keras DeepLabv3+ repeats (children
 * {@code conv} and {@code bn}; the parent names this block after the Keras convolution layer, whose
 * BatchNorm is that name + {@code _BN}).
 */
final class ConvBatchNorm extends AbstractBlock {

    /** Activation after the BatchNorm. */
    enum Act {
        NONE,
        RELU,
        RELU6
    }

    private static final byte VERSION = 1;

    /** Inference folds the BatchNorm into the convolution; tests switch it off for the unfolded reference. */
    static volatile boolean foldInInference = true;

    private final Block conv;
    private final BatchNorm norm;
    private final Act act;
    private final float epsilon;

    ConvBatchNorm(Block conv, float epsilon, float momentum, Act act) {
        super(VERSION);
        this.epsilon = epsilon;
        this.conv = addChildBlock("conv", conv);
        this.norm = addChildBlock(
                "bn",
                BatchNorm.builder().optEpsilon(epsilon).optMomentum(momentum).build());
        this.act = act;
    }

    /** A 1×1 convolution without bias followed by BatchNorm and {@code act}. */
    static ConvBatchNorm pointwise(int filters, float epsilon, float momentum, Act act) {
        Conv2d conv = Conv2d.builder()
                .setKernelShape(new Shape(1, 1))
                .setFilters(filters)
                .optBias(false)
                .build();
        return new ConvBatchNorm(conv, epsilon, momentum, act);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        if (!training && foldInInference) {
            return new NDList(infer(parameterStore, inputs.singletonOrThrow(), null, null));
        }
        NDList x = conv.forward(parameterStore, inputs, training, params);
        NDArray y = norm.forward(parameterStore, x, training, params).singletonOrThrow();
        switch (act) {
            case RELU:
                y = Activation.relu(y);
                break;
            case RELU6:
                y = Scalars.relu6(y);
                break;
            default:
                break;
        }
        return new NDList(y);
    }

    /**
     * Inference with the BatchNorm folded into the convolution (one convolution, one activation pass instead of
     * three to four): weight·γ/√(σ²+ε) and β − μ·γ/√(σ²+ε). With {@code a} and {@code c} (not null) the input is
     * {@code A·x + c} per pixel (A (C, N), c (C)) and that map is folded in too; zero padding then still pads
     * {@code A·x + c} with zeros, as the unfolded convolution would, by convolving a ones image for the constant.
     */
    NDArray infer(ParameterStore ps, NDArray x, NDArray a, NDArray c) {
        // results of DJL operations belong to the left operand's manager: work on copies held by the input's
        // manager (freed with the step), never on the parameters themselves
        NDManager m = x.getManager();
        NDArray[] wb = folded(ps, m);
        NDArray y;
        if (a == null) {
            y = convolve(x, wb[0], wb[1]);
        } else {
            NDArray[] affine = foldAffine(wb[0], a, c);
            Shape xs = x.getShape();
            NDArray ones = m.ones(new Shape(xs.get(0), 1, xs.get(2), xs.get(3)), x.getDataType());
            y = convolve(x, affine[0], wb[1]).addi(convolve(ones, affine[1], null));
        }
        switch (act) {
            case RELU:
                return y.clip(0f, Float.MAX_VALUE);
            case RELU6:
                return Scalars.relu6(y);
            default:
                return y;
        }
    }

    /**
     * The convolution's weight and bias with the BatchNorm folded in, in {@code m}: weight·γ/√(σ²+ε) and
     * (bias − μ)·γ/√(σ²+ε) + β.
     */
    NDArray[] folded(ParameterStore ps, NDManager m) {
        Device device = m.getDevice();
        NDArray gamma = local(ps.getValue(norm.getParameters().get("gamma"), device, false), m);
        NDArray beta = local(ps.getValue(norm.getParameters().get("beta"), device, false), m);
        NDArray mean = local(ps.getValue(norm.getParameters().get("runningMean"), device, false), m);
        NDArray var = local(ps.getValue(norm.getParameters().get("runningVar"), device, false), m);
        Block convBlock = convolution();
        NDArray weight = local(ps.getValue(convBlock.getParameters().get("weight"), device, false), m);
        NDArray scale = gamma.div(Scalars.add(var, epsilon).sqrt());
        long out = weight.getShape().get(0);
        NDArray w = weight.mul(scale.reshape(out, 1, 1, 1));
        NDArray b = beta.sub(mean.mul(scale));
        if (convBlock.getParameters().contains("bias")) {
            b = b.add(local(ps.getValue(convBlock.getParameters().get("bias"), device, false), m)
                    .mul(scale));
        }
        return new NDArray[] {w, b};
    }

    /**
     * A folded weight W (O, C, k, k) (groups 1) applied to {@code A·x + c} per pixel: {W·A (O, N, k, k), W·c
     * (O, 1, k, k)}, the second to be convolved over a ones image so that zero padding pads {@code A·x + c} with
     * zeros, as the unfolded convolution does.
     */
    static NDArray[] foldAffine(NDArray w, NDArray a, NDArray c) {
        Shape ws = w.getShape();
        long out = ws.get(0);
        long k2 = ws.get(2) * ws.get(3);
        NDArray wt = w.reshape(out, ws.get(1), k2).transpose(0, 2, 1); // (O, k², C)
        NDArray wa = wt.matMul(a).transpose(0, 2, 1).reshape(out, a.getShape().get(1), ws.get(2), ws.get(3));
        NDArray wc = wt.matMul(c.reshape(c.getShape().get(0), 1)).reshape(out, 1, ws.get(2), ws.get(3));
        return new NDArray[] {wa, wc};
    }

    /** The convolution itself (the DJL block holding the weight). */
    private Block convolution() {
        return conv instanceof SameConv2d same ? same.convolution() : conv;
    }

    /**
     * Adds this unit to an ONNX graph (BatchNorm folded, activation as Clip or Relu) and returns its output. With
     * {@code a} and {@code c} the graph's input {@code x} holds the N band values and a last channel of ones, and
     * the unit computes what {@link #infer} computes on {@code A·x + c}.
     */
    String toOnnx(OnnxGraph g, String x, ParameterStore ps, NDManager m, NDArray a, NDArray c) {
        return toOnnx(g, x, ps, m, a, c, false);
    }

    /**
     * As {@link #toOnnx(OnnxGraph, String, ParameterStore, NDManager, NDArray, NDArray)}; with {@code quantise} and
     * a quantiser on the graph ({@link OnnxGraph#quantiser()}) the convolution is built by it (int8, or recorded
     * for calibration) and the returned tensor is its quantised output.
     */
    String toOnnx(OnnxGraph g, String x, ParameterStore ps, NDManager m, NDArray a, NDArray c, boolean quantise) {
        NDArray[] wb = folded(ps, m);
        NDArray w = wb[0];
        if (a != null) {
            NDArray[] affine = foldAffine(w, a, c);
            w = affine[0].concat(affine[1], 1);
        }
        Shape ws = w.getShape();
        List<OnnxGraph.Attribute> attributes = new ArrayList<>();
        attributes.add(OnnxGraph.Attribute.ints("kernel_shape", ws.get(2), ws.get(3)));
        if (conv instanceof SameConv2d same) {
            attributes.add(OnnxGraph.Attribute.ints("strides", same.stride(), same.stride()));
            attributes.add(OnnxGraph.Attribute.ints("dilations", same.dilation(), same.dilation()));
            attributes.add(OnnxGraph.Attribute.of("group", (long) same.groups()));
            if (same.padsExplicitly()) {
                // Keras 'same': the odd extra row and column of padding at the bottom and right
                attributes.add(OnnxGraph.Attribute.of("auto_pad", "SAME_UPPER"));
            } else {
                long p = (long) same.dilation() * (same.kernel() - 1) / 2;
                attributes.add(OnnxGraph.Attribute.ints("pads", p, p, p, p));
            }
        }
        OnnxGraph.Attribute[] attrs = attributes.toArray(new OnnxGraph.Attribute[0]);
        Int8Quantiser q = quantise ? g.quantiser() : null;
        String y = q == null
                ? g.node("Conv", List.of(x, constant(g, "w", w), constant(g, "b", wb[1])), attrs)
                : q.conv(g, x, w.toFloatArray(), ws.getShape(), wb[1].toFloatArray(), attrs);
        String activated = switch (act) {
            case RELU -> g.node("Relu", List.of(y));
            case RELU6 ->
                g.node("Clip", List.of(y, g.constant("zero", new float[] {0f}), g.constant("six", new float[] {6f})));
            default -> y;
        };
        return q == null ? activated : q.output(g, activated);
    }

    /** {@code array} as a constant of the graph; returns its name. */
    static String constant(OnnxGraph g, String prefix, NDArray array) {
        return g.constant(prefix, array.toFloatArray(), array.getShape().getShape());
    }

    private static NDArray local(NDArray parameter, NDManager manager) {
        NDArray copy = parameter.duplicate();
        copy.attach(manager);
        return copy;
    }

    private NDArray convolve(NDArray x, NDArray weight, NDArray bias) {
        if (conv instanceof SameConv2d same) {
            return same.convolve(x, weight, bias);
        }
        // 1×1, stride 1: a matrix product over the pixels, (O, C)·(B, C, H·W), straight on the NCHW data (oneDNN's
        // convolution reorders NCHW arrays to and from its blocked layout on every call)
        Shape s = x.getShape();
        long out = weight.getShape().get(0);
        NDArray w = weight.reshape(out, s.get(1));
        NDArray y = w.matMul(x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)));
        if (bias != null) {
            y = y.addi(bias.reshape(out, 1));
        }
        return y.reshape(s.get(0), out, s.get(2), s.get(3));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
        norm.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv.getOutputShapes(inputShapes);
    }
}
