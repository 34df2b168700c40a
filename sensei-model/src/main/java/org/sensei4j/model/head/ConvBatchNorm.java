package org.sensei4j.model.head;

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
        this.norm = addChildBlock("bn",
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
                y = Activation.relu6(y);
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
        ai.djl.Device device = x.getDevice();
        // results of DJL operations belong to the left operand's manager: work on copies held by the input's
        // manager (freed with the step), never on the parameters themselves
        NDManager m = x.getManager();
        NDArray gamma = local(ps.getValue(norm.getParameters().get("gamma"), device, false), m);
        NDArray beta = local(ps.getValue(norm.getParameters().get("beta"), device, false), m);
        NDArray mean = local(ps.getValue(norm.getParameters().get("runningMean"), device, false), m);
        NDArray var = local(ps.getValue(norm.getParameters().get("runningVar"), device, false), m);
        Block convBlock = conv instanceof SameConv2d same ? same.convolution() : conv;
        NDArray weight = local(ps.getValue(convBlock.getParameters().get("weight"), device, false), m);
        NDArray scale = gamma.div(var.add(epsilon).sqrt());
        long out = weight.getShape().get(0);
        NDArray w = weight.mul(scale.reshape(out, 1, 1, 1));
        NDArray b = beta.sub(mean.mul(scale));
        if (convBlock.getParameters().contains("bias")) {
            b = b.add(local(ps.getValue(convBlock.getParameters().get("bias"), device, false), m).mul(scale));
        }
        NDArray y;
        if (a == null) {
            y = convolve(x, w, b);
        } else {
            Shape ws = w.getShape(); // (O, C, k, k) with groups 1
            long k2 = ws.get(2) * ws.get(3);
            // W·A: (O, N, k, k) = Σ_c W[o, c, ·]·A[c, n]
            NDArray wt = w.reshape(out, ws.get(1), k2).transpose(0, 2, 1); // (O, k², C)
            NDArray wa = wt.matMul(a).transpose(0, 2, 1).reshape(out, a.getShape().get(1), ws.get(2), ws.get(3));
            NDArray wc = wt.matMul(c.reshape(c.getShape().get(0), 1)).reshape(out, 1, ws.get(2), ws.get(3));
            Shape xs = x.getShape();
            NDArray ones = m.ones(new Shape(xs.get(0), 1, xs.get(2), xs.get(3)), x.getDataType());
            y = convolve(x, wa, b).addi(convolve(ones, wc, null));
        }
        switch (act) {
            case RELU:
                return y.clip(0f, Float.MAX_VALUE);
            case RELU6:
                return y.clip(0f, 6f);
            default:
                return y;
        }
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
