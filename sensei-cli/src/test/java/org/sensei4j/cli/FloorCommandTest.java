package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloorCommandTest {

    @Test
    void aMissingConfigIsExitCode2WithTheFix(@TempDir Path dir) {
        Path cfg = dir.resolve("nope.yaml");
        CliRun r = CliRun.of("floor", "train", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("error: config file not found: " + cfg + ": check the path" + System.lineSeparator());
    }

    @Test
    void trainsOnASyntheticConfigPrintsTheMetricsAndEvaluateTakesTheFloor(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("floor.yaml");
        Files.writeString(
                cfg,
                "name: floor-cli\nhead: nn\nsensei: true\nclass_scheme: cloud\n"
                        + "datasets:\n  - {type: synthetic, name: synth, sensors: [sentinel2], scene_count: 3, size: "
                        + "40, "
                        + "seed: 2, hold_out_scenes: [sentinel2-002]}\n"
                        + "patch_size: 34\ncrop_size: 32\nvalidation: {tile_size: 16, max_patches: 4}\nseed: 1\n"
                        + "output_dir: " + dir.resolve("run") + "\n");
        CliRun r = CliRun.of("floor", "train", cfg.toString(), "--rounds", "10", "--max-pixels", "2000");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path model = dir.resolve("run/gbdt-floor.zip");
        assertThat(model).isRegularFile();
        assertThat(r.out())
                .contains("trained gbdt floor (XGBoost, cloud, 10 rounds")
                .contains("| synth | whole held-out parts |")
                .contains("| all | validation tiles |")
                .contains("wrote " + model)
                .contains("bands: random subsets, 3..all bands per pixel");
        Path allBands = dir.resolve("all-bands.zip");
        CliRun all = CliRun.of(
                "floor",
                "train",
                cfg.toString(),
                "--rounds",
                "10",
                "--max-pixels",
                "2000",
                "--all-bands",
                "-o",
                allBands.toString());
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("bands: all of each scene's bands per pixel");
        assertThat(all.err()).contains("every training pixel keeps all its scene's bands");
        assertThat(Files.size(allBands)).isPositive();
        CliRun missing = CliRun.of(
                "evaluate",
                "--dataset",
                "on-cloud-n:" + dir.resolve("none"),
                "--floor",
                dir.resolve("absent.zip").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: gbdt floor file " + dir.resolve("absent.zip") + " does not exist");
    }
}
