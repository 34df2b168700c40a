package org.sensei4j.train.segmentation;

import java.nio.file.Path;

/** Tiny training configs on small synthetic scenes, for fast tests. */
final class TinyTrainConfigs {

    private TinyTrainConfigs() {}

    /**
     * A run in {@code dir}: {@code epochs} × {@code steps} steps of 4 × 32 px crops from 8 synthetic 48 px scenes
     * (Sentinel-2 and Landsat 8), the last Landsat 8 scene and the bottom quarter of each scene held out.
     *
     * @param model e.g. {@code "head: nn\nsensei: true\n"}
     */
    static TrainConfig tiny(Path dir, String model, int epochs, int steps, String extra) {
        return TrainConfig.parse(yaml(dir, model, epochs, steps, extra), "tiny.yaml", false);
    }

    /** {@link #tiny} with 2 samples per batch and 4 validation tiles, for the slower resume tests. */
    static TrainConfig small(Path dir, String model, int epochs, int steps) {
        return TrainConfig.parse(smallYaml(dir, model, epochs, steps, ""), "small.yaml", false);
    }

    /** {@link #small} without hold-outs, so without validation (for the resume test of the slowest head). */
    static TrainConfig unvalidated(Path dir, String model, int epochs, int steps) {
        return TrainConfig.parse(
                smallYaml(dir, model, epochs, steps, "")
                        .replace("    hold_out_scenes: [landsat8-007]\n    hold_out_bottom: 0.25\n", ""),
                "unvalidated.yaml",
                false);
    }

    /** The text of {@link #small}, with {@code extra} lines at the end. */
    static String smallYaml(Path dir, String model, int epochs, int steps, String extra) {
        return yaml(dir, model, epochs, steps, extra)
                .replace("batch_size: 4", "batch_size: 2")
                .replace("max_patches: 12", "max_patches: 4");
    }

    static String yaml(Path dir, String model, int epochs, int steps, String extra) {
        return "name: tiny\n" + model
                + "class_scheme: cloud\n"
                + "datasets:\n"
                + "  - type: synthetic\n"
                + "    name: synth\n"
                + "    sensors: [sentinel2, landsat8]\n"
                + "    scene_count: 8\n"
                + "    size: 48\n"
                + "    seed: 5\n"
                + "    hold_out_scenes: [landsat8-007]\n"
                + "    hold_out_bottom: 0.25\n"
                + "patch_size: 34\n"
                + "crop_size: 32\n"
                + "min_labelled_fraction: 0.5\n"
                + "batch_size: 4\n"
                + "steps_per_epoch: " + steps + "\n"
                + "epochs: " + epochs + "\n"
                + "optimiser: {type: sgd, learning_rate: 0.01, momentum: 0.9}\n"
                + "validation: {tile_size: 16, max_patches: 12}\n"
                + "seed: 3\n"
                + "output_dir: " + dir + "\n"
                + extra;
    }

    static final String SENSEI_NN = "head: nn\nsensei: true\n";
    static final String SENSEI_DLV3 = "head: deeplabv3plus\nsensei: true\n";
    static final String DLV3_S2 =
            "head: deeplabv3plus\nsensei: false\n" + "fixed_bands: [B02|B2, B03|B3, B04|B4, B08|B5, B11|B6]\n";
    static final String NN_S2 = "head: nn\nsensei: false\nfixed_bands: [B02|B2, B03|B3, B04|B4, B08|B5, B11|B6]\n";
}
