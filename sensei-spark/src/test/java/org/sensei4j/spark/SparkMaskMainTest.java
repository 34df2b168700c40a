package org.sensei4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkMaskMainTest {

    @TempDir
    Path tmp;

    @Test
    void exitCodesSayWhetherScenesFailed() throws IOException {
        TestData.spark(); // the command uses the active session
        Path in = Files.createDirectories(tmp.resolve("in"));
        TestData.sentinel2(in.resolve("a.tif"), 33, 33, 31, TestData.utm(32, 600000, 5100000, 10));
        TestData.corrupt(in.resolve("bad.tif"), 32);
        Path good = Files.writeString(
                tmp.resolve("good.csv"),
                "scene_id,sensor,input,bands\n" + "a,sentinel2," + in.resolve("a.tif") + ",B02;B03;B04;B08\n");
        Path mixed = Files.writeString(
                tmp.resolve("mixed.csv"),
                "scene_id,sensor,input,bands\n"
                        + "a,sentinel2," + in.resolve("a.tif") + ",B02;B03;B04;B08\n"
                        + "bad,sentinel2," + in.resolve("bad.tif") + ",B02;B03;B04;B08\n");
        Path noSensor = Files.writeString(tmp.resolve("nosensor.csv"), "scene_id,input\na,x.tif\n");
        String model = TestData.bundle().toString();
        String out = tmp.resolve("out").toString();

        Run mixedRun = run(
                "--manifest",
                mixed.toString(),
                "--output-dir",
                out,
                "--model",
                model,
                "--tile",
                "64",
                "--overlap",
                "8");
        assertThat(mixedRun.code).isEqualTo(1);
        assertThat(mixedRun.out)
                .contains("failed: bad: cannot read TIFF")
                .contains("2 scenes: 1 masked, 0 skipped (output exists), 1 failed; results in " + out + "/results");
        assertThat(tmp.resolve("out/a_mask.tif")).exists();

        Run goodRun = run("--manifest", good.toString(), "--output-dir", out, "--model", model);
        assertThat(goodRun.code).isEqualTo(0);
        assertThat(goodRun.out).contains("1 scenes: 0 masked, 1 skipped (output exists), 0 failed");

        Run bad = run("--manifest", noSensor.toString(), "--output-dir", out);
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err).startsWith("error: manifest " + noSensor + " has no column 'sensor'");

        Run format = run("--manifest", good.toString(), "--output-dir", out, "--format", "png");
        assertThat(format.code).isEqualTo(2);
        assertThat(format.err).isEqualTo("error: --format takes 'cog' or 'gtiff', got 'png'" + System.lineSeparator());

        Run missing = run("--output-dir", out);
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).contains("Missing required option: '--manifest=CSV'");
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SparkMaskMain.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
