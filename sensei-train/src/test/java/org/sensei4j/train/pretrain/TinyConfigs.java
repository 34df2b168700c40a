package org.sensei4j.train.pretrain;

import java.nio.file.Path;

/** Tiny encoder/recovery configs for fast training tests. */
final class TinyConfigs {

    private TinyConfigs() {}

    static final String ARCHITECTURE = """
            encoder:
              descriptor_block: {layers: [8], output: 8, skips: true}
              permuted_descriptor_block: {layers: [8], output: 8, skips: false}
              combined_descriptor_block: {layers: [16], output: 8, skips: true}
              band_offset: 0.5
              groups: 2
              epsilon: 0.001
              leaky_alpha: 0.01
            recovery:
              candidate_descriptor_block: {layers: [8], output: 8, skips: true}
              real_descriptor_block: {layers: [8], output: 8, skips: false}
              candidate_prediction_block: {layers: [16], output: 8, skips: false}
              band_estimation_block: {layers: [16], output: 8, skips: false}
            """;

    /** A tiny run in {@code dir}: {@code epochs} × {@code steps} of {@code batch} pixels, 256 validation samples. */
    static PretrainConfig tiny(Path dir, int epochs, int steps, int batch, String extra) {
        String yaml = "name: tiny\nseed: 7\noutput_dir: " + dir + "\nbatch_size: " + batch + "\nsteps_per_epoch: "
                + steps + "\nepochs: " + epochs + "\nvalidation: {samples: 256, bands: 13, seed: 1}\n" + ARCHITECTURE
                + extra;
        return PretrainConfig.parse(yaml, "tiny.yaml", false);
    }
}
