package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.raster.Georeference;

/**
 * Issue 18 #6: the process's standard error holds only our own lines (no engine, SLF4J or PyTorch output), every
 * long command's, and none with {@code --quiet}; {@code --json} summaries are the only thing on standard output.
 */
class QuietOutputTest {

    @TempDir
    static Path dir;

    static Path bundle;
    static Path scene;
    static Path labels;
    static final int W = 48;
    static final int H = 40;
    static final Georeference GEO = CliFixtures.GRID_10M;

    @BeforeAll
    static void setUp() throws Exception {
        bundle = CliFixtures.untrainedBundle(dir.resolve("model.zip"), ClassScheme.CLEAR_CLOUD_SHADOW, 3);
        scene = CliFixtures.reflectanceImage(dir.resolve("scene.tif"), W, H, 8, 0.02f, 0.7f);
        // labels the model's cloud probability ranks (cloud where it is above its median): calibration can fit them
        float[] cloud = Arrays.copyOfRange(CliFixtures.maskS2(bundle, scene).probabilities(), W * H, 2 * W * H);
        float[] sorted = cloud.clone();
        Arrays.sort(sorted);
        float median = sorted[sorted.length / 2];
        labels = CliFixtures.labels(
                dir.resolve("labels.tif"), W, H, GEO, i -> cloud[i] >= median ? 1 : (i % 5 == 0 ? 2 : 0));
    }

    /** Every long command, its outputs under {@code run}: a line of tab-separated arguments each. */
    private static List<String> commands(Path run, boolean quiet) throws Exception {
        Files.createDirectories(run);
        String s2 = "--sensor\tsentinel2\t--bands\tB02,B03,B04,B08";
        String tiles = "--tile\t64\t--overlap\t0";
        List<String> c = new ArrayList<>();
        c.add("demo\t--output-dir\t" + run.resolve("demo") + "\t--size\t64");
        c.add("info\t" + scene + "\t" + s2 + "\t--stats");
        c.add("mask\t" + scene + "\t-o\t" + run.resolve("mask.tif") + "\t" + s2 + "\t--model\t" + bundle + "\t"
                + tiles);
        c.add("encode\t--weights\t" + bundle + "\t" + s2 + "\t--input\t" + scene + "\t--output\t"
                + run.resolve("features.npy"));
        c.add("evaluate\t--model\t" + bundle + "\t--image\t" + scene + "\t--mask\t" + labels + "\t" + s2 + "\t"
                + tiles);
        c.add("calibrate\t--model\t" + bundle + "\t-o\t" + run.resolve("calibrated.zip") + "\t--image\t" + scene
                + "\t--mask\t" + labels + "\t" + s2 + "\t" + tiles + "\t--sample\t1000");
        c.add("floor\ttrain\t" + trainConfig(run, "floor") + "\t-o\t" + run.resolve("floor.zip")
                + "\t--rounds\t5\t--max-pixels\t2000");
        c.add("bench\t--write-scene\t" + run.resolve("bench.tif") + "\t--size\t64");
        c.add("bench\t--mask-scene\t" + run.resolve("bench.tif") + "\t--model\t" + bundle + "\t" + tiles
                + "\t--threads\t1");
        c.add("bench\t--tile\t33\t--runs\t1\t--warmup\t0");
        c.add("train\t" + trainConfig(run, "train"));
        c.add("pretrain\t" + pretrainConfig(run));
        return quiet ? c.stream().map(line -> line + "\t--quiet").toList() : c;
    }

    private static Path trainConfig(Path run, String name) throws Exception {
        Path config = run.resolve(name + ".yaml");
        Files.writeString(config, """
                name: %s
                head: nn
                sensei: true
                class_scheme: cloud
                datasets:
                  - {type: synthetic, name: synth, sensors: [sentinel2], scene_count: 3, size: 40, seed: 2,
                     hold_out_scenes: [sentinel2-002]}
                patch_size: 34
                crop_size: 32
                batch_size: 2
                steps_per_epoch: 2
                epochs: 1
                validation: {tile_size: 16, max_patches: 4}
                optimiser: {type: sgd, learning_rate: 0.01, momentum: 0.9}
                seed: 3
                output_dir: %s
                """.formatted(name, run.resolve(name)));
        return config;
    }

    private static Path pretrainConfig(Path run) throws Exception {
        Path config = run.resolve("pretrain.yaml");
        Files.writeString(config, CliFixtures.tinyPretrainYaml("tiny", run.resolve("pretrain"), 2, 1, 32));
        return config;
    }

