package org.sensei4j.train.segmentation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.model.layer.Scalars;

/**
 * Softmax cross-entropy of per-pixel class logits, averaged over the labelled pixels only: pixels labelled
 * {@link ClassScheme#NODATA} (255) add nothing to the loss or its gradient.
 *
 * <p>{@code loss = −(1/M) Σ_{labelled p} log softmax(z_p)[y_p]}, M the number of labelled pixels (the loss is 0
 * when there are none). Its gradient with respect to the logits is {@code (softmax(z_p) − onehot(y_p)) / M} at
 * labelled pixels and 0 elsewhere.
 *
 * <p>Partial labels ({@link ClassScheme#PARTIAL} | bits, from data sets labelled in a coarser scheme) say "one
 * of these classes": their loss is {@code −log Σ_{c in bits} softmax(z_p)[c]}, which for a single class is the
 * ordinary term. Batches without partial labels take the plain path above.
 *
 * <p>As a DJL {@link Loss}: labels {@code (B, H, W)} (any integer or float type holding class numbers or 255),
 * predictions {@code (B, K, H, W)} logits.
 */
public final class MaskedCrossEntropy extends Loss {

    public MaskedCrossEntropy() {
        super("MaskedCrossEntropy");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return loss(predictions.singletonOrThrow(), labels.singletonOrThrow());
    }

    /**
     * The mean loss over labelled pixels, a scalar.
     *
     * @param logits (B, K, H, W)
     * @param labels (B, H, W) class numbers, {@link ClassScheme#NODATA} for unlabelled pixels
     */
    public static NDArray loss(NDArray logits, NDArray labels) {
        Terms t = terms(logits, labels);
        return t.sum.div(Scalars.maximum(t.count, 1));
    }

    /**
     * The class-weighted mean loss over labelled pixels, a scalar: {@code Σ w_{y_p} ℓ_p / Σ w_{y_p}} (PyTorch's
     * {@code cross_entropy(weight=w)}), so a rare class such as shadow counts {@code w} times a common one. Pixels
     * with partial labels take weight 1. With every weight 1 (or {@code weights} null) this is {@link #loss}.
     *
     * @param weights one weight per class (> 0), or null for none
     */
    public static NDArray loss(NDArray logits, NDArray labels, double[] weights) {
        if (weights == null) {
            return loss(logits, labels);
        }
        int classes = (int) logits.getShape().get(1);
        if (weights.length != classes) {
            throw new IllegalArgumentException(weights.length + " class weights for " + classes + " classes");
        }
        Terms t = terms(logits, labels, weights);
        return t.sum.div(Scalars.maximum(t.count, 1e-12));
    }

    /** Sum of the per-pixel losses over labelled pixels and their number, as scalars (for exact averages). */
    public static Terms terms(NDArray logits, NDArray labels) {
        return terms(logits, labels, null);
    }

    /**
     * The weighted sum of the per-pixel losses and the sum of the weights (the labelled count when {@code weights}
     * is null); pixels with partial labels weigh 1.
     */
    private static Terms terms(NDArray logits, NDArray labels, double[] weights) {
        if (logits.getShape().dimension() != 4
                || labels.getShape().dimension() != 3
                || labels.getShape().get(0) != logits.getShape().get(0)
                || labels.getShape().get(1) != logits.getShape().get(2)
                || labels.getShape().get(2) != logits.getShape().get(3)) {
            throw new IllegalArgumentException("logits " + logits.getShape() + " and labels " + labels.getShape()
                    + " do not match: need logits (B, K, H, W) and labels (B, H, W)");
        }
        NDArray y = labels.toType(DataType.INT64, false);
        int classes = (int) logits.getShape().get(1);
        if (y.gte(ClassScheme.PARTIAL)
                .logicalAnd(y.neq(ClassScheme.NODATA))
                .any()
                .getBoolean()) {
            return partialTerms(logits, y, classes);
        }
        NDArray mask = y.neq(ClassScheme.NODATA); // (B, H, W) boolean
        NDArray safe = y.mul(mask.toType(DataType.INT64, false)); // NODATA -> class 0, masked out below
        NDArray logp = logits.logSoftmax(1); // (B, K, H, W)
        NDArray picked = logp.gather(safe.expandDims(1), 1).squeeze(1); // (B, H, W)
        // per-pixel weight, 0 at unlabelled pixels; class weights from engine-allocated constants (see Scalars)
        NDArray w = mask.toType(logits.getDataType(), false);
        if (weights != null) {
            w = null;
            for (int c = 0; c < classes; c++) {
                NDArray term = y.eq(c).toType(logits.getDataType(), false).mul(Scalars.of(logits, weights[c]));
                w = w == null ? term : w.add(term);
            }
        }
        NDArray sum = picked.mul(w).sum().neg();
        return new Terms(sum, w.sum());
    }

    private static Terms partialTerms(NDArray logits, NDArray y, int classes) {
        NDArray[] allowed = new NDArray[classes];
        for (int c = 0; c < classes; c++) {
            NDArray a = y.eq(c);
            for (int bits = 1; bits < 1 << classes; bits++) {
                if ((bits & (1 << c)) != 0) {
                    a = a.logicalOr(y.eq(ClassScheme.PARTIAL | bits));
                }
            }
            allowed[c] = a;
        }
        NDArray allowedF = NDArrays.stack(new NDList(allowed), 1).toType(logits.getDataType(), false); // (B,K,H,W)
        NDArray m = allowedF.sum(new int[] {1}).gt(0).toType(logits.getDataType(), false); // labelled pixels
        NDArray p = logits.softmax(1).mul(allowedF).sum(new int[] {1}); // P(one of the allowed classes)
        NDArray logp = Scalars.maximum(p, 1e-30).log();
        return new Terms(logp.mul(m).sum().neg(), m.sum());
    }

    /** The summed loss over labelled pixels and their count (both scalars). */
    public record Terms(NDArray sum, NDArray count) {}
}
