package org.sensei4j.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.sensei4j.model.onnx.OnnxGraph;

/**
 * MobileNetV2 inverted residual block as in the Keras DeepLabv3+ ({@code _inverted_res_block}), NCHW:
 * 1×1 expansion to {@code expansion × inChannels} (BN, ReLU6; omitted when {@code expansion == 1}),
 * 3×3 depthwise convolution with the given stride and atrous rate and 'same' padding (BN, ReLU6), linear
 * 1×1 projection to {@code outChannels} (BN), and an identity skip connection when {@code skip} is set.
 * No convolution has a bias.
 */
public final class InvertedResidual extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int outChannels;
    private final int stride;
    private final boolean skip;
    private final ConvBatchNorm expand;
    private final ConvBatchNorm depthwise;
    private final ConvBatchNorm project;

    /**
     * @param prefix Keras layer name prefix, e.g. {@code expanded_conv_3_}; child blocks are named
     *     {@code prefix + expand|depthwise|project}
     * @param inChannels input channels
     * @param expansion expansion factor of the hidden layer (1 = no expansion convolution)
     * @param outChannels output channels
     * @param stride depthwise stride (1 or 2)
     * @param rate depthwise dilation (atrous) rate
     * @param skip add the input to the output (requires stride 1 and {@code inChannels == outChannels})
     * @param epsilon BatchNorm epsilon
     * @param momentum BatchNorm momentum (Keras meaning: weight of the old running statistic)
     */
    public InvertedResidual(
            String prefix,
            int inChannels,
            int expansion,
            int outChannels,
            int stride,
            int rate,
            boolean skip,
            float epsilon,
            float momentum) {
        super(VERSION);
        if (skip && (stride != 1 || inChannels != outChannels)) {
            throw new IllegalArgumentException(String.format(
                    "a skip connection needs stride 1 and equal channels; got stride %d, %d → %d channels",
                    stride, inChannels, outChannels));
        }
        if (expansion < 1) {
            throw new IllegalArgumentException("expansion must be at least 1, got " + expansion);
        }
        this.outChannels = outChannels;
        this.stride = stride;
        this.skip = skip;
        int hidden = expansion * inChannels;
        this.expand = expansion == 1
                ? null
                : addChildBlock(
                        prefix + "expand", ConvBatchNorm.pointwise(hidden, epsilon, momentum, ConvBatchNorm.Act.RELU6));
        this.depthwise = addChildBlock(
                prefix + "depthwise",
                new ConvBatchNorm(
                        new SameConv2d(hidden, 3, stride, rate, hidden, false),
                        epsilon,
                        momentum,
                        ConvBatchNorm.Act.RELU6));
        this.project = addChildBlock(
                prefix + "project", ConvBatchNorm.pointwise(outChannels, epsilon, momentum, ConvBatchNorm.Act.NONE));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        if (expand != null) {
            x = expand.forward(parameterStore, x, training, params);
        }
        x = depthwise.forward(parameterStore, x, training, params);
        x = project.forward(parameterStore, x, training, params);
        if (skip) {
            NDArray sum = x.singletonOrThrow().add(inputs.singletonOrThrow());
            return new NDList(sum);
        }
        return x;
    }

    /** Adds this block to an ONNX graph (BatchNorm folded) and returns its output. */
    String toOnnx(OnnxGraph g, String x, ParameterStore ps, NDManager m) {
        String y = x;
        if (expand != null) {
            y = expand.toOnnx(g, y, ps, m, null, null, true);
        }
        y = depthwise.toOnnx(g, y, ps, m, null, null, true);
        y = project.toOnnx(g, y, ps, m, null, null, true);
        if (!skip) {
            return y;
        }
        return g.node(
                "Add", List.of(y, g.quantiser() == null ? x : g.quantiser().read(x)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        if (expand != null) {
            expand.initialize(manager, dataType, shapes);
            shapes = expand.getOutputShapes(shapes);
        }
        depthwise.initialize(manager, dataType, shapes);
        shapes = depthwise.getOutputShapes(shapes);
        project.initialize(manager, dataType, shapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {
            new Shape(in.get(0), outChannels, (in.get(2) + stride - 1) / stride, (in.get(3) + stride - 1) / stride)
        };
    }
}