    /**
     * Every long command run twice in a child JVM as the CLI runs (the engine's C++ log level left to its default),
     * with --quiet first (so that anything printed once per process shows there) then without: the process's
     * standard error is exactly the lines our code wrote to the command line's standard error, and with --quiet
     * our code wrote none.
     */
    @Test
    void standardErrorHoldsOnlyOurLinesAndNoneWithQuiet() throws Exception {
        List<String> quiet = commands(dir.resolve("quiet"), true);
        List<String> normal = commands(dir.resolve("normal"), false);
        List<String> all = new ArrayList<>(quiet);
        all.addAll(normal);
        Path list = dir.resolve("commands.txt");
        Files.write(list, all, StandardCharsets.UTF_8);
        Path records = Files.createDirectories(dir.resolve("records"));
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dai.djl.offline=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        StderrHarness.class.getName(),
                        list.toString(),
                        records.toString())
                .directory(dir.toFile());
        pb.environment().remove("TORCH_CPP_LOG_LEVEL");
        pb.redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        List<String> err = Files.readAllLines(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("harness exit code; stderr: %s", err).isZero();
        List<String> codes = Files.readAllLines(records.resolve("exit-codes.txt"));
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String command = all.get(i).replace('\t', ' ');
            assertThat(codes.get(i))
                    .as("exit code of %s; stderr: %s", command, err)
                    .isEqualTo("0");
            List<String> lines = Files.readAllLines(records.resolve("ours-" + i + ".txt"), StandardCharsets.UTF_8);
            if (i < quiet.size()) {
                assertThat(lines)
                        .as("our standard error with --quiet: %s", command)
                        .isEmpty();
            }
            ours.addAll(lines);
        }
        // mask, encode, evaluate, calibrate, floor and train say what they did on standard error
        assertThat(ours)
                .anyMatch(l -> l.startsWith("masked "))
                .anyMatch(l -> l.startsWith("encoded "))
                .anyMatch(l -> l.startsWith("model model: decision: "))
                .anyMatch(l -> l.startsWith("wrote "))
                .anyMatch(l -> l.startsWith("drew "))
                .anyMatch(l -> l.startsWith("  round 1/1 done"));
        assertThat(err)
                .as("the process's standard error, line by line, against our lines")
                .isEqualTo(ours);
    }

    @Test
    void demoJsonIsOneObjectOnStandardOutputAndItsLinesGoToStandardError() throws Exception {
        Path out = dir.resolve("demo-json");
        CliRun r = CliRun.of(
                "demo", "--output-dir", out.toString(), "--size", "64", "--model", bundle.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(r.out().strip().lines()).hasSize(1);
        assertThat(j.get("output_dir").asText()).isEqualTo(out.toAbsolutePath().toString());
        assertThat(j.get("sensor").asText()).isEqualTo("landsat7");
        assertThat(j.get("size").asInt()).isEqualTo(64);
        assertThat(j.get("files")).extracting(JsonNode::asText).contains("mask.tif", "report.html");
        assertThat(j.at("/cloud/pixels").asLong()).isEqualTo(64 * 64);
        assertThat(j.at("/cloud/oa").isNumber()).isTrue();
        JsonNode evaluation =
                new ObjectMapper().readTree(out.resolve("evaluation.json").toFile());
        assertThat(j.get("cloud")).isEqualTo(evaluation.get("cloud"));
        assertThat(r.err()).contains("1. synthetic Landsat 7").contains("3. metrics");
        CliRun q = CliRun.of(
                "demo",
                "--output-dir",
                out.toString(),
                "--size",
                "64",
                "--model",
                bundle.toString(),
                "--json",
                "--quiet");
        assertThat(q.exitCode()).as(q.err()).isZero();
        assertThat(q.err()).isEmpty();
        assertThat(new ObjectMapper().readTree(q.out()).get("cloud")).isEqualTo(j.get("cloud"));
    }

    @Test
    void encodeAndCalibrateJsonAreOneObjectOnStandardOutput() throws Exception {
        CliRun e = CliFixtures.encode(
                bundle, scene.toString(), dir.resolve("f.tif"), CliFixtures.args(CliFixtures.S2, "--json", "--quiet"));
        assertThat(e.exitCode()).as(e.err()).isZero();
        assertThat(e.err()).isEmpty();
        JsonNode j = new ObjectMapper().readTree(e.out());
        assertThat(j.get("output").asText()).isEqualTo(dir.resolve("f.tif").toString());
        assertThat(j.get("format").asText()).isEqualTo("geotiff");
        assertThat(j.get("bands")).extracting(JsonNode::asText).containsExactly("B02", "B03", "B04", "B08");
        assertThat(j.get("sensor").asText()).isEqualTo("sentinel2");
        CliRun c = CliRun.of(
                "calibrate",
                "--model",
                bundle.toString(),
                "-o",
                dir.resolve("c.zip").toString(),
                "--image",
                scene.toString(),
                "--mask",
                labels.toString(),
                "--sensor",
                "sentinel2",
                "--bands",
                "B02,B03,B04,B08",
                "--tile",
                "64",
                "--overlap",
                "0",
                "--sample",
                "1000",
                "--json",
                "--quiet");
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.err()).isEmpty();
        JsonNode k = new ObjectMapper().readTree(c.out());
        assertThat(k.get("temperature").asDouble()).isPositive();
        assertThat(k.get("cloud_threshold").asDouble()).isBetween(0.01, 0.99);
        assertThat(k.at("/sources/0/source").asText()).isEqualTo("scene.tif");
        assertThat(k.at("/sources/0/pixels").asLong()).isEqualTo((long) W * H);
    }
}
