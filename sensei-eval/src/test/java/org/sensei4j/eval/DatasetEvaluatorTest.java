package org.sensei4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sensei4j.eval.EvaluationFixtures.H;
import static org.sensei4j.eval.EvaluationFixtures.W;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;
import org.sensei4j.eval.DatasetEvaluator.Candidate;
import org.sensei4j.eval.report.Pictures;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.io.dataset.OnCloudNDataset;
import org.sensei4j.metrics.BinaryConfusion;

class DatasetEvaluatorTest {

    @TempDir
    static Path dir;

    static Path chips;
    static CloudMasker masker;
    static final String[] CHIPS = {"chip_a", "chip_b", "chip_c"};
    static final int[] VARIANTS = {0, 2, 3};

    @BeforeAll
    static void setUp() {
        chips = dir.resolve("train_features");
        for (int c = 0; c < CHIPS.length; c++) {
            EvaluationFixtures.onCloudNChip(chips, CHIPS[c], VARIANTS[c]);
        }
        masker = CloudMasker.load(EvaluationFixtures.untrainedBundle(dir.resolve("model.zip")));
    }

    @AfterAll
    static void tearDown() {
        masker.close();
    }

    static Candidate model(String bandSet) {
        return new Candidate("untrained", bandSet, new ModelClassifier("untrained", masker, MaskingOptions.defaults()));
    }

    static Candidate baseline() {
        return new Candidate(ThresholdBaseline.NAME, "ALL", new ThresholdBaseline());
    }

    /** Counts of (truth, prediction) over pixels where neither is nodata. */
    static long[] confusion(byte[] truth, byte[] predicted) {
        long[] c = new long[4]; // tp fp fn tn
        for (int i = 0; i < truth.length; i++) {
            int t = truth[i] & 0xFF;
            int p = predicted[i] & 0xFF;
            if (t == 255 || p == 255) {
                continue;
            }
            c[t == 1 ? (p == 1 ? 0 : 2) : (p == 1 ? 1 : 3)]++;
        }
        return c;
    }

    static long[] counts(JsonNode cloud) {
        return new long[] {
            cloud.get("tp").asLong(),
            cloud.get("fp").asLong(),
            cloud.get("fn").asLong(),
            cloud.get("tn").asLong()
        };
    }

    @Test
    void pixelSummedMetricsAreTheSumOfPerSceneMatricesOfTheMaskersOwnPrediction() {
        OnCloudNDataset data = OnCloudNDataset.of(chips);
        DatasetEvaluator evaluator = new DatasetEvaluator(
                List.of(model("ALL")), DatasetEvaluator.Options.defaults().withBootstrap(200, 7, 0.9));
        List<String> seen = new ArrayList<>();
        DatasetEvaluation e = evaluator.evaluate(data, data.sceneIds(), (i, n, id, cloud, s) -> {
            assertThat(n).isEqualTo(3);
            assertThat(cloud).hasSize(1);
            seen.add(i + ":" + id);
        });
        assertThat(seen).containsExactly("0:chip_a", "1:chip_b", "2:chip_c");
        ObjectNode json = e.toJson(null);
        long[] sum = new long[4];
        long labelled = 0;
        for (int c = 0; c < CHIPS.length; c++) {
            byte[] predicted;
            byte[] truth;
            try (LabelledScene s = data.open(CHIPS[c])) {
                predicted = masker.mask(s.source(), MaskingOptions.defaults()).classes();
                truth = s.labels();
            }
            long[] hand = confusion(truth, predicted);
            assertThat(counts(json.at("/per_scene/" + CHIPS[c] + "/cloud")))
                    .as(CHIPS[c])
                    .containsExactly(hand);
            for (int k = 0; k < 4; k++) {
                sum[k] += hand[k];
            }
            // independent of the reader: labelled pixels with image data, from the fixture's own formula
            long expected = 0;
            for (int i = 0; i < W * H; i++) {
                if (EvaluationFixtures.labelOf(i, VARIANTS[c]) != 255 && !EvaluationFixtures.imageNodata(i)) {
                    expected++;
                }
            }
            assertThat(json.at("/per_scene/" + CHIPS[c] + "/pixels").asLong()).isEqualTo(expected);
            assertThat(hand[0] + hand[1] + hand[2] + hand[3]).isEqualTo(expected);
            labelled += expected;
        }
        JsonNode cloud = json.get("cloud");
        assertThat(counts(cloud)).containsExactly(sum);
        assertThat(json.get("pixels").asLong()).isEqualTo(labelled);
        assertThat(cloud.get("oa").asDouble()).isCloseTo(100.0 * (sum[0] + sum[3]) / labelled, Offset.offset(1e-9));
        // the layout
        assertThat(json.get("scheme").asText()).isEqualTo("cloud");
        assertThat(json.get("scenes").asInt()).isEqualTo(3);
        assertThat(json.has("classes")).isTrue();
        assertThat(json.at("/classes/cloud/tp").asLong()).isEqualTo(sum[0]);
        assertThat(json.at("/cloud/ci/level").asDouble()).isEqualTo(90.0);
        assertThat(json.at("/cloud/ci/resamples").asInt()).isEqualTo(200);
        assertThat(json.at("/categories/rows").isArray()).isTrue();
        assertThat(json.at("/categories/rows")).isEmpty();
        assertThat(json.at("/categories/min_scenes").asInt()).isEqualTo(30);
        assertThat(json.at("/run/model").asText()).isEqualTo("untrained");
        assertThat(json.at("/run/band_set").asText()).isEqualTo("ALL");
        assertThat(json.at("/run/dataset").asText()).isEqualTo("on-cloud-n");
        assertThat(json.at("/per_scene/chip_a").has("pictures")).isFalse();
        // bootstrap is seeded: the same run gives the same intervals
        ObjectNode again = evaluator.evaluate(data).toJson(null);
        assertThat(again.at("/cloud/ci")).isEqualTo(json.at("/cloud/ci"));
    }

