package org.sensei4j.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A square 2-D convolution (NCHW) with TensorFlow/Keras {@code padding='same'}: the output is
 * {@code ceil(H / stride) × ceil(W / stride)} and, when the padding needed is odd, the extra zero
 * row/column goes at the bottom/right, exactly as in Keras. DJL's {@link Conv2d} only pads
 * symmetrically, which shifts strided outputs by one pixel on even-sized inputs.
 *
 * <p>With stride 1 and an odd kernel the padding is symmetric and is left to the convolution; otherwise
 * the input is zero-padded explicitly and convolved without padding.
 */
public final class SameConv2d extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int filters;
    private final int kernel;
    private final int stride;
    private final int dilation;
    private final int groups;
    private final boolean explicitPadding;
    private final Conv2d conv;

    /**
     * @param filters output channels
     * @param kernel kernel height and width (pixels)
     * @param stride stride (pixels)
     * @param dilation dilation (atrous) rate
     * @param groups channel groups (the input channel count for a depthwise convolution)
     * @param bias whether to add a bias per output channel
     */
    public SameConv2d(int filters, int kernel, int stride, int dilation, int groups, boolean bias) {
        super(VERSION);
        if (filters < 1 || kernel < 1 || stride < 1 || dilation < 1 || groups < 1) {
            throw new IllegalArgumentException(String.format(
                    "SameConv2d needs positive filters, kernel, stride, dilation and groups; got %d, %d, %d, %d, %d",
                    filters, kernel, stride, dilation, groups));
        }
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.dilation = dilation;
        this.groups = groups;
        this.explicitPadding = stride != 1 || kernel % 2 == 0;
        int pad = explicitPadding ? 0 : dilation * (kernel - 1) / 2;
        this.conv = addChildBlock(
                "conv",
                Conv2d.builder()
                        .setKernelShape(new Shape(kernel, kernel))
                        .setFilters(filters)
                        .optStride(new Shape(stride, stride))
                        .optPadding(new Shape(pad, pad))
                        .optDilation(new Shape(dilation, dilation))
                        .optGroups(groups)
                        .optBias(bias)
                        .build());
    }

    /**
     * Keras 'same' padding along one axis.
     *
     * @return {before, after} zero pixels to add
     */
    static long[] samePadding(long size, int kernel, int stride, int dilation) {
        long out = (size + stride - 1) / stride;
        long effectiveKernel = (long) (kernel - 1) * dilation + 1;
        long total = Math.max((out - 1) * stride + effectiveKernel - size, 0);
        return new long[] {total / 2, total - total / 2};
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return conv.forward(parameterStore, new NDList(padded(inputs.singletonOrThrow())), training, params);
    }

    /** The input with Keras 'same' zero padding where the convolution does not pad itself. */
    private NDArray padded(NDArray x) {
        if (explicitPadding) {
            Shape s = x.getShape();
            long[] h = samePadding(s.get(2), kernel, stride, dilation);
            long[] w = samePadding(s.get(3), kernel, stride, dilation);
            if (h[0] + h[1] + w[0] + w[1] > 0) {
                // pad() takes pairs from the last axis: (left, right, top, bottom)
                return x.pad(new Shape(w[0], w[1], h[0], h[1]), 0);
            }
        }
        return x;
    }

    int kernel() {
        return kernel;
    }

    int stride() {
        return stride;
    }

    int dilation() {
        return dilation;
    }

    int groups() {
        return groups;
    }

    /** Whether the input is padded before the convolution (stride > 1 or an even kernel), Keras-style. */
    boolean padsExplicitly() {
        return explicitPadding;
    }

    /** The wrapped DJL convolution (its parameters are {@code weight} and, with a bias, {@code bias}). */
    Conv2d convolution() {
        return conv;
    }

    /**
     * This convolution (stride, dilation, groups, 'same' padding) with other weights, e.g. BatchNorm folded in;
     * the weight's input channels may differ from the block's.
     */
    NDArray convolve(NDArray input, NDArray weight, NDArray bias) {
        NDArray x = padded(input);
        int pad = explicitPadding ? 0 : dilation * (kernel - 1) / 2;
        return Conv2d.conv2d(
                        x,
                        weight,
                        bias,
                        new Shape(stride, stride),
                        new Shape(pad, pad),
                        new Shape(dilation, dilation),
                        groups)
                .singletonOrThrow();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, paddedShape(inputShapes[0]));
    }

    private Shape paddedShape(Shape in) {
        if (!explicitPadding) {
            return in;
        }
        long[] h = samePadding(in.get(2), kernel, stride, dilation);
        long[] w = samePadding(in.get(3), kernel, stride, dilation);
        return new Shape(in.get(0), in.get(1), in.get(2) + h[0] + h[1], in.get(3) + w[0] + w[1]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), filters, ceilDiv(in.get(2), stride), ceilDiv(in.get(3), stride))};
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    @Override
    public String toString() {
        return String.format(
                "SameConv2d(filters=%d, kernel=%d, stride=%d, dilation=%d)", filters, kernel, stride, dilation);
    }
}
