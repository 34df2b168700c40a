package org.sensei4j.train.run;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Marks the arrays of a block's trainable parameters as requiring a gradient. DJL's {@code Parameter.load} (used
 * by {@code loadParameters}: checkpoints, bundles, copied weights) puts in new arrays without that flag, so loaded
 * weights would silently stay frozen, or backward would fail when none is trainable.
 */
public final class TrainableParameters {

    private TrainableParameters() {}

    /**
     * Sets requires-gradient on the array of every parameter of {@code block} that {@link Parameter#requiresGradient}.
     */
    public static void mark(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }
}