    @Test
    void comparisonHasOneRowPerCombinationAndTheBaselineFindsTheWhiteBlock() {
        OnCloudNDataset data = OnCloudNDataset.of(chips);
        DatasetEvaluator evaluator = new DatasetEvaluator(
                List.of(model("ALL"), model("RGB"), model("No-RGB"), baseline()),
                DatasetEvaluator.Options.defaults().withBootstrap(0, 1, 0.95));
        DatasetEvaluation e = evaluator.evaluate(data);
        ObjectNode json = e.toJson(null);
        JsonNode rows = json.get("comparison");
        assertThat(rows).hasSize(4);
        List<String> labels = new ArrayList<>();
        rows.forEach(r -> labels.add(r.get("label").asText()));
        assertThat(labels)
                .containsExactly(
                        "untrained [ALL]", "untrained [RGB]", "untrained [No-RGB]", "threshold baseline [ALL]");
        assertThat(json.get("evaluations")).hasSize(4);
        assertThat(json.at("/run/scenes").asInt()).isEqualTo(3);
        for (int c = 0; c < 4; c++) {
            JsonNode ev = json.get("evaluations").get(c);
            assertThat(ev.get("cloud").has("ci")).isFalse();
            assertThat(rows.get(c).get("oa")).isEqualTo(ev.at("/cloud/oa"));
            assertThat(rows.get(c).get("f1")).isEqualTo(ev.at("/cloud/f1"));
        }
        // the baseline: cloud exactly on the bright white block, clear on the dark vegetated ground
        long[] expected = new long[4];
        for (int v : VARIANTS) {
            for (int i = 0; i < W * H; i++) {
                int label = EvaluationFixtures.labelOf(i, v);
                if (label == 255 || EvaluationFixtures.imageNodata(i)) {
                    continue;
                }
                boolean block = EvaluationFixtures.inBlock(i);
                expected[label == 1 ? (block ? 0 : 2) : (block ? 1 : 3)]++;
            }
        }
        assertThat(counts(json.at("/evaluations/3/cloud"))).containsExactly(expected);
        BinaryConfusion b = e.cloud(3);
        assertThat(b.tp()).isEqualTo(expected[0]);
        // block rows labelled clear (2 and 3 rows of 24), less the missing labels at pixels 407 and 444 in each
        assertThat(expected[1]).isEqualTo(2L * 24 - 2 + 3 * 24 - 2);
        assertThat(json.at("/evaluations/3/run/classifier").asText())
                .startsWith("threshold baseline (brightness > 0.25");
    }

    @Test
    void theBaselineRefusesScenesWithoutRgb() {
        OnCloudNDataset data = OnCloudNDataset.of(chips);
        DatasetEvaluator evaluator = new DatasetEvaluator(
                List.of(new Candidate(ThresholdBaseline.NAME, "No-RGB", new ThresholdBaseline())),
                DatasetEvaluator.Options.defaults());
        assertThatThrownBy(() -> evaluator.evaluate(data))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(
                        "needs blue, green and red bands but scene 'chip_a' lacks [blue (450–515 nm), green "
                                + "(515–600 nm), red (620–700 nm)]");
    }

