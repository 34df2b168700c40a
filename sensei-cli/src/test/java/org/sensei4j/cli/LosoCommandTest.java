package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LosoCommandTest {

    private static Path config(Path dir, String sensors) throws Exception {
        return Files.writeString(
                dir.resolve("loso.yaml"),
                "name: loso-cli\nhead: nn\nsensei: true\nclass_scheme: cloud\n"
                        + "datasets:\n  - {type: synthetic, name: synth, sensors: " + sensors
                        + ", scene_count: 4, size: 40, "
                        + "seed: 2}\n"
                        + "patch_size: 34\ncrop_size: 32\nbatch_size: 2\nsteps_per_epoch: 2\nepochs: 1\n"
                        + "validation: {tile_size: 16, max_patches: 4}\nseed: 1\noutput_dir: " + dir.resolve("unused")
                        + "\n");
    }

    @Test
    void listsTheSourcesAndRefusesBadInputWithOneErrorLineBeforeTraining(@TempDir Path dir) throws Exception {
        Path cfg = config(dir, "[sentinel2, virtual]");
        CliRun list = CliRun.of("loso", cfg.toString(), "--list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out())
                .isEqualTo("synth/sentinel2\tsynthetic family" + System.lineSeparator()
                        + "synth/virtual\tsynthetic family" + System.lineSeparator());

        Path out = dir.resolve("out");
        CliRun unknown = CliRun.of("loso", cfg.toString(), "-o", out.toString(), "--source", "ukis");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err())
                .isEqualTo("error: config 'loso-cli' has no source 'ukis': use one of "
                        + "[synth/sentinel2, synth/virtual] (real data sets by name, synthetic sensor families as "
                        + "DATASET/FAMILY)" + System.lineSeparator());
        assertThat(out).doesNotExist();

        Path single = config(dir, "[sentinel2]");
        CliRun empty = CliRun.of("loso", single.toString(), "-o", out.toString());
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err())
                .isEqualTo("error: holding out source 'synth/sentinel2' leaves config 'loso-cli' no "
                        + "training data: add another data set to the config, or leave 'synth/sentinel2' out of "
                        + "--source"
                        + System.lineSeparator());
        assertThat(out).doesNotExist();

        CliRun noOutput = CliRun.of("loso", cfg.toString());
        assertThat(noOutput.exitCode()).isEqualTo(2);
        assertThat(noOutput.err()).startsWith("error: no output folder: give -o DIR");

        CliRun badSteps = CliRun.of("loso", cfg.toString(), "-o", out.toString(), "--max-steps", "0");
        assertThat(badSteps.exitCode()).isEqualTo(2);
        assertThat(badSteps.err()).isEqualTo("error: --max-steps must be >= 1, got 0" + System.lineSeparator());
    }

    @Test
    void holdsOutOneFamilyPrintsTheTableAndWritesItsFiles(@TempDir Path dir) throws Exception {
        Path cfg = config(dir, "[sentinel2, landsat8]");
        Path out = dir.resolve("out");
        CliRun r = CliRun.of(
                "loso",
                cfg.toString(),
                "-o",
                out.toString(),
                "--source",
                "synth/landsat8",
                "--max-steps",
                "2",
                "--floor-pixels",
                "2000",
                "--floor-rounds",
                "5",
                "--test-scenes",
                "2",
                "--block-size",
                "16",
                "--bootstrap",
                "100");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("| held-out source | kind | classifier | scenes | pixels | OA | BA | precision | "
                        + "recall | F1 | resampled |")
                .contains("| synth/landsat8 | synthetic family | model | 2 | 3,200 | ")
                .contains("| synth/landsat8 | synthetic family | floor | 2 | ")
                .contains("| synth/landsat8 | synthetic family | threshold baseline | 2 | ")
                .contains("blocks of 16 px |");
        assertThat(r.out().lines().filter(l -> l.startsWith("| synth/"))).hasSize(3);
        assertThat(r.err())
                .contains("synth/landsat8: trains on [synth (2 scenes)]")
                .contains("wrote " + out.resolve("loso.md"));
        assertThat(Files.readString(out.resolve("loso.md"))).isEqualTo(r.out());
        assertThat(out.resolve("loso.json")).isRegularFile();
        assertThat(out.resolve("fold-synth-landsat8/best-model.zip")).isRegularFile();
        assertThat(out.resolve("fold-synth-landsat8/gbdt-floor.zip")).isRegularFile();
    }
}
