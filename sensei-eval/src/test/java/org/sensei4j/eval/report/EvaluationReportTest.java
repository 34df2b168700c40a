package org.sensei4j.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.eval.DatasetEvaluator;
import org.sensei4j.eval.DatasetEvaluator.Candidate;
import org.sensei4j.eval.EvaluationFixtures;
import org.sensei4j.eval.ThresholdBaseline;
import org.sensei4j.io.dataset.OnCloudNDataset;

class EvaluationReportTest {

    @TempDir
    static Path dir;

    static Path json;
    static Path single;

    /** Two baselines (ALL and RGB band sets) on three On Cloud N chips, with pictures; and a one-row evaluation. */
    @BeforeAll
    static void evaluate() throws Exception {
        Path chips = dir.resolve("chips");
        for (int c = 0; c < 3; c++) {
            EvaluationFixtures.onCloudNChip(chips, "chip_" + c, c);
        }
        Path out = Files.createDirectories(dir.resolve("eval"));
        ObjectNode doc = new DatasetEvaluator(
                        List.of(
                                new Candidate(ThresholdBaseline.NAME, "ALL", new ThresholdBaseline()),
                                new Candidate(ThresholdBaseline.NAME, "RGB", new ThresholdBaseline())),
                        DatasetEvaluator.Options.defaults()
                                .withBootstrap(50, 1, 0.95)
                                .withPictures(out.resolve("pics"), 256))
                .evaluate(OnCloudNDataset.of(chips))
                .toJson(out);
        json = out.resolve("eval.json");
        new ObjectMapper().writeValue(json.toFile(), doc);
        single = out.resolve("single.json");
        new ObjectMapper()
                .writeValue(
                        single.toFile(),
                        new DatasetEvaluator(
                                        List.of(new Candidate(ThresholdBaseline.NAME, "ALL", new ThresholdBaseline())),
                                        DatasetEvaluator.Options.defaults().withBootstrap(0, 1, 0.95))
                                .evaluate(OnCloudNDataset.of(chips))
                                .toJson(null));
    }

    static int count(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void tablesAndPicturesOfAComparison() throws Exception {
        Path report = Files.createDirectories(dir.resolve("report")).resolve("report.html");
        EvaluationReport.Summary s = EvaluationReport.write("Test report", List.of(json), report, null, 100);
        assertThat(s.evaluations()).isEqualTo(2);
        assertThat(s.pictures()).isEqualTo(3 + 2 * 3); // one quicklook and two overlays per chip
        assertThat(s.missingPictures()).isZero();
        String html = Files.readString(report);
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<title>Test report</title>")
                .contains("<caption>Cloud vs not cloud on on-cloud-n (percent, pixel-summed over all scenes)</caption>")
                .contains("<th>model</th><th>band set</th><th>OA</th><th>BA</th><th>P</th><th>R</th><th>F1</th>")
                .contains("<td class=\"t\">threshold baseline</td><td class=\"t\">RGB</td>")
                .contains("95% bootstrap intervals (50 resamples of the 3 scenes, seed 1)")
                .contains("<td class=\"t\">chip_2</td>")
                .doesNotContain("<script");
        // pictures are referenced relative to the report, and exist
        assertThat(html)
                .contains("<img src=\"../eval/pics/chip_0/quicklook.png\"")
                .contains("<img src=\"../eval/pics/chip_1/overlay-2-threshold-baseline-rgb.png\"");
        assertThat(count(html, "<img ")).isEqualTo(9);
        Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            assertThat(report.getParent().resolve(m.group(1))).isRegularFile();
        }
        // the metrics in the table are those of the JSON
        double oa = new ObjectMapper()
                .readTree(json.toFile())
                .at("/comparison/0/oa")
                .asDouble();
        assertThat(html).contains(String.format(Locale.ROOT, "<td>%.2f</td>", oa));
    }

    @Test
    void missingPicturesAreLeftOutAndSeveralInputsAreCompared() throws Exception {
        Path copyDir = Files.createDirectories(dir.resolve("copy"));
        Path moved = copyDir.resolve("eval.json");
        Files.copy(json, moved); // its relative picture paths now point nowhere
        Path report = dir.resolve("two.html");
        EvaluationReport.Summary s = EvaluationReport.write("Two", List.of(single, moved), report, null, 2);
        assertThat(s.evaluations()).isEqualTo(3);
        assertThat(s.pictures()).isZero();
        assertThat(s.missingPictures()).isEqualTo(2 * 3); // 2 scenes pictured at most: quicklook + 2 overlays each
        String html = Files.readString(report);
        assertThat(html)
                .contains("<caption>Cloud vs not cloud, every input (percent)</caption>")
                .contains("<td class=\"t\">single.json</td><td class=\"t\">on-cloud-n</td>"
                        + "<td class=\"t\">threshold baseline</td><td class=\"t\">ALL</td>")
                .contains("6 picture(s) named in the JSON were not found")
                .doesNotContain("<img ");
    }

    @Test
    void trainingCurvesAreEmbedded() throws Exception {
        Path log = dir.resolve("run.csv");
        Files.writeString(
                log,
                "# a training log\n\"epoch\",step,train_loss,val_loss,lr,val_f1\n"
                        + "1,100,0.9,0.8,0.001,50\n\n2,200,0.7,nan,0.001,\n3,300,0.5,0.6\n4,400,0.4,0.55,0.00025,70\n");
        Path report = dir.resolve("curves.html");
        EvaluationReport.Summary s = EvaluationReport.write("Curves", List.of(single), report, log, 10);
        assertThat(s.charts()).isEqualTo(2);
        String html = Files.readString(report);
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")
                .matcher(html);
        assertThat(m.find()).isTrue();
        BufferedImage png =
                ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(450);
        assertThat(html).contains("loss per step").contains("Training (run.csv)");
    }

    @Test
    void badInputsAreRefused() throws Exception {
        Path notEval = dir.resolve("other.json");
        Files.writeString(notEval, "{\"hello\": 1}");
        assertThatThrownBy(() -> EvaluationReport.write("x", List.of(notEval), dir.resolve("x.html"), null, 1))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("is not an evaluation")
                .hasMessageContaining("sensei evaluate --json");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"cloud\": ");
        assertThatThrownBy(() -> EvaluationReport.write("x", List.of(broken), dir.resolve("x.html"), null, 1))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("cannot read evaluation JSON");
        Path noLoss = dir.resolve("noloss.csv");
        Files.writeString(noLoss, "epoch,lr\n1,0.1\n");
        assertThatThrownBy(() -> EvaluationReport.write("x", List.of(single), dir.resolve("x.html"), noLoss, 1))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("no loss or metric column");
        assertThat(dir.resolve("x.html")).doesNotExist();
    }

    @Test
    void markdownOfAComparison() throws Exception {
        String md = EvaluationTables.markdown(new ObjectMapper().readTree(json.toFile()), true);
        assertThat(md)
                .contains("| model | band set | OA | BA | P | R | F1 | scenes | pixels |\n"
                        + "|---|---|---|---|---|---|---|---|---|\n| threshold baseline | ALL |");
        assertThat(md).contains("### threshold baseline [RGB] on on-cloud-n (3 scenes)");
        assertThat(md).contains("| cloud (vs rest) |").contains("| chip_1 |");
        assertThat(count(md, "\\| threshold baseline \\| (ALL|RGB) \\|")).isEqualTo(2);
    }
}
