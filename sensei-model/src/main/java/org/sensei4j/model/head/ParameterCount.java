package org.sensei4j.model.head;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Parameter counts of an initialised block (DJL knows parameter shapes only after
 * {@link Block#initialize}).
 */
public final class ParameterCount {

    private ParameterCount() {}

    /**
     * Parameters that take a gradient: weights, biases, BatchNorm gamma and beta. This is Keras'
     * "trainable params" and the count the paper reports; BatchNorm running means and variances are
     * left out.
     */
    public static long trainable(Block block) {
        return count(block, true);
    }

    /** All parameters, BatchNorm running statistics included (Keras' "total params"). */
    public static long total(Block block) {
        return count(block, false);
    }

    private static long count(Block block, boolean trainableOnly) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter parameter = p.getValue();
            if (trainableOnly && !parameter.requiresGradient()) {
                continue;
            }
            Shape shape = parameter.getShape();
            if (shape == null) {
                throw new IllegalStateException("parameter " + p.getKey()
                        + " has no shape yet: initialise the block (e.g. with a 1×C×33×33 input) before counting");
            }
            n += shape.size();
        }
        return n;
    }
}
