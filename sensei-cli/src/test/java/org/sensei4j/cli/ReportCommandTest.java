package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    static Path dir;

    static Path json;
    static Path report;

    @BeforeAll
    static void evaluateAndReport() throws Exception {
        Path chips = dir.resolve("chips");
        EvaluateDatasetCommandTest.writeChips(chips);
        Path bundle = EvaluateDatasetCommandTest.untrained(dir.resolve("model.zip"), 9);
        Path out = Files.createDirectories(dir.resolve("eval"));
        json = out.resolve("eval.json");
        CliRun e = CliRun.of(
                "evaluate",
                "--model",
                bundle.toString(),
                "--baseline",
                "--dataset",
                "on-cloud-n:" + chips,
                "--json",
                json.toString(),
                "--pictures",
                out.resolve("pictures").toString(),
                "--bootstrap",
                "50");
        assertThat(e.exitCode()).as(e.err()).isZero();
        Path log = dir.resolve("run.csv");
        Files.writeString(log, "epoch,step,train_loss,val_loss\n1,100,0.69,0.70\n2,200,0.52,0.58\n3,300,0.41,0.50\n");
        report = dir.resolve("site").resolve("report.html");
        Files.createDirectories(report.getParent());
        CliRun r = CliRun.of(
                "report",
                json.toString(),
                "-o",
                report.toString(),
                "--title",
                "Untrained vs baseline",
                "--training-log",
                log.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("wrote " + report + ": 2 evaluation(s), 9 picture(s), 1 training chart(s)");
    }

    @Test
    void htmlHasTheTablesAndImagesOfExistingPictures() throws Exception {
        String html = Files.readString(report);
        assertThat(html)
                .contains("<title>Untrained vs baseline</title>")
                .contains("<th>model</th><th>band set</th><th>OA</th><th>BA</th><th>P</th><th>R</th><th>F1</th>")
                .contains("<td class=\"t\">model</td><td class=\"t\">ALL</td>")
                .contains("<td class=\"t\">threshold baseline</td><td class=\"t\">ALL</td>")
                .contains("<td>100.00</td>")
                .contains("<caption>Per class (scheme cloud)</caption>")
                .contains("data:image/png;base64,");
        Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int files = 0;
        while (m.find()) {
            if (!m.group(1).startsWith("data:")) {
                assertThat(report.getParent().resolve(m.group(1))).isRegularFile();
                files++;
            }
        }
        assertThat(files).isEqualTo(9); // 3 chips: quicklook + model overlay + baseline overlay
        assertThat(html).contains("<img src=\"../eval/pictures/chip_b/quicklook.png\"");
    }

    @Test
    void badInputsGiveClearErrors() {
        CliRun missing = CliRun.of(
                "report",
                dir.resolve("nope.json").toString(),
                "-o",
                dir.resolve("r.html").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist: give files written by sensei evaluate --json");
        CliRun noDir = CliRun.of(
                "report",
                json.toString(),
                "-o",
                dir.resolve("no/such/dir/r.html").toString());
        assertThat(noDir.exitCode()).isEqualTo(2);
        assertThat(noDir.err()).contains("does not exist: create it first");
        CliRun noLog = CliRun.of(
                "report",
                json.toString(),
                "-o",
                dir.resolve("r.html").toString(),
                "--training-log",
                dir.resolve("nolog.csv").toString());
        assertThat(noLog.exitCode()).isEqualTo(2);
        assertThat(noLog.err()).contains("training log").contains("does not exist");
    }

    @Test
    void headlessChromiumRendersTheReport() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Assumptions.assumeTrue(
                Files.isExecutable(chromium),
                "/usr/bin/chromium not installed: skipping the headless screenshot of the report");
        Path png = dir.resolve("screenshot.png");
        Process p = new ProcessBuilder(
                        chromium.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--user-data-dir=" + dir.resolve("chromium-profile"),
                        "--screenshot=" + png,
                        "--window-size=1200,1600",
                        report.toUri().toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(
                    "chromium did not finish in 120 s; log: " + Files.readString(dir.resolve("chromium.log")));
        }
        assertThat(png).as(Files.readString(dir.resolve("chromium.log"))).isRegularFile();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                colours.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(20);
    }
}
