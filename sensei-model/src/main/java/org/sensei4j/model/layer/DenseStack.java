package org.sensei4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One of SEnSeI's "blocks": a stack of dense layers applied to the last axis of a (B, ..., F) tensor.
 *
 * <p>For each hidden width n: {@code Dense(n) → LeakyReLU(α) → GroupNorm(groups, ε)}, then, when skips are on
 * and the layer's input and output widths are equal, the layer's input is added. A final {@code Dense(out)}
 * ("Conv-last" in the Keras model) has no activation. Dense layers are DJL {@link Linear} blocks (weight
 * (out, in) + bias), the equivalent of the original's 1×1 convolutions.
 */
public final class DenseStack extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int[] hidden;
    private final int outputWidth;
    private final boolean skips;
    private final float leakyAlpha;
    private final List<Linear> dense = new ArrayList<>();
    private final List<GroupNorm> norms = new ArrayList<>();
    private final Linear last;

    /**
     * @param hidden      widths of the hidden layers (may be empty)
     * @param outputWidth width of the final linear layer
     * @param skips       add a layer's input to its output where the widths match
     * @param groups      GroupNorm groups
     * @param epsilon     GroupNorm epsilon
     * @param leakyAlpha  LeakyReLU negative slope
     */
    public DenseStack(int[] hidden, int outputWidth, boolean skips, int groups, float epsilon, float leakyAlpha) {
        super(VERSION);
        this.hidden = hidden.clone();
        this.outputWidth = outputWidth;
        this.skips = skips;
        this.leakyAlpha = leakyAlpha;
        for (int i = 0; i < hidden.length; i++) {
            dense.add(addChildBlock(
                    "Conv-" + i, Linear.builder().setUnits(hidden[i]).build()));
            norms.add(addChildBlock("GroupNorm-" + i, new GroupNorm(groups, epsilon)));
        }
        last = addChildBlock("Conv-last", Linear.builder().setUnits(outputWidth).build());
    }

    /** The hidden dense layers, in order. */
    public List<Linear> denseLayers() {
        return Collections.unmodifiableList(dense);
    }

    /** The GroupNorm after each hidden dense layer, in order. */
    public List<GroupNorm> groupNorms() {
        return Collections.unmodifiableList(norms);
    }

    /** The final dense layer ("Conv-last"). */
    public Linear lastLayer() {
        return last;
    }

    public int[] hiddenWidths() {
        return hidden.clone();
    }

    public int outputWidth() {
        return outputWidth;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        for (int i = 0; i < dense.size(); i++) {
            NDArray y =
                    dense.get(i).forward(ps, new NDList(x), training, params).singletonOrThrow();
            y = Activation.leakyRelu(y, leakyAlpha);
            y = norms.get(i).forward(ps, new NDList(y), training, params).singletonOrThrow();
            if (skips && x.getShape().get(x.getShape().dimension() - 1) == hidden[i]) {
                y = y.add(x);
            }
            x = y;
        }
        return last.forward(ps, new NDList(x), training, params);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape shape = inputShapes[0];
        for (int i = 0; i < dense.size(); i++) {
            dense.get(i).initialize(manager, dataType, shape);
            shape = dense.get(i).getOutputShapes(new Shape[] {shape})[0];
            norms.get(i).initialize(manager, dataType, shape);
        }
        last.initialize(manager, dataType, shape);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(outputWidth)};
    }

    @Override
    public String toString() {
        return "DenseStack(hidden=" + Arrays.toString(hidden) + ", out=" + outputWidth + ", skips=" + skips + ")";
    }
}
