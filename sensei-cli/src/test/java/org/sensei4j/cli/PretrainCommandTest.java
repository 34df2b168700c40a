package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainCommandTest {

    private static Path tinyConfig(Path dir, String extra) throws Exception {
        String yaml = CliFixtures.tinyPretrainYaml("cli-tiny", dir.resolve("run"), 3, 2, 64) + extra;
        return Files.writeString(dir.resolve("tiny.yaml"), yaml);
    }

    @Test
    void trainsThenEvaluatesTheBundleThenResumes(@TempDir Path dir) throws Exception {
        Path config = tinyConfig(dir, "");
        CliRun r = CliRun.of("pretrain", config.toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        Path run = dir.resolve("run");
        assertThat(r.out())
                .contains("pretraining cli-tiny: 2 epochs, 6 steps")
                .contains("best-model.zip")
                .contains("log: " + run.resolve("log.csv"))
                .contains("plot: " + run.resolve("loss.png"))
                .contains("final validation (64 samples, 13 bands, seed 1): loss ");
        assertThat(run.resolve("best-model.zip")).isRegularFile();
        assertThat(run.resolve("loss.png")).isRegularFile();
        Matcher m = Pattern.compile("final validation .*: loss (\\d+\\.\\d+)").matcher(r.out());
        assertThat(m.find()).isTrue();

        CliRun eval = CliRun.of(
                "pretrain",
                "evaluate",
                "--weights",
                run.resolve("best-model.zip").toString(),
                "--samples",
                "64");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(eval.out());
        assertThat(json.get("samples").asInt()).isEqualTo(64);

        CliRun again = CliRun.of("pretrain", config.toString(), "--quiet");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err())
                .contains("already holds a run (checkpoint at epoch 2)")
                .contains("--resume")
                .doesNotContain("Exception");

        CliRun resumed = CliRun.of("pretrain", config.toString(), "--resume");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming cli-tiny at epoch 2");
        assertThat(resumed.out()).contains("final validation (64 samples, 13 bands, seed 1): loss " + m.group(1));
    }

    @Test
    void perEpochLinesGoToStderrUnlessQuiet(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("pretrain", tinyConfig(dir, "").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err())
                .contains("epoch 0 (before training): val loss")
                .contains("epoch 1/2: train loss")
                .contains("epoch 2/2: train loss");
    }

    @Test
    void badConfigsFailWithTheKeyAndExitCode2(@TempDir Path dir) throws Exception {
        CliRun unknown =
                CliRun.of("pretrain", tinyConfig(dir, "lerning_rate: 0.1\n").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown key 'lerning_rate'").contains("optimiser");
        CliRun missing = CliRun.of("pretrain", dir.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("config file not found");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void withoutArgumentsPrintsUsageListingTheSubcommand() {
        CliRun r = CliRun.of("pretrain");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("CONFIG").contains("--resume").contains("evaluate");
    }
}
