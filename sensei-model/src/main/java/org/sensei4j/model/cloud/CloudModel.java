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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.head.AffineInputHead;
import org.sensei4j.model.head.DeepLabV3Plus;
import org.sensei4j.model.head.ParameterCount;
import org.sensei4j.model.onnx.OnnxSession;
import org.sensei4j.model.sensei.SenseiConfig;
import org.sensei4j.model.sensei.SenseiEncoder;
import org.sensei4j.sensor.BandIds;

/**
 * A cloud model: optional SEnSeI encoder + segmentation head + class scheme.
 *
 * <p>Inputs: a SEnSeI model takes {@code NDList(values (B, N, H, W), descriptors (B, N, 3))} for any N ≥ 1;
 * a fixed-band model takes {@code NDList(values (B, C, H, W))} in its band order. Output: {@code NDList(logits
 * (B, K, H, W))}; {@link #probabilities} applies the softmax over classes.
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
            initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size), new Shape(1, 3, SenseiConfig.DESCRIPTOR_WIDTH));
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

    /**
     * For a fixed-band model: the position in {@code available} of each of the model's bands, matched by band id
     * (case-insensitive, "B2" = "B02").
     *
     * @throws SenseiException listing every band the model needs that is missing
     */
    public int[] selectBands(List<String> available) {
        if (spec.bands() == null) {
            throw new IllegalStateException("a SEnSeI model takes any bands; selectBands is for fixed-band models");
        }
        int[] index = new int[spec.bands().size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < index.length; i++) {
            String want = BandIds.key(spec.bands().get(i).id());
            index[i] = -1;
            for (int j = 0; j < available.size(); j++) {
                if (BandIds.key(available.get(j)).equals(want)) {
                    index[i] = j;
                    break;
                }
            }
            if (index[i] < 0) {
                missing.add(spec.bands().get(i).id());
            }
        }
        if (!missing.isEmpty()) {
            List<String> needed = spec.bands().stream().map(BandSpec::id).toList();
            throw new SenseiException("model '" + spec.name() + "' takes the fixed bands " + needed + "; missing "
                    + missing + " (given " + available + "): provide those bands or use a SEnSeI model, which takes "
                    + "any band set");
        }
        return index;
    }


    /**
     * Class probabilities for a SEnSeI model and any band subset.
     *
     * @param values      (B, N, H, W) reflectances
     * @param descriptors one per band, same order
     * @return (B, K, H, W) softmax probabilities
     */
    public NDArray predict(ParameterStore ps, NDArray values, List<BandDescriptor> descriptors) {
        if (sensei == null) {
            throw new SenseiException("model '" + spec.name() + "' is a fixed-band model: call predict with its bands "
                    + spec.bands().stream().map(BandSpec::id).toList());
        }
        long n = values.getShape().get(1);
        if (n != descriptors.size()) {
            throw new SenseiException(n + " bands of values but " + descriptors.size()
                    + " descriptors: give one descriptor per band");
        }
        long b = values.getShape().get(0);
        NDArray desc = values.getManager().create(BandDescriptor.normalised(descriptors), new Shape(1, n, 3));
        if (b > 1) {
            desc = desc.broadcast(new Shape(b, n, 3));
        }
        return probabilities(forward(ps, new NDList(values, desc), false).singletonOrThrow());
    }

    /**
     * Class probabilities for a fixed-band model.
     *
     * @param values  (B, N, H, W) values of the bands named in {@code bandIds}, in that order
     * @param bandIds the band ids of {@code values}; must include every band of the model
     */
    public NDArray predictFixed(ParameterStore ps, NDArray values, List<String> bandIds) {
        if (sensei != null) {
            throw new IllegalStateException("a SEnSeI model is called with descriptors: use predict");
        }
        int[] idx = selectBands(bandIds);
        NDArray selected = values.get(new ai.djl.ndarray.index.NDIndex(":, {}", values.getManager().create(
                java.util.Arrays.stream(idx).asLongStream().toArray())));
        return probabilities(forward(ps, new NDList(selected), false).singletonOrThrow());
    }

    /**
     * This model's DeepLabv3+ head compiled for ONNX Runtime with the band set's input folded in, for masking many
     * tiles of one band set; empty when the head is not DeepLabv3+, when ONNX Runtime is switched off
     * ({@code SENSEI_ONNX=off} in the environment or {@code -Dsensei.onnx=off}) or when its native library does not
     * load here. The result equals {@link #predict} (or {@link #predictFixed} on the model's bands) to float
     * rounding.
     *
     * @param descriptors the tile's bands, in the order of its values (SEnSeI models); null for a fixed-band
     *                    model, whose tiles then hold the model's bands in the model's order
     * @param threads     threads per tile (1 when tiles run in parallel)
     */
    public Optional<CompiledHead> compile(ParameterStore ps, List<BandDescriptor> descriptors, int threads) {
        if (!(head instanceof DeepLabV3Plus deepLab) || !onnxEnabled()) {
            return Optional.empty();
        }
        byte[] onnx;
        int bands;
        try (NDManager m = NDManager.newBaseManager()) {
            if (sensei == null) {
                if (descriptors != null) {
                    throw new IllegalStateException("a fixed-band model is compiled for its own bands: pass null");
                }
                onnx = deepLab.toOnnx(ps, null, null);
                bands = spec.head().inChannels();
            } else {
                if (descriptors == null || descriptors.isEmpty()) {
                    throw new SenseiException("a SEnSeI model needs the descriptors of the tile's bands");
                }
                bands = descriptors.size();
                NDArray desc = m.create(BandDescriptor.normalised(descriptors), new Shape(1, bands, 3));
                NDArray[] map = sensei.bandMap(ps, new NDList(m.zeros(new Shape(1, bands, 1, 1)), desc));
                onnx = deepLab.toOnnx(ps, map[0].get(0), map[1].get(0));
            }
        }
        try {
            return Optional.of(new CompiledHead(new OnnxSession(onnx, threads),
                    bands, spec.head().classes()));
        } catch (LinkageError | IllegalStateException e) {
            // no ONNX Runtime native library for this platform: the DJL path still works
            return Optional.empty();
        }
    }

    private static boolean onnxEnabled() {
        String setting = System.getProperty("sensei.onnx", System.getenv("SENSEI_ONNX"));
        return setting == null || !setting.trim().equalsIgnoreCase("off");
    }

    /** Softmax over the class axis of (B, K, H, W) logits. */
    public static NDArray probabilities(NDArray logits) {
        return logits.softmax(1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
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
                throw new SenseiException("model '" + spec.name() + "' takes " + spec.head().inChannels()
                        + " bands, got " + c);
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
