package org.sensei4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.eval.DatasetEvaluator.Candidate;
import org.sensei4j.io.dataset.CloudMaskCatalogueDataset;
import org.sensei4j.metrics.ConfusionMatrix;
import org.sensei4j.metrics.DatasetMetrics;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;

class CategoryMetricsTest {

    @TempDir
    Path root;

    static final String[] TAGS = {
        "s0,1,1,0,MAIN",
        "s1,1,1,1,MAIN",
        "s2,1,1,0,CALIBRATION",
        "s3,1,0,0,MAIN",
        "s4,1,0,0,MAIN",
        "s5,1,0,0,CALIBRATION"
    };

    /** Six catalogue scenes of 8, 10, ..., 18 pixels a side. */
    void writeCatalogue(String shadowsMarkedOfS5) {
        StringBuilder csv = new StringBuilder("index,scene,shadows_marked,snow/ice,cumulus,dataset\n");
        for (int i = 0; i < TAGS.length; i++) {
            EvaluationFixtures.catalogueScene(root, "s" + i, 8 + 2 * i);
            String t = TAGS[i];
            if (i == 5) {
                t = t.replace("s5,1,", "s5," + shadowsMarkedOfS5 + ",");
            }
            csv.append(i).append(',').append(t).append('\n');
        }
        EvaluationFixtures.text(root.resolve("classification_tags.csv"), csv.toString());
    }

