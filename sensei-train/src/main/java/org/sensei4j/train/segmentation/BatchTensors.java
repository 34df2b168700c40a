package org.sensei4j.train.segmentation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.sensei4j.train.sample.Batch;

/** Tensors of a {@link Batch} as a {@link org.sensei4j.model.cloud.CloudModel} takes them. */
final class BatchTensors {

    private BatchTensors() {}

    /**
     * The model inputs: {@code (values (B, N, S, S), descriptors (B, N, 3))} for a SEnSeI model, {@code values}
     * alone for a fixed-band model. Values that are not finite (no data) become 0; their labels are NODATA.
     */
    static NDList inputs(NDManager manager, Batch batch, boolean sensei) {
        NDArray values = manager.create(finite(batch.values()), new Shape(batch.valuesShape()));
        if (!sensei) {
            return new NDList(values);
        }
        return new NDList(values, manager.create(batch.descriptors(), new Shape(batch.descriptorsShape())));
    }

    /** The labels (B, S, S) as int32 class numbers, 255 for no label. */
    static NDArray labels(NDManager manager, Batch batch) {
        return manager.create(batch.labelsAsInts(), new Shape(batch.labelsShape()));
    }

    private static float[] finite(float[] v) {
        float[] out = null;
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                if (out == null) {
                    out = v.clone();
                }
                out[i] = 0f;
            }
        }
        return out == null ? v : out;
    }
}
