package org.sensei4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Group normalisation over the last (channel) axis, as TensorFlow Addons' {@code GroupNormalization(axis=-1)}
 * computes it: for each sample the mean and the population variance of a group are taken over <em>every</em>
 * non-batch axis except the group axis. For SEnSeI's (B, N, C) descriptor tensors that means over all N bands
 * and the group's C/G channels; for the pairwise (B, N, N, C) tensor over all N×N pairs.
 *
 * <p>Input: (B, ..., C) with C divisible by the group count. Output: same shape. Parameters: {@code gamma} and
 * {@code beta}, one per channel (2·C parameters).
 */
public final class GroupNorm extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int groups;
    private final float epsilon;
    private final Parameter gamma;
    private final Parameter beta;
    private long channels = -1;

    /**
     * @param groups  number of channel groups
     * @param epsilon added to the variance before the square root
     */
    public GroupNorm(int groups, float epsilon) {
        super(VERSION);
        if (groups < 1) {
            throw new IllegalArgumentException("group count must be >= 1, got " + groups);
        }
        this.groups = groups;
        this.epsilon = epsilon;
        gamma = addParameter(Parameter.builder()
                .setName("gamma")
                .setType(Parameter.Type.GAMMA)
                .build());
        beta = addParameter(
                Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
    }

    public int groups() {
        return groups;
    }

    public float epsilon() {
        return epsilon;
    }

    public Parameter gamma() {
        return gamma;
    }

    public Parameter beta() {
        return beta;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        channels = in.get(in.dimension() - 1);
        if (channels % groups != 0) {
            throw new IllegalArgumentException(
                    "GroupNorm: " + channels + " channels cannot be split into " + groups + " groups");
        }
        gamma.setShape(new Shape(channels));
        beta.setShape(new Shape(channels));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        long c = shape.get(shape.dimension() - 1);
        long batch = shape.get(0);
        // (B, rest..., C) -> (B, R, G, C/G): statistics over axes 1 and 3.
        NDArray grouped = x.reshape(batch, -1, groups, c / groups);
        NDArray mean = grouped.mean(new int[] {3}, true).mean(new int[] {1}, true);
        NDArray centred = grouped.sub(mean);
        NDArray variance = centred.square().mean(new int[] {3}, true).mean(new int[] {1}, true);
        NDArray normalised = centred.div(Scalars.add(variance, epsilon).sqrt()).reshape(shape);
        NDArray g = parameterStore.getValue(gamma, x.getDevice(), training);
        NDArray b = parameterStore.getValue(beta, x.getDevice(), training);
        return new NDList(normalised.mul(g).add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "GroupNorm(groups=" + groups + ", eps=" + epsilon + ")";
    }
}
