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

    private final Block conv;
    private final BatchNorm norm;
    private final Act act;

    ConvBatchNorm(Block conv, float epsilon, float momentum, Act act) {
        super(VERSION);
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
