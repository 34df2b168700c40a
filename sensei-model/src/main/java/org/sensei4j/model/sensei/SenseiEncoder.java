package org.sensei4j.model.sensei;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sensei4j.model.layer.DenseStack;
import org.sensei4j.model.layer.Scalars;

/**
 * The SEnSeI encoder (Spectral ENcoder for SEnsor Independence): maps a <em>set</em> of N bands, each given as
 * a reflectance image and a normalised (min, centre, max) wavelength descriptor, to a fixed F-channel feature
 * map (F = 64 for the published model). The output does not depend on the order of the bands.
 *
 * <p>Inputs: {@code NDList(values (B, N, H, W), descriptors (B, N, 3))}, descriptors normalised as
 * {@code log10(λ − 300) − 2}. Output: {@code NDList(features (B, F, H, W))}, channels first so that heads can
 * take it directly. N may change from call to call; N ≥ 1.
 *
 * <p>The forward pass computes the band embeddings on the descriptors in a canonical order (by centre), so they
 * are bit-identical for any band order; only the final sum over bands depends on the order, by float rounding.
 *
 * <p>Stages: descriptor block (3 → E per band) → permutation block (every ordered pair (e_j, e_i) → P, mean over
 * i) → combined descriptor block (concat(mean_j, e_j) → F) → band multiplication (mean over bands of
 * (value + offset) × embedding).
 */
public final class SenseiEncoder extends AbstractBlock {

    private static final byte VERSION = 1;

    private final SenseiConfig config;
    private final DenseStack descriptorBlock;
    private final DenseStack permutedBlock;
    private final DenseStack combinedBlock;

    public SenseiEncoder(SenseiConfig config) {
        super(VERSION);
        this.config = config;
        descriptorBlock = addChildBlock(
                "DESCRIPTOR_BLOCK",
                config.descriptorBlock().build(config.groups(), config.epsilon(), config.leakyAlpha()));
        permutedBlock = addChildBlock(
                "PERMUTED_DESCRIPTOR_BLOCK",
                config.permutedBlock().build(config.groups(), config.epsilon(), config.leakyAlpha()));
        combinedBlock = addChildBlock(
                "COMBINED_DESCRIPTOR_BLOCK",
                config.combinedBlock().build(config.groups(), config.epsilon(), config.leakyAlpha()));
    }

    /** The published SEnSeI v1 encoder (uninitialised). */
    public static SenseiEncoder published() {
        return new SenseiEncoder(SenseiConfig.published());
    }

    public SenseiConfig config() {
        return config;
    }

    public DenseStack descriptorBlock() {
        return descriptorBlock;
    }

    public DenseStack permutedBlock() {
        return permutedBlock;
    }

    public DenseStack combinedBlock() {
        return combinedBlock;
    }

