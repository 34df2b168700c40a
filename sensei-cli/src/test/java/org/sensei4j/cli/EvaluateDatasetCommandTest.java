package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/** {@code sensei evaluate --dataset}: data sets, comparisons, the baseline, splits, pictures. */
class EvaluateDatasetCommandTest {

    @TempDir
    static Path dir;

    static Path bundle;
    static Path bundle2;
    static Path chips;
    static final int W = 40;
    static final int H = 36;
    static final String[] CHIPS = {"chip_a", "chip_b", "chip_c"};

    /**
     * On Cloud N chips: dark ground (RGB 0.05, NIR 0.3) with a bright white block (rows 6–17, columns 4–23, all
     * bands 0.6) labelled cloud; chip c's labels are all missing in its last row.
     */
    static void writeChips(Path root) throws IOException {
        Georeference geo = Georeference.northUp(32633, 500000, 5400000, 10, 10);
        for (String chip : CHIPS) {
            float[][] bands = new float[4][W * H];
            float[] label = new float[W * H];
            for (int i = 0; i < W * H; i++) {
                int y = i / W;
                int x = i % W;
                boolean block = y >= 6 && y < 18 && x >= 4 && x < 24;
                for (int b = 0; b < 4; b++) {
                    bands[b][i] = block ? 6000 : b == 3 ? 3000 : 500;
                }
                label[i] = chip.equals("chip_c") && y == H - 1 ? 255 : block ? 1 : 0;
            }
            Path d = Files.createDirectories(root.resolve(chip));
            String[] names = {"B02", "B03", "B04", "B08"};
            for (int b = 0; b < 4; b++) {
                GeoTiffWriter.create(SampleType.UINT16)
                        .write(d.resolve(names[b] + ".tif"), new FloatRaster(1, H, W, bands[b], 0.0), geo);
            }
            GeoTiffWriter.create(SampleType.UINT8)
                    .write(d.resolve("label.tif"), new FloatRaster(1, H, W, label, 255.0), geo);
        }
    }

    static Path untrained(Path file, int seed) throws Exception {
        return CliFixtures.untrainedBundle(file, ClassScheme.CLOUD_CLEAR, seed);
    }

