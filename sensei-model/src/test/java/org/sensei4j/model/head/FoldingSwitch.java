package org.sensei4j.model.head;

import java.util.function.Supplier;

/** Test access to {@link ConvBatchNorm#foldInInference}. */
public final class FoldingSwitch {

    private FoldingSwitch() {}

    /** Runs {@code work} with BatchNorm folding switched off (the unfolded inference path). */
    public static synchronized <T> T withoutFolding(Supplier<T> work) {
        ConvBatchNorm.foldInInference = false;
        try {
            return work.get();
        } finally {
            ConvBatchNorm.foldInInference = true;
        }
    }
}
