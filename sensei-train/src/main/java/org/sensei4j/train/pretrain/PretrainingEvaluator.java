package org.sensei4j.train.pretrain;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.sensei4j.model.sensei.RecoveryModule;
import org.sensei4j.model.sensei.SenseiEncoder;

/**
 * The published validation protocol of SEnSeI's autoencoder: {@code samples} single-pixel samples, each with
 * {@code bands} real descriptors and as many fakes from the fixed bank of 80, values 1.7·U(0,1), scored with
 * {@link PretrainingLoss}. The published weights score 0.181 ± 0.005.
 */
public final class PretrainingEvaluator {

    /** Result of an evaluation; all values are means over the samples. */
    public record Result(
            double loss,
            double candidateAccuracy,
            double bandMse,
            double candidateMse,
            int samples,
            int bands,
            long seed) {}

    private static final int BATCH = 256;

    private PretrainingEvaluator() {}

    public static Result evaluate(
            SenseiEncoder encoder, RecoveryModule recovery, NDManager manager, int bands, int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("--samples must be >= 1, got " + samples);
        }
        PretrainingSampler sampler = new PretrainingSampler(seed);
        double loss = 0;
        double acc = 0;
        double band = 0;
        double cand = 0;
        for (int done = 0; done < samples; done += BATCH) {
            int size = Math.min(BATCH, samples - done);
            PretrainingSampler.Batch batch = sampler.validationBatch(size, bands);
            try (NDManager step = manager.newSubManager()) {
                PretrainingLoss.Terms t =
                        PretrainingLoss.compute(encoder, recovery, new ParameterStore(step, false), step, batch, false);
                // every term is a mean over the batch: weight by batch size for the overall mean
                loss += t.loss().getFloat() * size;
                acc += t.candidateAccuracy().getFloat() * size;
                band += t.bandMse().getFloat() * size;
                cand += t.candidateMse().getFloat() * size;
            }
        }
        return new Result(loss / samples, acc / samples, band / samples, cand / samples, samples, bands, seed);
    }
}