    @Test
    void aRowPerTagValueSummedOverItsScenesWithSmallCategoriesOmitted() {
        writeCatalogue("1");
        CloudMaskCatalogueDataset data = CloudMaskCatalogueDataset.of(root);
        DatasetEvaluation e = new DatasetEvaluator(
                        List.of(new Candidate(ThresholdBaseline.NAME, "ALL", new ThresholdBaseline())),
                        DatasetEvaluator.Options.defaults()
                                .withMinCategoryScenes(3)
                                .withBootstrap(100, 3, 0.95))
                .evaluate(data);
        ObjectNode json = e.toJson(null);
        JsonNode rows = json.at("/categories/rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("category").asText()).isEqualTo("shadows_marked");
        assertThat(rows.get(0).get("scenes").asInt()).isEqualTo(6);
        assertThat(rows.get(1).get("category").asText()).isEqualTo("snow/ice");
        assertThat(rows.get(1).get("value").isNull()).isTrue();
        assertThat(rows.get(1).get("scenes").asInt()).isEqualTo(3);
        assertThat(rows.get(2).get("category").asText()).isEqualTo("dataset=MAIN");
        assertThat(rows.get(2).get("tag").asText()).isEqualTo("dataset");
        assertThat(rows.get(2).get("value").asText()).isEqualTo("MAIN");
        assertThat(rows.get(2).get("scenes").asInt()).isEqualTo(4);
        JsonNode omitted = json.at("/categories/omitted");
        assertThat(omitted).hasSize(2);
        assertThat(omitted.get(0).get("category").asText()).isEqualTo("cumulus");
        assertThat(omitted.get(0).get("scenes").asInt()).isEqualTo(1);
        assertThat(omitted.get(1).get("category").asText()).isEqualTo("dataset=CALIBRATION");
        assertThat(omitted.get(1).get("scenes").asInt()).isEqualTo(2);
        assertThat(json.at("/categories/min_scenes").asInt()).isEqualTo(3);
        // by hand: scene of side s, half h = s/2: the baseline finds the cloud quarter (h² true positives), the
        // snow quarter's first row is labelled cloud but is snow (h false negatives), all else clear
        long[][] byRow = {{0, 1, 2, 3, 4, 5}, {0, 1, 2}, {0, 1, 3, 4}};
        for (int r = 0; r < 3; r++) {
            long tp = 0;
            long fn = 0;
            long px = 0;
            for (long i : byRow[r]) {
                long side = 8 + 2 * i;
                long h = side / 2;
                tp += h * h;
                fn += h;
                px += side * side;
                // each scene's own counts, too
                JsonNode s = json.at("/per_scene/s" + i + "/cloud");
                assertThat(s.get("tp").asLong()).isEqualTo(h * h);
                assertThat(s.get("fn").asLong()).isEqualTo(h);
                assertThat(s.get("fp").asLong()).isZero();
            }
            JsonNode cloud = rows.get(r).get("cloud");
            assertThat(cloud.get("tp").asLong())
                    .as(rows.get(r).get("category").asText())
                    .isEqualTo(tp);
            assertThat(cloud.get("fn").asLong()).isEqualTo(fn);
            assertThat(cloud.get("fp").asLong()).isZero();
            assertThat(cloud.get("pixels").asLong()).isEqualTo(px);
            assertThat(cloud.get("recall").asDouble()).isCloseTo(100.0 * tp / (tp + fn), Offset.offset(1e-9));
        }
        // tags are kept per scene
        assertThat(json.at("/per_scene/s1/tags/cumulus").asText()).isEqualTo("1");
        assertThat(json.at("/per_scene/s1/tags/dataset").asText()).isEqualTo("MAIN");
        // with the paper's threshold of 30 scenes nothing is left
        DatasetEvaluation paper = new DatasetEvaluator(
                        List.of(new Candidate(ThresholdBaseline.NAME, "ALL", new ThresholdBaseline())),
                        DatasetEvaluator.Options.defaults())
                .evaluate(data);
        assertThat(paper.categories(0).rows()).isEmpty();
        assertThat(paper.categories(0).omitted()).hasSize(5);
    }

    /** Predicts cloud shadow everywhere (to see which scheme the metrics end up in). */
    static final class AllShadow implements PixelClassifier {
        @Override
        public String name() {
            return "all shadow";
        }

        @Override
        public ClassScheme scheme() {
            return ClassScheme.CLEAR_CLOUD_SHADOW;
        }

        @Override
        public byte[] classify(SceneSource scene, ClassScheme output) {
            byte[] invalid = scene.read(scene.fullWindow()).invalid();
            byte[] out = new byte[invalid.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = invalid[i] == SceneWindow.NODATA
                        ? (byte) 255
                        : (byte) ClassScheme.CLEAR_CLOUD_SHADOW.convert(2, output);
            }
            return out;
        }
    }

    @Test
    void metricsAreInTheCoarsestSchemeOfTheScenes() {
        writeCatalogue("1");
        Candidate c = new Candidate("all shadow", "ALL", new AllShadow());
        DatasetEvaluation fine = new DatasetEvaluator(
                        List.of(c), DatasetEvaluator.Options.defaults().withBootstrap(0, 1, 0.95))
                .evaluate(CloudMaskCatalogueDataset.of(root));
        ObjectNode f = fine.toJson(null);
        assertThat(f.get("scheme").asText()).isEqualTo("cloud-shadow");
        long shadows = 0;
        for (int i = 0; i < 6; i++) {
            long side = 8 + 2 * i;
            shadows += (side / 2) * (side - side / 2);
        }
        assertThat(f.at("/classes/shadow/tp").asLong()).isEqualTo(shadows);
        // scene s5 without shadow labels comes in the cloud scheme: everything is compared as cloud vs clear
        writeCatalogue("0");
        DatasetEvaluation coarse = new DatasetEvaluator(
                        List.of(c), DatasetEvaluator.Options.defaults().withBootstrap(0, 1, 0.95))
                .evaluate(CloudMaskCatalogueDataset.of(root));
        ObjectNode k = coarse.toJson(null);
        assertThat(k.get("scheme").asText()).isEqualTo("cloud");
        assertThat(k.get("classes").has("shadow")).isFalse();
        assertThat(k.at("/cloud/tp").asLong()).isZero();
        assertThat(k.at("/cloud/pixels").asLong())
                .isEqualTo(f.at("/cloud/pixels").asLong());
    }

    @Test
    void yesNoTagsGiveOneCategoryOthersOneAValueAndManyValuedTagsAreSkipped() {
        DatasetMetrics m = new DatasetMetrics(ClassScheme.CLOUD_CLEAR);
        Map<String, Map<String, String>> tags = new HashMap<>();
        for (int i = 0; i < 25; i++) {
            m.add("s" + i, ConfusionMatrix.of(ClassScheme.CLOUD_CLEAR, new long[][] {{i, 1}, {2, 3}}));
            Map<String, String> t = new LinkedHashMap<>();
            t.put("urban", i % 2 == 0 ? "yes" : "no");
            t.put("height", i < 5 ? "low" : "high");
            t.put("sun_elevation", Integer.toString(30 + i));
            t.put("empty", "");
            tags.put("s" + i, t);
        }
        CategoryMetrics c = CategoryMetrics.of(m, tags, 5);
        assertThat(c.rows())
                .extracting(CategoryMetrics.Row::category)
                .containsExactly("urban", "height=low", "height=high");
        assertThat(c.rows()).extracting(CategoryMetrics.Row::scenes).containsExactly(13, 5, 20);
        // urban: scenes 0, 2, ..., 24: clear-clear = 0 + 2 + ... + 24 = 156
        assertThat(c.rows().get(0).counts().count(0, 0)).isEqualTo(156);
        assertThat(c.rows().get(0).cloud().tp()).isEqualTo(13 * 3);
        assertThat(c.skippedTags()).containsExactly("sun_elevation");
        assertThat(c.omitted()).isEmpty();
        assertThat(CategoryMetrics.of(m, tags, 6).omitted())
                .extracting(CategoryMetrics.Row::category)
                .containsExactly("height=low");
        assertThatThrownBy(() -> CategoryMetrics.of(m, tags, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
