package org.sensei4j.floor.loso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.metrics.BinaryMetric;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.Scene;
import org.sensei4j.sensor.Band;
import org.sensei4j.train.segmentation.SyntheticDataset;
import org.sensei4j.train.segmentation.TrainConfig;
import org.sensei4j.train.segmentation.TrainingData;

/** Leave-one-source-out on a tiny config: one "real" labelled image and a synthetic data set of two sensors. */
class LeaveOneSourceOutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> REAL_BANDS = List.of("B02", "B03", "B04", "B08", "B11");

    /** A 64 px Sentinel-2 scene (rendered synthetically) written as a labelled GeoTIFF with a clear/cloud mask. */
    static void writeRealImage(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (LabelledScene s = new SyntheticDataset("r", List.of("sentinel2"), 1, 64, 11L).open("sentinel2-000")) {
            Scene scene = s.scene();
            List<String> ids = scene.bands().stream().map(Band::id).toList();
            int[] idx = REAL_BANDS.stream().mapToInt(ids::indexOf).toArray();
            FloatRaster values = scene.values().selectBands(idx);
            byte[] labels = s.labels(ClassScheme.CLOUD_CLEAR);
            float[] m = new float[labels.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = labels[i] & 0xff;
            }
            Georeference geo = Georeference.northUp(32633, 500000, 5400000, 10, 10);
            GeoTiffWriter.create(SampleType.FLOAT32).write(dir.resolve("img.tif"), values, geo);
            GeoTiffWriter.create(SampleType.UINT8)
                    .write(dir.resolve("mask.tif"), new FloatRaster(1, 64, 64, m, 255.0), geo);
        }
    }

    /** The tiny config: {@code real} (the image), {@code synth} (sentinel2 and landsat8 scenes in turn). */
    static String yaml(Path dir, String datasets) {
        return "name: tiny-loso\nhead: nn\nsensei: true\nclass_scheme: cloud\n"
                + "datasets:\n" + datasets
                + "patch_size: 34\ncrop_size: 32\nmin_labelled_fraction: 0.5\nbatch_size: 2\n"
                + "steps_per_epoch: 2\nepochs: 1\n"
                + "optimiser: {type: sgd, learning_rate: 0.01, momentum: 0.9}\n"
                + "validation: {tile_size: 16, max_patches: 4}\nseed: 3\n"
                + "output_dir: " + dir.resolve("unused") + "\n";
    }

    static final String REAL = "  - {type: image, name: real, path: img.tif, mask: mask.tif, "
            + "mask_codes: \"clear=0;cloud=1;nodata=255\", sensor: sentinel2, bands: [B02, B03, B04, B08, B11], "
            + "hold_out_bottom: 0.25}\n";
    static final String SYNTH = "  - {type: synthetic, name: synth, sensors: [sentinel2, landsat8], scene_count: 4, "
            + "size: 40, hold_out_scenes: [sentinel2-002]}\n";

    static TrainConfig config(Path dir) {
        return TrainConfig.parse(yaml(dir, REAL + SYNTH), "tiny-loso.yaml", false);
    }

    static LosoOptions fast() {
        return LosoOptions.defaults()
                .withMaxSteps(2L)
                .withFloor(2000, 5, 1)
                .withTest(2, 16)
                .withBootstrap(200, 7);
    }

    @Test
    void theSourcesAreTheRealDataSetsAndEachSyntheticSensorFamily(@TempDir Path dir) {
        TrainConfig c = TrainConfig.parse(
                yaml(
                        dir,
                        REAL + "  - {type: synthetic, name: synth, sensors: [sentinel2, "
                                + "virtual, landsat8, virtual], scene_count: 8, size: 40}\n"),
                "c.yaml",
                false);
        assertThat(LosoSource.of(c))
                .extracting(LosoSource::name)
                .containsExactly("real", "synth/sentinel2", "synth/virtual", "synth/landsat8");
        assertThat(LosoSource.of(c))
                .extracting(LosoSource::kind)
                .containsExactly("real", "synthetic family", "synthetic family", "synthetic family");
        LosoFold virtual = LosoFold.plan(c, List.of("synth/virtual"), dir.resolve("out"), 3)
                .get(0);
        assertThat(virtual.config().datasets().get(1).scenes())
                .containsExactly("sentinel2-000", "landsat8-002", "sentinel2-004", "landsat8-006");
        // the synthetic data sets keep the scenes they had: the derived seed is written out
        assertThat(virtual.config().datasets().get(1).seed()).isEqualTo(TrainingData.syntheticSeed(c, 1));
        assertThat(virtual.test().sensors()).containsExactly("virtual");
        assertThat(virtual.test().sceneCount()).isEqualTo(3);
        assertThat(virtual.testSeed()).isNotEqualTo(TrainingData.syntheticSeed(c, 1));
        LosoFold real = LosoFold.plan(c, List.of("real"), dir.resolve("out"), 3).get(0);
        assertThat(real.config().datasets()).extracting(d -> d.name()).containsExactly("synth");
        assertThat(real.config().datasets().get(0).seed()).isEqualTo(TrainingData.syntheticSeed(c, 1));
        assertThat(real.dir()).isEqualTo(dir.resolve("out/fold-real"));
        assertThat(real.config().outputDir(dir)).isEqualTo(dir.resolve("out/fold-real"));
    }

    @Test
    void trainsEachFoldWithoutItsSourceAndTabulatesModelFloorAndBaseline(@TempDir Path dir) throws Exception {
        writeRealImage(dir);
        Path out = dir.resolve("loso");
        LeaveOneSourceOut loso =
                new LeaveOneSourceOut(config(dir), dir, List.of("real", "synth/landsat8"), out, fast());
        LosoTable table = loso.run();

        List<String> rows = new ArrayList<>();
        table.rows().forEach(r -> rows.add(r.source() + " | " + r.classifier()));
        assertThat(rows)
                .containsExactly(
                        "real | model",
                        "real | floor",
                        "real | threshold baseline",
                        "synth/landsat8 | model",
                        "synth/landsat8 | floor",
                        "synth/landsat8 | threshold baseline");
        for (LosoRow r : table.rows()) {
            assertThat(r.metrics().keySet()).containsExactlyInAnyOrderElementsOf(LosoRow.COLUMNS);
            assertThat(r.skipped()).as(r.toString()).isZero();
            assertThat(r.pixels()).isPositive();
            for (BinaryMetric m : LosoRow.COLUMNS) {
                LosoRow.Cell c = r.metrics().get(m);
                if (c.value().isDefined() && c.hasInterval()) {
                    assertThat(c.lower().value())
                            .as(r.source() + " " + r.classifier() + " " + m)
                            .isLessThanOrEqualTo(c.value().value());
                    assertThat(c.upper().value())
                            .as(r.source() + " " + r.classifier() + " " + m)
                            .isGreaterThanOrEqualTo(c.value().value());
                }
            }
            assertThat(r.metrics().get(BinaryMetric.OA).hasInterval())
                    .as(r.toString())
                    .isTrue();
        }
        // the real source (one scene) is resampled by 16 px blocks of its 64 x 64 pixels; the family by blocks of
        // its two fresh 40 px scenes
        LosoRow realModel = table.rows().get(0);
        assertThat(realModel.scenes()).isEqualTo(1);
        assertThat(realModel.pixels()).isEqualTo(64 * 64);
        assertThat(realModel.unit()).isEqualTo("blocks of 16 px");
        assertThat(realModel.units()).isEqualTo(16);
        assertThat(table.rows().get(3).scenes()).isEqualTo(2);

        String md = Files.readString(out.resolve(LeaveOneSourceOut.MARKDOWN));
        assertThat(md)
                .isEqualTo(table.toMarkdown())
                .contains("| held-out source | kind | classifier | scenes | pixels | OA | BA | precision | recall | F1 "
                        + "| resampled |")
                .contains("| real | real | model | 1 | 4,096 | ")
                .contains("2 training steps per fold");
        JsonNode json = JSON.readTree(out.resolve(LeaveOneSourceOut.JSON).toFile());
        assertThat(json.get("rows")).hasSize(6);
        assertThat(json.get("rows").get(0).get("oa").get("value").asDouble())
                .isEqualTo(realModel.metrics().get(BinaryMetric.OA).value().value());
        assertThat(json.get("max_steps").asLong()).isEqualTo(2);

        // fold "real": the image never reaches training, by the recorded config and the model's provenance
        Path foldReal = out.resolve("fold-real");
        JsonNode fr =
                JSON.readTree(foldReal.resolve(LeaveOneSourceOut.FOLD_JSON).toFile());
        assertThat(names(fr.get("config").get("datasets"))).containsExactly("synth");
        JsonNode provReal = provenance(foldReal.resolve("best-model.zip"));
        assertThat(names(provReal.get("config").get("datasets"))).containsExactly("synth");
        assertThat(provReal.get("training_data").toString())
                .doesNotContain("real")
                .doesNotContain("img.tif");
        assertThat(provReal.get("config").get("name").asText()).isEqualTo("tiny-loso-without-real");
        assertThat(foldReal.resolve(LeaveOneSourceOut.FLOOR)).isRegularFile();
        assertThat(fr.get("test").get("data").asText()).contains("img.tif");

        // fold "synth/landsat8": no landsat8 scene is trained or validated on
        Path foldL8 = out.resolve("fold-synth-landsat8");
        JsonNode provL8 = provenance(foldL8.resolve("best-model.zip"));
        JsonNode synth = provL8.get("config").get("datasets").get(1);
        assertThat(synth.get("name").asText()).isEqualTo("synth");
        assertThat(synth.get("scenes").toString()).doesNotContain("landsat8");
        assertThat(synth.get("hold_out_scenes").toString()).isEqualTo("[\"sentinel2-002\"]");
        assertThat(provL8.get("training_data").toString()).contains("synth").doesNotContain("landsat8-");
        assertThat(names(provL8.get("config").get("datasets"))).containsExactly("real", "synth");
        JsonNode fl = JSON.readTree(foldL8.resolve(LeaveOneSourceOut.FOLD_JSON).toFile());
        assertThat(fl.get("test").get("data").asText()).contains("landsat8");
        assertThat(fl.get("test").get("seed").asLong())
                .isNotEqualTo(synth.get("seed").asLong());
    }

    @Test
    void badInputIsRefusedBeforeAnyTraining(@TempDir Path dir) throws Exception {
        writeRealImage(dir);
        Path out = dir.resolve("loso");
        assertThatThrownBy(() -> new LeaveOneSourceOut(config(dir), dir, List.of("nope"), out, fast()))
                .isInstanceOf(SenseiException.class)
                .hasMessage("config 'tiny-loso' has no source 'nope': use one of "
                        + "[real, synth/sentinel2, synth/landsat8] (real data sets by name, synthetic sensor families "
                        + "as DATASET/FAMILY)");
        assertThatThrownBy(() -> new LeaveOneSourceOut(config(dir), dir, List.of("real", "real"), out, fast()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("given twice");
        TrainConfig onlyReal = TrainConfig.parse(yaml(dir, REAL), "only-real.yaml", false);
        assertThatThrownBy(() -> new LeaveOneSourceOut(onlyReal, dir, List.of(), out, fast()))
                .isInstanceOf(SenseiException.class)
                .hasMessage("holding out source 'real' leaves config "
                        + "'tiny-loso' no training data: add another data set to the config, or leave 'real' out of "
                        + "--source");
        TrainConfig oneFamily = TrainConfig.parse(
                yaml(dir, "  - {type: synthetic, name: s, sensors: [sentinel2], " + "scene_count: 2, size: 40}\n"),
                "one.yaml",
                false);
        assertThatThrownBy(() -> new LeaveOneSourceOut(oneFamily, dir, List.of("s/sentinel2"), out, fast()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("no training data");
        TrainConfig missing =
                TrainConfig.parse(yaml(dir, REAL.replace("img.tif", "absent.tif") + SYNTH), "m.yaml", false);
        assertThatThrownBy(() -> new LeaveOneSourceOut(missing, dir, List.of("synth/landsat8"), out, fast()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("absent.tif does not exist");
        Files.createDirectories(out.resolve("fold-real"));
        Files.writeString(out.resolve("fold-real/log.csv"), "epoch\n");
        assertThatThrownBy(() -> new LeaveOneSourceOut(config(dir), dir, List.of("real"), out, fast()))
                .isInstanceOf(SenseiException.class)
                .hasMessage("fold folder " + out.resolve("fold-real")
                        + " already holds a training run: give another output folder (-o) or delete it");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> new LeaveOneSourceOut(config(dir), dir, List.of("real"), file, fast()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("is a file, not a folder");
        assertThatThrownBy(() -> fast().withTest(0, 16))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("--test-scenes");
        assertThat(out.resolve("fold-synth-landsat8")).doesNotExist();
    }

    private static List<String> names(JsonNode datasets) {
        List<String> out = new ArrayList<>();
        datasets.forEach(d -> out.add(d.get("name").asText()));
        return out;
    }

    private static JsonNode provenance(Path bundle) throws IOException {
        try (ZipFile z = new ZipFile(bundle.toFile())) {
            return JSON.readTree(z.getInputStream(z.getEntry("provenance.json")));
        }
    }
}
