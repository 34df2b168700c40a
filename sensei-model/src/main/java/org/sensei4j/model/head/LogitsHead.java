package org.sensei4j.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A cloud-mask head: NCHW input of {@link #getInChannels()} channels to NCHW logits of {@link #getNumClasses()}
 * channels, of the input's height and width. It checks its input's shape before initialising and before each
 * forward pass.
 */
public abstract class LogitsHead extends AbstractBlock implements AffineInputHead {

    final int inChannels;
    final int numClasses;
    private final String name;

    /** @param name the head's name in messages about its input */
    LogitsHead(byte version, String name, int inChannels, int numClasses) {
        super(version);
        this.name = name;
        this.inChannels = inChannels;
        this.numClasses = numClasses;
    }

    /** Input channels this network was built for. */
    public int getInChannels() {
        return inChannels;
    }

    /** Output classes (logit channels). */
    public int getNumClasses() {
        return numClasses;
    }

    /** The architecture settings of this network. */
    public abstract HeadConfig config();

    /** Checks that {@code shape} is NCHW with this head's input channels. */
    void checkInput(Shape shape) {
        AffineInputHead.checkInput(name, shape, inChannels);
    }

    /** The logits of {@code input}, whose shape {@link #checkInput} has accepted. */
    abstract NDArray logits(
            ParameterStore parameterStore, NDArray input, boolean training, PairList<String, Object> params);

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        checkInput(input.getShape());
        return new NDList(logits(parameterStore, input, training, params));
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        checkInput(inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), numClasses, in.get(2), in.get(3))};
    }
}