    @BeforeAll
    static void setUp() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        bundle = untrained(dir.resolve("a/model.zip"), 3);
        bundle2 = untrained(dir.resolve("other.zip"), 4);
        chips = dir.resolve("chips");
        writeChips(chips);
    }

    @Test
    void evaluatesADatasetWithJsonMarkdownAndPictures() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out1"));
        CliRun r = evaluate(
                "--dataset",
                "on-cloud-n:" + chips,
                "--json",
                out.resolve("eval.json").toString(),
                "--markdown",
                out.resolve("eval.md").toString(),
                "--pictures",
                out.resolve("pics").toString(),
                "--bootstrap",
                "100",
                "--min-category-scenes",
                "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err())
                .contains("evaluating 3 scene(s) of on-cloud-n with 1 model/band-set combination(s)")
                .contains("[1/3] chip_a  model [ALL] OA ")
                .contains("[3/3] chip_c");
        assertThat(r.out())
                .contains("### model [ALL] on on-cloud-n (3 scenes)")
                .contains("| cloud (vs rest) |")
                .contains("95% bootstrap intervals (100 resamples of the 3 scenes, seed 42)")
                .contains("| chip_b |");
        JsonNode json = new ObjectMapper().readTree(out.resolve("eval.json").toFile());
        for (String key : new String[] {"scheme", "cloud", "classes", "per_scene", "categories", "run"}) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.at("/run/dataset_type").asText()).isEqualTo("on-cloud-n");
        assertThat(json.at("/run/split").asText()).isEqualTo("all");
        assertThat(json.at("/categories/min_scenes").asInt()).isEqualTo(2);
        // every labelled pixel counted: 3 chips less chip c's last row
        assertThat(json.at("/cloud/pixels").asLong()).isEqualTo(3L * W * H - W);
        assertThat(json.at("/per_scene/chip_c/pixels").asLong()).isEqualTo((long) W * H - W);
        assertThat(json.at("/per_scene/chip_a/pictures/quicklook").asText()).isEqualTo("pics/chip_a/quicklook.png");
        assertThat(json.at("/per_scene/chip_a/pictures/overlay").asText()).isEqualTo("pics/chip_a/overlay.png");
        assertThat(out.resolve("pics/chip_c/overlay.png")).isRegularFile();
        String md = Files.readString(out.resolve("eval.md"));
        assertThat(md)
                .startsWith("# sensei evaluate")
                .contains("| class | OA | BA | precision | recall | F1 | pixels |")
                .contains("| chip_c | " + ((long) W * H - W) + " |");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("eval.json", "eval.md", "pics"); // no temp files left
        }
    }

    @Test
    void comparesEveryModelAndBandSetWithTheBaseline() throws Exception {
        Path out = dir.resolve("compare.json");
        CliRun r = evaluate(
                "--model",
                bundle2.toString(),
                "--band-set",
                "ALL",
                "--band-set",
                "RGB",
                "--baseline",
                "--dataset",
                "on-cloud-n:" + chips,
                "--json",
                out.toString(),
                "--bootstrap",
                "0");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        JsonNode rows = json.get("comparison");
        assertThat(rows).hasSize(5);
        String[][] expected = {
            {"model", "ALL"}, {"model", "RGB"}, {"other", "ALL"}, {"other", "RGB"}, {"threshold baseline", "ALL"}
        };
        for (int i = 0; i < 5; i++) {
            assertThat(rows.get(i).get("model").asText()).isEqualTo(expected[i][0]);
            assertThat(rows.get(i).get("band_set").asText()).isEqualTo(expected[i][1]);
            assertThat(json.at("/evaluations/" + i + "/run/model").asText()).isEqualTo(expected[i][0]);
        }
        // the baseline finds the white block exactly
        JsonNode b = json.at("/evaluations/4/cloud");
        assertThat(b.get("tp").asLong()).isEqualTo(3L * 12 * 20);
        assertThat(b.get("fp").asLong()).isZero();
        assertThat(b.get("fn").asLong()).isZero();
        assertThat(b.get("oa").asDouble()).isEqualTo(100.0);
        // printed side by side: one table row per combination
        assertThat(r.out())
                .contains("| model | band set | OA | BA | P | R | F1 | scenes | pixels |")
                .contains("| model | RGB |")
                .contains("| other | ALL |")
                .contains("| threshold baseline | ALL | 100.00 | 100.00 | 100.00 | 100.00 | 100.00 | 3 |");
    }

    @Test
    void splitsAndLimits() throws Exception {
        CliRun noSplit = evaluate("--dataset", "on-cloud-n:" + chips, "--split", "test");
        assertThat(noSplit.exitCode()).isEqualTo(2);
        assertThat(noSplit.err()).contains("on-cloud-n has no split of its own: give --splits DIR");
        Path splits = Files.createDirectories(dir.resolve("splits"));
        Files.writeString(splits.resolve("test.csv"), "chip_b\nchip_missing\n");
        Files.writeString(splits.resolve("train.csv"), "chip_a\n");
        Path out = dir.resolve("split.json");
        CliRun test = evaluate(
                "--baseline",
                "--dataset",
                "on-cloud-n:" + chips,
                "--splits",
                splits.toString(),
                "--split",
                "test",
                "--json",
                out.toString());
        assertThat(test.exitCode()).as(test.err()).isZero();
        assertThat(test.err()).contains("warning: 1 scene(s) of split test are not in on-cloud-n");
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.at("/run/scenes").asInt()).isEqualTo(1);
        assertThat(json.at("/evaluations/0/per_scene").fieldNames())
                .toIterable()
                .containsExactly("chip_b");
        CliRun limited =
                evaluate("--baseline", "--dataset", "on-cloud-n:" + chips, "--limit", "2", "--json", out.toString());
        assertThat(limited.exitCode()).as(limited.err()).isZero();
        assertThat(new ObjectMapper().readTree(out.toFile()).at("/run/scenes").asInt())
                .isEqualTo(2);
        assertThat(new ObjectMapper()
                        .readTree(out.toFile())
                        .at("/evaluations/0/cloud")
                        .has("ci"))
                .isTrue();
        // one scene: no bootstrap interval (resampling one scene gives none)
        CliRun one = evaluate("--dataset", "on-cloud-n:" + chips, "--limit", "1", "--json", out.toString());
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(new ObjectMapper().readTree(out.toFile()).at("/cloud").has("ci"))
                .isFalse();
        assertThat(new ObjectMapper().readTree(out.toFile()).at("/scenes").asInt())
                .isEqualTo(1);
        CliRun badSplit = CliRun.of(
                "evaluate", "--dataset", "on-cloud-n:" + chips, "--split", "tst", "--model", bundle.toString());
        assertThat(badSplit.exitCode()).isEqualTo(2);
        assertThat(badSplit.err()).contains("unknown split 'tst': use train, valid, test or all");
    }

    @Test
    void badCombinationsAreRefusedWithTheFix() throws Exception {
        CliRun neither = evaluate();
        assertThat(neither.exitCode()).isEqualTo(2);
        // picocli's exclusive group: one line naming both choices, and the usage hint
        assertThat(neither.err())
                .isEqualTo("error: Missing required argument (specify one of these): "
                        + "(--image=IMG | --dataset=TYPE:PATH)\nsee 'sensei evaluate --help'\n");
        CliRun both = evaluate("--dataset", "on-cloud-n:" + chips, "--image", "x.tif", "--mask", "y.tif");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err())
                .isEqualTo("error: --image=IMG, --dataset=TYPE:PATH are mutually exclusive (specify "
                        + "only one)\nsee 'sensei evaluate --help'\n");
        CliRun type = evaluate("--dataset", "oncloudn:" + chips);
        assertThat(type.exitCode()).isEqualTo(2);
        assertThat(type.err()).contains("unknown data set type 'oncloudn'");
        CliRun maskWithDataset = evaluate("--dataset", "on-cloud-n:" + chips, "--mask", "m.tif");
        assertThat(maskWithDataset.exitCode()).isEqualTo(2);
        assertThat(maskWithDataset.err()).contains("--mask and --mask-codes are for --image");
        // the baseline on a scene without RGB, in single-scene mode
        Path nir = dir.resolve("nir.tif");
        Georeference geo = Georeference.northUp(32633, 500000, 5400000, 10, 10);
        GeoTiffWriter.create(SampleType.FLOAT32).write(nir, new FloatRaster(3, H, W, new float[3 * W * H], null), geo);
        Path mask = chips.resolve("chip_a/label.tif");
        CliRun noRgb = evaluate(
                "--baseline",
                "--image",
                nir.toString(),
                "--sensor",
                "sentinel2",
                "--bands",
                "B08,B11,B12",
                "--mask",
                mask.toString(),
                "--mask-codes",
                "on-cloud-n");
        assertThat(noRgb.exitCode()).isEqualTo(2);
        assertThat(noRgb.err())
                .contains("the threshold baseline needs blue, green and red bands")
                .contains("leave out --baseline");
    }

    /** Runs {@code sensei evaluate --model BUNDLE} with {@code more}. */
    private static CliRun evaluate(String... more) {
        return CliRun.of(CliFixtures.args(new String[] {"evaluate", "--model", bundle.toString()}, more));
    }
}
