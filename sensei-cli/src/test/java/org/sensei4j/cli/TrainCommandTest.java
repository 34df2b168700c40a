package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    private static CliRun train(String... args) {
        return CliRun.of(CliFixtures.args(new String[] {"train"}, args));
    }

    private static Path config(Path dir, String datasets) throws Exception {
        return Files.writeString(dir.resolve("tiny.yaml"), """
                name: cli-tiny
                head: nn
                sensei: true
                class_scheme: cloud
                datasets:
                %s
                patch_size: 32
                crop_size: 32
                batch_size: 2
                steps_per_epoch: 2
                epochs: 2
                validation: {tile_size: 16, max_patches: 4}
                seed: 4
                output_dir: %s
                """.formatted(datasets, dir.resolve("run")));
    }

    private static final String SYNTHETIC = "  - {type: synthetic, sensors: [sentinel2], scene_count: 3, size: 32, "
            + "hold_out_scenes: [sentinel2-002]}";

    @Test
    void trainsPrintingWhereEverythingWentAndTheFinalMetricsThenResumes(@TempDir Path dir) throws Exception {
        Path cfg = config(dir, SYNTHETIC);
        CliRun r = train(cfg.toString(), "--quiet", "--max-steps", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        Path run = dir.resolve("run");
        assertThat(r.out())
                .contains("trained cli-tiny: 3 steps")
                .contains("initialisation: SEnSeI randomly initialised (seed 4)")
                .contains("data: synthetic (synthetic): trained on 2 scene(s) [sentinel2-000, sentinel2-001]; held "
                        + "out for validation: 1 scene(s) [sentinel2-002]")
                .containsPattern("best model \\(epoch \\d, val loss \\d+\\.\\d{4}\\): "
                        + run.resolve("best-model.zip").toString().replace(".", "\\.") + " \\([\\d,]+ bytes\\)")
                .contains("log: " + run.resolve("log.csv"))
                .contains("step log: " + run.resolve("steps.csv"))
                .contains("plots: " + run.resolve("loss.png") + ", " + run.resolve("metrics.png"))
                .containsPattern("final validation \\(4 tiles, 1,024 labelled px\\): loss \\d+\\.\\d{4}, cloud OA "
                        + "\\d+\\.\\d{2}, BA \\d+\\.\\d{2}, precision (\\d+\\.\\d{2}|NaN), recall \\d+\\.\\d{2}, F1 "
                        + "(\\d+\\.\\d{2}|NaN)");
        assertThat(run.resolve("best-model.zip")).isRegularFile();
        assertThat(run.resolve("checkpoints/epoch-0002/state.json")).isRegularFile();

        CliRun again = train(cfg.toString(), "--quiet");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err())
                .startsWith("error: output " + run + " already holds a run (checkpoint at step 3)")
                .contains("--resume");

        CliRun resumed = train(cfg.toString(), "--quiet", "--resume");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("trained cli-tiny: 4 steps");
    }

    @Test
    void aMissingDatasetPathFailsBeforeTrainingWithExitCode2(@TempDir Path dir) throws Exception {
        Path cfg = config(dir, "  - {type: ukis, path: " + dir.resolve("nowhere") + "}");
        CliRun r = train(cfg.toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("error: config 'cli-tiny': data set 'ukis' (ukis): path " + dir.resolve("nowhere")
                        + " does not exist")
                .contains("replace the placeholder paths")
                .doesNotContain("Exception");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void anUnknownKeyIsNamed(@TempDir Path dir) throws Exception {
        Path cfg = config(dir, SYNTHETIC);
        Files.writeString(cfg, Files.readString(cfg) + "epoch: 3\n");
        CliRun r = train(cfg.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("error: config " + cfg + ": unknown key 'epoch'")
                .contains("epochs");
    }
}
