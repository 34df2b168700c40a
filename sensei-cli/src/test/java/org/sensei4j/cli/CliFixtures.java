package org.sensei4j.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.model.bundle.Provenance;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.head.HeadType;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/** Models and labelled images the command tests share. */
final class CliFixtures {

    /** The grid of {@link #reflectanceImage} and {@link #onCloudNMask}: EPSG:32633, 10 m pixels. */
    static final Georeference GRID_10M = Georeference.northUp(32633, 400000, 6000000, 10, 10);

    private CliFixtures() {}

    /**
     * Saves an untrained SEnSeI + per-pixel network ({@code sensei-nn}) of {@code scheme} to {@code file} (a folder,
     * or a .zip), its weights drawn with the engine's random seed set to {@code seed}.
     *
     * @return {@code file}
     */
    static Path untrainedBundle(Path file, ClassScheme scheme, int seed) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(seed);
            ModelBundle.save(
                    CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, scheme), m),
                    Provenance.untrained("test"),
                    file);
        }
        return file;
    }

    /**
     * Writes a 4-band Float32 image of random reflectance (0–1, seed 2) of {@code width × height} on
     * {@link #GRID_10M}.
     */
    static Path reflectanceImage(Path file, int width, int height) {
        Random rnd = new Random(2);
        float[] v = new float[4 * width * height];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat();
        }
        GeoTiffWriter.create(SampleType.FLOAT32).write(file, new FloatRaster(4, height, width, v, null), GRID_10M);
        return file;
    }

    /**
     * Writes a Byte mask in On Cloud N codes (0 clear, 1 cloud, 255 missing) on {@link #GRID_10M}: the top half
     * (rows below {@code height / 2}) cloud, the rest clear, every 17th pixel missing.
     */
    static Path onCloudNMask(Path file, int width, int height) {
        float[] labels = new float[width * height];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 17 == 0 ? 255 : (i / width < height / 2 ? 1 : 0);
        }
        GeoTiffWriter.create(SampleType.UINT8).write(file, new FloatRaster(1, height, width, labels, 255.0), GRID_10M);
        return file;
    }

    /**
     * A tiny SEnSeI pretraining config (blocks 8 wide, batches of 8, seed 2, validation on 13 bands) named
     * {@code name}, writing to {@code outputDir}.
     */
    static String tinyPretrainYaml(String name, Path outputDir, int stepsPerEpoch, int epochs, int validationSamples) {
        return """
                name: %s
                seed: 2
                output_dir: %s
                batch_size: 8
                steps_per_epoch: %d
                epochs: %d
                validation: {samples: %d, bands: 13, seed: 1}
                encoder:
                  descriptor_block: {layers: [8], output: 8, skips: true}
                  permuted_descriptor_block: {layers: [8], output: 8, skips: false}
                  combined_descriptor_block: {layers: [8], output: 8, skips: true}
                  band_offset: 0.5
                  groups: 2
                  epsilon: 0.001
                  leaky_alpha: 0.01
                recovery:
                  candidate_descriptor_block: {layers: [8], output: 8, skips: true}
                  real_descriptor_block: {layers: [8], output: 8, skips: false}
                  candidate_prediction_block: {layers: [8], output: 8, skips: false}
                  band_estimation_block: {layers: [8], output: 8, skips: false}
                """.formatted(name, outputDir, stepsPerEpoch, epochs, validationSamples);
    }
}