    /** Initialises the parameters with a tiny input shape (1 pixel, 3 bands): all shapes are size independent. */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, 3, 1, 1), new Shape(1, 3, SenseiConfig.DESCRIPTOR_WIDTH));
    }

    /**
     * The band embeddings, output of the combined descriptor block: descriptors (B, N, 3) → (B, N, F). They
     * depend only on the descriptors, so callers masking many tiles of one scene can compute them once.
     */
    public NDArray embed(ParameterStore ps, NDArray descriptors, boolean training) {
        checkDescriptors(descriptors.getShape());
        NDArray e =
                descriptorBlock.forward(ps, new NDList(descriptors), training).singletonOrThrow();
        Shape s = e.getShape(); // (B, N, E)
        long b = s.get(0);
        long n = s.get(1);
        long width = s.get(2);
        Shape pairs = new Shape(b, n, n, width);
        // pair[b, i, j] = concat(e_j, e_i)
        NDArray ej = e.expandDims(1).broadcast(pairs);
        NDArray ei = e.expandDims(2).broadcast(pairs);
        NDArray paired = NDArrays.concat(new NDList(ej, ei), -1);
        NDArray p = permutedBlock.forward(ps, new NDList(paired), training).singletonOrThrow();
        NDArray meanOverI = p.mean(new int[] {1}); // (B, N, P), one vector per band j
        NDArray combinedIn = NDArrays.concat(new NDList(meanOverI, e), -1);
        return combinedBlock.forward(ps, new NDList(combinedIn), training).singletonOrThrow();
    }

    /**
     * Band multiplication: features (B, F, H, W) = mean over bands of (values + offset) × embedding.
     *
     * @param values     (B, N, H, W) reflectances
     * @param embeddings (B, N, F) from {@link #embed}
     */
    public NDArray multiplyBands(NDArray values, NDArray embeddings) {
        Shape v = values.getShape();
        Shape e = embeddings.getShape();
        if (v.dimension() != 4 || e.dimension() != 3 || v.get(0) != e.get(0) || v.get(1) != e.get(1)) {
            throw new IllegalArgumentException("band values " + v + " and embeddings " + e
                    + " do not match: need values (B, N, H, W) and embeddings (B, N, F) with the same B and N");
        }
        long b = v.get(0);
        long n = v.get(1);
        long h = v.get(2);
        long w = v.get(3);
        NDArray[] map = bandMap(embeddings);
        NDArray scaled = map[0]; // (B, F, N)
        NDArray bias = map[1].expandDims(2); // (B, F, 1)
        // results belong to the manager of the left operand: keep the large ones with the values' manager
        scaled.attach(values.getManager());
        bias.attach(values.getManager());
        NDArray features = scaled.matMul(values.reshape(b, n, h * w)).addi(bias); // (B, F, H·W)
        return features.reshape(b, e.get(2), h, w);
    }

    /**
     * The band embeddings (B, N, F) in the input band order, computed on the descriptors sorted by centre: they
     * are bit-identical for any band order.
     */
    private NDArray canonicalEmbeddings(ParameterStore ps, NDArray descriptors, boolean training) {
        if (descriptors.getShape().get(1) <= 1) {
            return embed(ps, descriptors, training);
        }
        NDArray order = descriptors.get(":, :, 1").argSort(1);
        Shape d = descriptors.getShape();
        NDArray sorted = descriptors.gather(order.expandDims(-1).broadcast(d), 1);
        NDArray sortedEmbeddings = embed(ps, sorted, training);
        NDArray inverse = order.argSort(1);
        Shape e = sortedEmbeddings.getShape();
        return sortedEmbeddings.gather(inverse.expandDims(-1).broadcast(e), 1);
    }

    /**
     * The band multiplication as an affine map of the band values: features = {@code A·v + c} per pixel, since
     * mean_n (v_n + offset)·e_n = (1/N)·Σ_n v_n·e_n + offset·mean_n(e_n), with {@code A = eᵀ / N} and
     * {@code c = offset · mean over bands of e}.
     *
     * @param embeddings (B, N, F) band embeddings
     * @return {A (B, F, N), c (B, F)}, in the embeddings' manager
     */
    public NDArray[] bandMap(NDArray embeddings) {
        long n = embeddings.getShape().get(1);
        return new NDArray[] {
            Scalars.div(embeddings, n).transpose(0, 2, 1),
            Scalars.mul(embeddings.mean(new int[] {1}), config.bandOffset())
        };
    }

    /**
     * The band multiplication of the forward pass's inputs as an affine map ({@link #bandMap(NDArray)}), without
     * forming the features: for heads that fold it into their first layer (inference).
     *
     * @param inputs band values (B, N, H, W) and descriptors (B, N, 3), as {@code forward} takes them
     */
    public NDArray[] bandMap(ParameterStore ps, NDList inputs) {
        return bandMap(embeddings(ps, inputs, false));
    }

    /** Checks the forward pass's inputs and returns their canonical band embeddings (B, N, F). */
    private NDArray embeddings(ParameterStore ps, NDList inputs, boolean training) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("SEnSeI takes two inputs, band values (B, N, H, W) and descriptors "
                    + "(B, N, 3); got " + inputs.size());
        }
        checkInputs(inputs.get(0).getShape(), inputs.get(1).getShape());
        return canonicalEmbeddings(ps, inputs.get(1), training);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(multiplyBands(inputs.get(0), embeddings(ps, inputs, training)));
    }

    private static void checkDescriptors(Shape d) {
        if (d.dimension() != 3 || d.get(2) != SenseiConfig.DESCRIPTOR_WIDTH || d.get(1) < 1) {
            throw new IllegalArgumentException("descriptors must have shape (B, N, 3) with N >= 1, got " + d);
        }
    }

    private static void checkInputs(Shape v, Shape d) {
        checkDescriptors(d);
        if (v.dimension() != 4) {
            throw new IllegalArgumentException("band values must have shape (B, N, H, W), got " + v);
        }
        if (v.get(1) != d.get(1)) {
            throw new IllegalArgumentException(v.get(1) + " bands of values but " + d.get(1)
                    + " descriptors: give one (min, centre, max) descriptor per band");
        }
        if (v.get(0) != d.get(0)) {
            throw new IllegalArgumentException(
                    "batch of " + v.get(0) + " value stacks but " + d.get(0) + " descriptor sets");
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape d = inputShapes[1];
        long b = d.get(0);
        long n = d.get(1);
        int e = config.embeddingWidth();
        descriptorBlock.initialize(manager, dataType, d);
        permutedBlock.initialize(manager, dataType, new Shape(b, n, n, 2L * e));
        combinedBlock.initialize(
                manager, dataType, new Shape(b, n, config.permutedBlock().output() + (long) e));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape v = inputShapes[0];
        return new Shape[] {new Shape(v.get(0), config.featureChannels(), v.get(2), v.get(3))};
    }

    @Override
    public String toString() {
        return "SenseiEncoder(" + config.featureChannels() + " features, " + config.parameterCount() + " params)";
    }
}
