package org.sensei4j.model.cloud;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.sensei4j.model.head.FoldingSwitch;

/** Runs a head in inference with its BatchNorms as separate operations (no folding), as a test reference. */
final class UnfoldedReference {

    private UnfoldedReference() {}

    static NDArray forward(Block head, ParameterStore ps, NDArray input) {
        return FoldingSwitch.withoutFolding(
                () -> head.forward(ps, new NDList(input), false).singletonOrThrow());
    }
}
