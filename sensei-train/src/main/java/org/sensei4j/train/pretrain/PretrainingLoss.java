package org.sensei4j.train.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.sensei4j.model.layer.Scalars;
import org.sensei4j.model.sensei.RecoveryModule;
import org.sensei4j.model.sensei.SenseiEncoder;

/**
 * The autoencoder objective: loss = 0.5·MSE(candidate probabilities, real/fake targets) + MSE(band value
 * estimates, band values), on single-pixel samples.
 */
public final class PretrainingLoss {

    /** Weight of the candidate (discriminator) term. */
    public static final float CANDIDATE_WEIGHT = 0.5f;

    private PretrainingLoss() {}

    /** Loss terms as NDArrays (scalars), for training with gradients. */
    public record Terms(NDArray loss, NDArray candidateMse, NDArray bandMse, NDArray candidateAccuracy) {

        /** The terms in this order: loss, candidate MSE, band MSE, candidate accuracy. */
        public NDList toList() {
            return new NDList(loss, candidateMse, bandMse, candidateAccuracy);
        }

        /** Inverse of {@link #toList()}. */
        public static Terms of(NDList list) {
            return new Terms(list.get(0), list.get(1), list.get(2), list.get(3));
        }
    }

    /** Runs encoder and recovery module on a batch and returns the loss terms, allocated on {@code manager}. */
    public static Terms compute(
            SenseiEncoder encoder,
            RecoveryModule recovery,
            ParameterStore ps,
            NDManager manager,
            PretrainingSampler.Batch batch,
            boolean training) {
        return terms(encoder, recovery, ps, inputs(manager, batch), training);
    }

    /**
     * A batch as arrays on {@code manager}: values (B, N, 1, 1), real descriptors (B, N, 3), candidate descriptors
     * (B, 2N, 3), candidate targets (B, 2N).
     */
    public static NDList inputs(NDManager manager, PretrainingSampler.Batch batch) {
        int b = batch.size();
        int n = batch.bands();
        int m = batch.candidates();
        return new NDList(
                manager.create(batch.values(), new Shape(b, n, 1, 1)),
                manager.create(batch.realDescriptors(), new Shape(b, n, 3)),
                manager.create(batch.candidateDescriptors(), new Shape(b, m, 3)),
                manager.create(batch.candidateTargets(), new Shape(b, m)));
    }

    /** The loss terms for {@link #inputs} arrays. */
    public static Terms terms(
            SenseiEncoder encoder, RecoveryModule recovery, ParameterStore ps, NDList inputs, boolean training) {
        NDArray values = inputs.get(0);
        NDArray real = inputs.get(1);
        NDArray candidates = inputs.get(2);
        NDArray targets = inputs.get(3);
        long b = values.getShape().get(0);
        long n = values.getShape().get(1);
        long m = candidates.getShape().get(1);
        NDArray features =
                encoder.forward(ps, new NDList(values, real), training).singletonOrThrow();
        NDList out = recovery.forward(ps, new NDList(features, real, candidates), training);
        NDArray probabilities = out.get(0).reshape(b, m);
        NDArray estimates = out.get(1).reshape(b, n);
        NDArray candidateMse = probabilities.sub(targets).square().mean();
        NDArray bandMse = estimates.sub(values.reshape(b, n)).square().mean();
        NDArray loss = Scalars.mul(candidateMse, CANDIDATE_WEIGHT).add(bandMse);
        NDArray accuracy = probabilities
                .gt(0.5f)
                .toType(DataType.FLOAT32, false)
                .eq(targets)
                .toType(DataType.FLOAT32, false)
                .mean();
        return new Terms(loss, candidateMse, bandMse, accuracy);
    }
}
