package org.sensei4j.model.sensei;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sensei4j.model.layer.DenseStack;

/**
 * SEnSeI's recovery module, the decoder half of the pretraining autoencoder.
 *
 * <p>Given the encoder's features and two descriptor sets it predicts (a) for each <em>candidate</em>
 * descriptor the probability that it was one of the encoder's input bands (discriminator), and (b) for each
 * <em>real</em> descriptor the value of that band (estimator).
 *
 * <p>Inputs: {@code NDList(features (B, F, H, W), real descriptors (B, N, 3), candidate descriptors (B, M, 3))}.
 * Outputs: {@code NDList(candidate probabilities (B, M, H, W), band value estimates (B, N, H, W))}. GroupNorm in
 * the prediction stacks takes its statistics over all descriptors and pixels of a sample, as in the original.
 */
public final class RecoveryModule extends AbstractBlock {

    private static final byte VERSION = 1;

    private final SenseiConfig encoderConfig;
    private final RecoveryConfig config;
    private final DenseStack candidateDescriptorBlock;
    private final DenseStack realDescriptorBlock;
    private final DenseStack candidatePredictionBlock;
    private final Linear candidateFinal;
    private final DenseStack bandEstimationBlock;
    private final Linear bandFinal;

    public RecoveryModule(SenseiConfig encoderConfig, RecoveryConfig config) {
        super(VERSION);
        this.encoderConfig = encoderConfig;
        this.config = config;
        int g = encoderConfig.groups();
        float eps = encoderConfig.epsilon();
        float alpha = encoderConfig.leakyAlpha();
        candidateDescriptorBlock = addChildBlock(
                "CANDIDATE_DESCRIPTOR_BLOCK", config.candidateDescriptorBlock().build(g, eps, alpha));
        realDescriptorBlock = addChildBlock(
                "REAL_DESCRIPTOR_BLOCK", config.realDescriptorBlock().build(g, eps, alpha));
        candidatePredictionBlock = addChildBlock(
                "CANDIDATE_PREDICTION_BLOCK", config.candidatePredictionBlock().build(g, eps, alpha));
        candidateFinal = addChildBlock(
                "CANDIDATE_PREDICTION_BLOCK-Conv-final",
                Linear.builder().setUnits(1).build());
        bandEstimationBlock = addChildBlock(
                "BAND_ESTIMATION_BLOCK", config.bandEstimationBlock().build(g, eps, alpha));
        bandFinal = addChildBlock(
                "BAND_ESTIMATION_BLOCK-Conv-final", Linear.builder().setUnits(1).build());
    }

    public static RecoveryModule published() {
        return new RecoveryModule(SenseiConfig.published(), RecoveryConfig.published());
    }

    public RecoveryConfig config() {
        return config;
    }

    public DenseStack candidateDescriptorBlock() {
        return candidateDescriptorBlock;
    }

    public DenseStack realDescriptorBlock() {
        return realDescriptorBlock;
    }

    public DenseStack candidatePredictionBlock() {
        return candidatePredictionBlock;
    }

    public Linear candidateFinal() {
        return candidateFinal;
    }

    public DenseStack bandEstimationBlock() {
        return bandEstimationBlock;
    }

    public Linear bandFinal() {
        return bandFinal;
    }

    /** Initialises parameters with a tiny input (1 pixel, 3 real and 6 candidate descriptors). */
    public void initialize(NDManager manager) {
        initialize(
                manager,
                DataType.FLOAT32,
                new Shape(1, encoderConfig.featureChannels(), 1, 1),
                new Shape(1, 3, 3),
                new Shape(1, 6, 3));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray features = inputs.get(0);
        NDArray real = inputs.get(1);
        NDArray candidates = inputs.get(2);
        NDArray candidateEmbedding = candidateDescriptorBlock
                .forward(ps, new NDList(candidates), training)
                .singletonOrThrow();
        NDArray realEmbedding =
                realDescriptorBlock.forward(ps, new NDList(real), training).singletonOrThrow();
        NDArray candidateLogits =
                predict(ps, features, candidateEmbedding, candidatePredictionBlock, candidateFinal, training);
        NDArray bandValues = predict(ps, features, realEmbedding, bandEstimationBlock, bandFinal, training);
        return new NDList(Activation.sigmoid(candidateLogits), bandValues);
    }

    /** concat(features(h,w), embedding_m) for every descriptor m and pixel → stack → final → (B, M, H, W). */
    private static NDArray predict(
            ParameterStore ps, NDArray features, NDArray embedding, DenseStack stack, Linear last, boolean training) {
        NDArray joined = tileAndConcat(features, embedding);
        NDArray hidden = stack.forward(ps, new NDList(joined), training).singletonOrThrow();
        NDArray out = last.forward(ps, new NDList(hidden), training).singletonOrThrow();
        return out.squeeze(-1);
    }

    private static NDArray tileAndConcat(NDArray features, NDArray embedding) {
        Shape f = features.getShape(); // (B, F, H, W)
        Shape e = embedding.getShape(); // (B, M, E)
        long b = f.get(0);
        long m = e.get(1);
        long h = f.get(2);
        long w = f.get(3);
        NDArray tiledFeatures = features.transpose(0, 2, 3, 1).expandDims(1).broadcast(new Shape(b, m, h, w, f.get(1)));
        NDArray tiledEmbedding = embedding.reshape(b, m, 1, 1, e.get(2)).broadcast(new Shape(b, m, h, w, e.get(2)));
        return NDArrays.concat(new NDList(tiledFeatures, tiledEmbedding), -1);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape f = inputShapes[0];
        Shape real = inputShapes[1];
        Shape cand = inputShapes[2];
        candidateDescriptorBlock.initialize(manager, dataType, cand);
        realDescriptorBlock.initialize(manager, dataType, real);
        long b = f.get(0);
        long joinedCand = f.get(1) + config.candidateDescriptorBlock().output();
        long joinedReal = f.get(1) + config.realDescriptorBlock().output();
        candidatePredictionBlock.initialize(
                manager, dataType, new Shape(b, cand.get(1), f.get(2), f.get(3), joinedCand));
        candidateFinal.initialize(
                manager,
                dataType,
                new Shape(
                        b,
                        cand.get(1),
                        f.get(2),
                        f.get(3),
                        config.candidatePredictionBlock().output()));
        bandEstimationBlock.initialize(manager, dataType, new Shape(b, real.get(1), f.get(2), f.get(3), joinedReal));
        bandFinal.initialize(
                manager,
                dataType,
                new Shape(
                        b,
                        real.get(1),
                        f.get(2),
                        f.get(3),
                        config.bandEstimationBlock().output()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape f = inputShapes[0];
        return new Shape[] {
            new Shape(f.get(0), inputShapes[2].get(1), f.get(2), f.get(3)),
            new Shape(f.get(0), inputShapes[1].get(1), f.get(2), f.get(3))
        };
    }
}
