package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PyTorch's C++ warnings stay off stderr (issue 16 #11). */
class EngineWarningsTest {

    @Test
    void theLevelFollowsTorchCppLogLevelWithErrorsOnlyByDefault() {
        assertThat(EngineWarnings.level(null)).isEqualTo(2);
        assertThat(EngineWarnings.level("ERROR")).isEqualTo(2);
        assertThat(EngineWarnings.level(" warning ")).isEqualTo(1);
        assertThat(EngineWarnings.level("INFO")).isZero();
        assertThat(EngineWarnings.level("0")).isZero();
        assertThat(EngineWarnings.level("3")).isEqualTo(3);
        assertThat(EngineWarnings.level("verbose")).isEqualTo(2);
    }

    @Test
    void applyingSetsLibc10sLogLevel() {
        assertThat(EngineWarnings.apply())
                .as("libc10's FLAGS_caffe2_log_level found")
                .isTrue();
        assertThat(EngineWarnings.current()).contains(EngineWarnings.level(System.getenv("TORCH_CPP_LOG_LEVEL")));
    }

    /**
     * A DeepLabv3+ training run in a child JVM, as the CLI runs it: stderr holds none of libtorch's "[W..." lines
     * (on CPUs without NNPACK support each convolution call used to print "Could not initialize NNPACK!").
     */
    @Test
    void aDeepLabTrainingRunPrintsNoEngineWarnings(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("tiny.yaml");
        Files.writeString(config, """
                name: tiny
                head: deeplabv3plus
                sensei: true
                class_scheme: cloud
                datasets:
                  - type: synthetic
                    name: synth
                    sensors: [sentinel2, landsat8]
                    scene_count: 4
                    size: 48
                    seed: 5
                patch_size: 34
                crop_size: 32
                min_labelled_fraction: 0.5
                batch_size: 2
                steps_per_epoch: 2
                epochs: 1
                optimiser: {type: sgd, learning_rate: 0.01, momentum: 0.9}
                seed: 3
                output_dir: %s
                """.formatted(dir.resolve("out")));
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                SenseiCommand.class.getName(),
                "train",
                config.toString());
        pb.environment().remove("TORCH_CPP_LOG_LEVEL");
        pb.redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        List<String> err = Files.readAllLines(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("exit code; stderr: %s", err).isZero();
        assertThat(Files.readString(dir.resolve("out.txt"))).contains("trained tiny: 2 steps");
        assertThat(err).noneMatch(line -> line.startsWith("[W"));
    }
}
