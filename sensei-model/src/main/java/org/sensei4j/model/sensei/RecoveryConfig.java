package org.sensei4j.model.sensei;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Architecture of SEnSeI's recovery module, used only for autoencoder pretraining: a candidate-descriptor
 * embedding and a real-descriptor embedding, and two prediction stacks that read concat(features(h,w),
 * descriptor embedding) and end in a 1-wide final dense layer ("Conv-final").
 */
public record RecoveryConfig(
        @JsonProperty("candidate_descriptor_block") DenseStackConfig candidateDescriptorBlock,
        @JsonProperty("real_descriptor_block") DenseStackConfig realDescriptorBlock,
        @JsonProperty("candidate_prediction_block") DenseStackConfig candidatePredictionBlock,
        @JsonProperty("band_estimation_block") DenseStackConfig bandEstimationBlock) {

    /** The published recovery module of SEnSeI v1. */
    public static RecoveryConfig published() {
        return new RecoveryConfig(
                new DenseStackConfig(new int[] {8, 12, 16, 24, 32}, 64, true),
                new DenseStackConfig(new int[] {8, 12, 16, 24}, 64, false),
                new DenseStackConfig(new int[] {128, 64, 32}, 16, false),
                new DenseStackConfig(new int[] {128, 64, 32}, 16, false));
    }
}