    @Test
    void picturesAreWrittenPerSceneAndRecordedRelativeToTheJson() throws Exception {
        OnCloudNDataset data = OnCloudNDataset.of(chips);
        Path out = dir.resolve("out");
        Path pictures = out.resolve("pics");
        DatasetEvaluator evaluator = new DatasetEvaluator(
                List.of(model("ALL"), baseline()),
                DatasetEvaluator.Options.defaults().withBootstrap(0, 1, 0.95).withPictures(pictures, 1024));
        DatasetEvaluation e = evaluator.evaluate(data);
        ObjectNode json = e.toJson(out);
        for (String chip : CHIPS) {
            assertThat(json.at("/evaluations/0/per_scene/" + chip + "/pictures/quicklook")
                            .asText())
                    .isEqualTo("pics/" + chip + "/quicklook.png");
            assertThat(json.at("/evaluations/0/per_scene/" + chip + "/pictures/overlay")
                            .asText())
                    .isEqualTo("pics/" + chip + "/overlay-1-untrained-all.png");
            assertThat(json.at("/evaluations/1/per_scene/" + chip + "/pictures/overlay")
                            .asText())
                    .isEqualTo("pics/" + chip + "/overlay-2-threshold-baseline-all.png");
            assertThat(pictures.resolve(chip).resolve("quicklook.png")).isRegularFile();
        }
        BufferedImage overlay = ImageIO.read(
                pictures.resolve("chip_a/overlay-2-threshold-baseline-all.png").toFile());
        assertThat(overlay.getWidth()).isEqualTo(W);
        assertThat(overlay.getHeight()).isEqualTo(H);
        // chip_a: the block is labelled cloud and the baseline finds it: correct-cloud blue; (8, 10) is pixel 394,
        // 394 % 37 = 24: labelled. Pixel 407 = (8, 23) is a missing label: black
        assertThat(overlay.getRGB(10, 8) & 0xFFFFFF).isEqualTo(Pictures.CORRECT_CLOUD);
        assertThat(overlay.getRGB(407 % W, 407 / W) & 0xFFFFFF).isZero();
        // chip_b: block rows 8-9 labelled clear: false cloud; last 2 rows labelled cloud: missed cloud
        BufferedImage b = ImageIO.read(
                pictures.resolve("chip_b/overlay-2-threshold-baseline-all.png").toFile());
        assertThat(b.getRGB(10, 9) & 0xFFFFFF).isEqualTo(Pictures.FALSE_CLOUD);
        assertThat(b.getRGB(5, H - 1) & 0xFFFFFF).isEqualTo(Pictures.MISSED_CLOUD);
        // the quicklook: the white block is brighter than the ground
        BufferedImage q = ImageIO.read(pictures.resolve("chip_a/quicklook.png").toFile());
        assertThat(q.getRGB(10, 10) & 0xFF).isGreaterThan(q.getRGB(40, 35) & 0xFF);
        // pictures of large scenes are decimated to the picture size
        Path small = dir.resolve("small-pics");
        new DatasetEvaluator(
                        List.of(baseline()),
                        DatasetEvaluator.Options.defaults()
                                .withBootstrap(0, 1, 0.95)
                                .withPictures(small, 20))
                .evaluate(data, List.of("chip_a"), null);
        BufferedImage d = ImageIO.read(small.resolve("chip_a/overlay.png").toFile());
        assertThat(d.getWidth()).isEqualTo(16); // 48 / step 3
        assertThat(d.getHeight()).isEqualTo(14); // ceil(40 / 3)
        try (var files = Files.list(small.resolve("chip_a"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("overlay.png", "quicklook.png");
        }
    }

    @Test
    void anEmptySceneListIsRefused() {
        OnCloudNDataset data = OnCloudNDataset.of(chips);
        assertThatThrownBy(() -> new DatasetEvaluator(List.of(baseline()), DatasetEvaluator.Options.defaults())
                        .evaluate(data, List.of(), null))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("no scene to evaluate in data set on-cloud-n");
        assertThatThrownBy(() -> new DatasetEvaluator(List.of(), DatasetEvaluator.Options.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing to evaluate");
    }

    @Test
    void readersByTypeName() {
        assertThat(DatasetReaders.open("on-cloud-n:" + chips).name()).isEqualTo("on-cloud-n");
        assertThat(DatasetReaders.types())
                .containsExactly(
                        "catalogue",
                        "sparcs",
                        "biome",
                        "l7-irish",
                        "cloudperu2",
                        "38-cloud",
                        "cloudsen12",
                        "eo4ai",
                        "ukis",
                        "on-cloud-n");
        assertThatThrownBy(() -> DatasetReaders.open("landsat:" + chips))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("unknown data set type 'landsat'")
                .hasMessageContaining("on-cloud-n");
        assertThatThrownBy(() -> DatasetReaders.open(chips.toString().substring(1)))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("is not TYPE:PATH");
        assertThatThrownBy(() -> DatasetReaders.open("sparcs:" + dir.resolve("nowhere")))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("does not exist");
    }
}
