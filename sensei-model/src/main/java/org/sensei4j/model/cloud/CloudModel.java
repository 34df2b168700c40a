package org.sensei4j.model.cloud;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.head.AffineInputHead;
import org.sensei4j.model.head.ParameterCount;
import org.sensei4j.model.sensei.SenseiConfig;
import org.sensei4j.model.sensei.SenseiEncoder;

/**
 * A cloud model: optional SEnSeI encoder + segmentation head + class scheme.
 *
 * <p>Inputs: a SEnSeI model takes {@code NDList(values (B, N, H, W), descriptors (B, N, 3))} for any N ≥ 1;
 * a fixed-band model takes {@code NDList(values (B, C, H, W))} in its band order. Output: {@code NDList(logits
 * (B, K, H, W))}; {@link #probabilities} applies the softmax over classes.
 *
 * <p>This is the network alone. Running it on a scene's bands — matching a fixed-band model's bands, descriptors,
 * the choice of ONNX Runtime for a DeepLabv3+ head — is {@link CloudPredictor}'s.
 */
public final class CloudModel extends AbstractBlock {

    private static final byte VERSION = 1;

    private final ModelSpec spec;
    private final SenseiEncoder sensei;
    private final Block head;

    public CloudModel(ModelSpec spec) {
        super(VERSION);
        this.spec = spec;
        this.sensei = spec.sensei() == null ? null : addChildBlock("sensei", new SenseiEncoder(spec.sensei()));
        this.head = addChildBlock("head", spec.head().newBlock());
    }

    /** Builds and initialises the model's parameters on {@code manager} (with a tiny input shape). */
    public static CloudModel create(ModelSpec spec, NDManager manager) {
        CloudModel m = new CloudModel(spec);
        m.initialize(manager);
        return m;
    }

    public void initialize(NDManager manager) {
        int size = 33;
        if (sensei != null) {
            initialize(
                    manager,
                    DataType.FLOAT32,
                    new Shape(1, 3, size, size),
                    new Shape(1, 3, SenseiConfig.DESCRIPTOR_WIDTH));
        } else {
            initialize(manager, DataType.FLOAT32, new Shape(1, spec.head().inChannels(), size, size));
        }
    }

    public ModelSpec spec() {
        return spec;
    }

    public boolean isSensorIndependent() {
        return sensei != null;
    }

    /** The SEnSeI encoder, or null for a fixed-band model. */
    public SenseiEncoder sensei() {
        return sensei;
    }

    public Block head() {
        return head;
    }

    /** Parameter counts per module, as {@code sensei models describe} prints them. */
    public record ParameterCounts(long sensei, long head, long total) {}

    public ParameterCounts parameterCounts() {
        long s = sensei == null ? 0 : ParameterCount.trainable(sensei);
        long h = ParameterCount.trainable(head);
        return new ParameterCounts(s, h, s + h);
    }

    /** Softmax over the class axis of (B, K, H, W) logits. */
    public static NDArray probabilities(NDArray logits) {
        return logits.softmax(1);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x;
        if (sensei != null && !training && head instanceof AffineInputHead affine) {
            return new NDList(inferFused(ps, inputs, affine));
        }
        if (sensei != null) {
            x = sensei.forward(ps, inputs, training, params).singletonOrThrow();
        } else {
            x = inputs.singletonOrThrow();
            long c = x.getShape().get(1);
            if (c != spec.head().inChannels()) {
                throw new SenseiException(
                        "model '" + spec.name() + "' takes " + spec.head().inChannels() + " bands, got " + c);
            }
        }
        return head.forward(ps, new NDList(x), training, params);
    }

    /**
     * Inference of a SEnSeI model with the band multiplication folded into the head's first layer: SEnSeI's
     * features are {@code A·v + c} per pixel with {@code A = embeddingsᵀ / N} and {@code c = offset · mean of the
     * embeddings}, so the head reads the N band values and the 64 feature channels are never formed. Each image of
     * the batch has its own descriptors, hence its own A and c.
     */
    private NDArray inferFused(ParameterStore ps, NDList inputs, AffineInputHead affine) {
        NDArray[] map = sensei.bandMap(ps, inputs); // A (B, F, N), c (B, F); checks the inputs
        NDArray values = inputs.get(0);
        long batch = values.getShape().get(0);
        NDList out = new NDList();
        for (long b = 0; b < batch; b++) {
            NDArray image = batch == 1 ? values : values.get(new NDIndex("{}:{}", b, b + 1));
            out.add(affine.inferAffine(ps, image, map[0].get(b), map[1].get(b)));
        }
        return out.size() == 1 ? out.head() : NDArrays.concat(out, 0);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape v = inputShapes[0];
        if (sensei != null) {
            sensei.initialize(manager, dataType, inputShapes);
            head.initialize(manager, dataType, sensei.getOutputShapes(inputShapes));
        } else {
            head.initialize(manager, dataType, v);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape v = inputShapes[0];
        return new Shape[] {new Shape(v.get(0), spec.head().classes(), v.get(2), v.get(3))};
    }

    @Override
    public String toString() {
        return "CloudModel(" + spec.name() + ")";
    }
}
