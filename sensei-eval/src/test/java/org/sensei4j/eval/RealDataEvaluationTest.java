package org.sensei4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.eval.DatasetEvaluator.Candidate;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskingOptions;

/**
 * Evaluation on the small real data sets in ../shared with an untrained model: the numbers mean nothing, so only
 * the structure is checked (every labelled pixel with image data is counted once, per scene and in total).
 */
class RealDataEvaluationTest {

    static final Path REAL = EvaluationFixtures.SHARED.resolve("data/real");

    @TempDir
    static Path dir;

    static CloudMasker masker;

    @BeforeAll
    static void load() {
        masker = CloudMasker.load(EvaluationFixtures.untrainedBundle(dir.resolve("model.zip")));
    }

    @AfterAll
    static void close() {
        masker.close();
    }

    /** Evaluates the data set with the model and the baseline; checks pixels counted = labelled pixels. */
    static ObjectNode evaluateAndCheck(Dataset data, int expectedScenes) {
        assertThat(data.sceneIds()).hasSize(expectedScenes);
        List<Candidate> candidates = List.of(
                new Candidate("untrained", "ALL", new ModelClassifier("untrained", masker, MaskingOptions.defaults())),
                new Candidate(ThresholdBaseline.NAME, "ALL", new ThresholdBaseline()));
        ObjectNode json = new DatasetEvaluator(
                        candidates, DatasetEvaluator.Options.defaults().withBootstrap(100, 42, 0.95))
                .evaluate(data)
                .toJson(null);
        long total = 0;
        for (String id : data.sceneIds()) {
            long labelled = 0;
            try (LabelledScene s = data.open(id)) {
                for (byte b : s.load().labels()) {
                    if ((b & 0xFF) != ClassScheme.NODATA) {
                        labelled++;
                    }
                }
            }
            assertThat(labelled).as(id).isPositive();
            for (JsonNode e : json.get("evaluations")) {
                assertThat(e.at("/per_scene/" + id + "/pixels").asLong()).as(id).isEqualTo(labelled);
                JsonNode c = e.at("/per_scene/" + id + "/cloud");
                assertThat(c.get("tp").asLong()
                                + c.get("fp").asLong()
                                + c.get("fn").asLong()
                                + c.get("tn").asLong())
                        .isEqualTo(labelled);
            }
            total += labelled;
        }
        for (JsonNode e : json.get("evaluations")) {
            assertThat(e.get("pixels").asLong()).isEqualTo(total);
            assertThat(e.at("/cloud/pixels").asLong()).isEqualTo(total);
            assertThat(e.get("scenes").asInt()).isEqualTo(expectedScenes);
            // bootstrap intervals over scenes need two or more scenes
            assertThat(e.at("/cloud").has("ci")).isEqualTo(expectedScenes > 1);
        }
        assertThat(json.get("comparison")).hasSize(2);
        return json;
    }

    /**
     * {@link #evaluateAndCheck} on the data set at {@code relative} in {@link #REAL}, opened with {@code reader};
     * skips the test when ../shared does not hold it.
     */
    static ObjectNode evaluateSharedAndCheck(String reader, String relative, int expectedScenes) {
        Path path = REAL.resolve(relative);
        Assumptions.assumeTrue(Files.exists(path), "../shared absent: skipping evaluation on " + relative);
        return evaluateAndCheck(DatasetReaders.open(reader + ":" + path), expectedScenes);
    }

    @Test
    void onCloudNChips() {
        ObjectNode json = evaluateSharedAndCheck("on-cloud-n", "on-cloud-n", 5);
        assertThat(json.at("/evaluations/0/scheme").asText()).isEqualTo("cloud");
    }

    @Test
    void ukisCsmaskSample() {
        ObjectNode json = evaluateSharedAndCheck("ukis", "ukis-csmask/sentinel2.npz", 1);
        // ukis labels have shadows but the model predicts cloud vs clear: compared as cloud vs clear
        assertThat(json.at("/evaluations/0/scheme").asText()).isEqualTo("cloud");
        assertThat(json.at("/evaluations/0/per_scene/sentinel2/pixels").asLong())
                .isPositive();
    }
}
