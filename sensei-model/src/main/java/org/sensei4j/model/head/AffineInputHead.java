package org.sensei4j.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * A head that can run inference on inputs given as a per-pixel affine map of other values, {@code x = A·v + c},
 * without forming {@code x}: the map is folded into its first linear layer. SEnSeI's band multiplication is such
 * a map (features = mean over bands of (value + offset) × embedding), so a SEnSeI model's head can read the N
 * band values directly instead of the 64 feature channels — the same result (to float rounding), less work and
 * memory.
 */
public interface AffineInputHead {

    /**
     * Inference (no training) on {@code x = A·v + c}.
     *
     * @param values (1, N, H, W) the values v
     * @param a      (C, N), C the head's input channels
     * @param c      (C) the constant term
     * @return (1, K, H, W) logits, as {@code forward(ps, A·v + c, false)} gives
     */
    NDArray inferAffine(ParameterStore ps, NDArray values, NDArray a, NDArray c);

    /**
     * Checks that {@code shape} is NCHW with {@code inChannels} channels, the input of the head named {@code head}
     * built for {@code inChannels} inputs.
     */
    static void checkInput(String head, Shape shape, int inChannels) {
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException(head + " takes NCHW input (4 axes), got shape " + shape);
        }
        if (shape.get(1) != inChannels) {
            throw new IllegalArgumentException(String.format(
                    "%s was built for %d input channels but got %d (shape %s): "
                            + "build it with inChannels=%d or give it %d channels",
                    head, inChannels, shape.get(1), shape, shape.get(1), inChannels));
        }
    }

    /** Checks the shapes of {@link #inferAffine}'s arguments for a head of {@code inChannels} inputs. */
    static void checkAffine(NDArray values, NDArray a, NDArray c, int inChannels) {
        Shape shape = values.getShape();
        if (shape.dimension() != 4
                || a.getShape().dimension() != 2
                || a.getShape().get(0) != inChannels
                || a.getShape().get(1) != shape.get(1)
                || c.getShape().size() != inChannels) {
            throw new IllegalArgumentException("inferAffine needs values (B, N, H, W), A (" + inChannels
                    + ", N) and c (" + inChannels + "); got " + shape + ", " + a.getShape() + ", " + c.getShape());
        }
    }
}
