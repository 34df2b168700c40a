package org.sensei4j.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.cloud.Calibration;
import org.sensei4j.model.cloud.CirrusTest;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.cloud.SnowTest;

class ModelBundleCalibrationTest {

    static final Calibration CAL = new Calibration(
            Calibration.TEMPERATURE,
            1.7,
            0,
            0.37,
            "rule",
            List.of(new Calibration.PoolSource("a", 10, 4, 10)),
            0.2,
            0.1,
            "2026-12-06T20:00Z",
            "abc",
            null);

    @Test
    void anOldBundleHasNoCalibrationAndACalibratedCopyCarriesItWithTheSameWeights(@TempDir Path dir)
            throws IOException {
        Path old = dir.resolve("old.zip");
        try (NDManager m = NDManager.newBaseManager()) {
            CloudModel model = CloudModel.create(ModelSpec.architecture("nn", 4, ClassScheme.CLOUD_CLEAR), m);
            ModelBundle.save(
                    model, new Provenance(List.of("x"), List.of(), 1L, "c", Map.of(), "2026", null, "trained"), old);
        }
        byte[] oldBytes = Files.readAllBytes(old);
        // an old bundle: model.json has no calibration, and it loads without one
        JsonNode oldJson = ModelBundle.readMetadata(old).get(ModelBundle.MODEL_JSON);
        assertThat(oldJson.get("spec").has("calibration")).isFalse();
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(ModelBundle.load(old, m).spec().calibration()).isNull();
        }
        for (Path target : List.of(dir.resolve("cal.zip"), dir.resolve("cal-dir"))) {
            ModelBundle.saveCalibrated(old, CAL, target);
            try (NDManager m = NDManager.newBaseManager()) {
                ModelBundle.Loaded loaded = ModelBundle.load(target, m);
                assertThat(loaded.spec().calibration()).isEqualTo(CAL);
                assertThat(loaded.spec().withCalibration(null))
                        .isEqualTo(ModelSpec.architecture("nn", 4, ClassScheme.CLOUD_CLEAR));
                assertThat(loaded.provenance().notes()).startsWith("trained; calibrated by sensei calibrate");
                assertThat(loaded.provenance().trainingData()).containsExactly("x");
            }
            JsonNode json = ModelBundle.readMetadata(target).get(ModelBundle.MODEL_JSON);
            assertThat(json.get("weights_sha256").asText())
                    .isEqualTo(oldJson.get("weights_sha256").asText());
            assertThat(json.at("/spec/calibration/cloud_threshold").asDouble()).isEqualTo(0.37);
        }
        assertThat(ModelBundle.readMetadata(dir.resolve("cal.zip"))
                        .get(ModelBundle.MODEL_JSON)
                        .at("/spec/calibration")
                        .has("cirrus_test"))
                .isFalse();
        // recalibrating replaces the calibration; a cirrus test is stored and read back
        Calibration other = new Calibration(
                        Calibration.TEMPERATURE_BIAS, 0.9, 1.2, 0.6, null, null, null, null, null, null, null)
                .withSmoothing(3)
                .withCirrusTest(new CirrusTest(0.015, 0.04))
                .withSnowTest(new SnowTest(0.75, 0.9));
        ModelBundle.saveCalibrated(dir.resolve("cal.zip"), other, dir.resolve("cal2.zip"));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(ModelBundle.load(dir.resolve("cal2.zip"), m).spec().calibration())
                    .isEqualTo(other);
        }
        JsonNode cirrus = ModelBundle.readMetadata(dir.resolve("cal2.zip"))
                .get(ModelBundle.MODEL_JSON)
                .at("/spec/calibration/cirrus_test");
        assertThat(cirrus.get("low").asDouble()).isEqualTo(0.015);
        assertThat(cirrus.get("high").asDouble()).isEqualTo(0.04);
        JsonNode snow = ModelBundle.readMetadata(dir.resolve("cal2.zip"))
                .get(ModelBundle.MODEL_JSON)
                .at("/spec/calibration/snow_test");
        assertThat(snow.get("low").asDouble()).isEqualTo(0.75);
        assertThat(snow.get("high").asDouble()).isEqualTo(0.9);
        assertThat(Files.readAllBytes(old)).isEqualTo(oldBytes);
    }

    @Test
    void theInputIsNeverOverwritten(@TempDir Path dir) throws IOException {
        Path old = dir.resolve("old.zip");
        try (NDManager m = NDManager.newBaseManager()) {
            ModelBundle.save(
                    CloudModel.create(ModelSpec.architecture("nn", 3, ClassScheme.CLOUD_CLEAR), m),
                    Provenance.untrained("t"),
                    old);
        }
        byte[] before = Files.readAllBytes(old);
        assertThatThrownBy(() -> ModelBundle.saveCalibrated(old, CAL, old))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("is the input bundle");
        assertThatThrownBy(() ->
                        ModelBundle.saveCalibrated(old, CAL, dir.resolve(".").resolve("old.zip")))
                .isInstanceOf(SenseiException.class);
        assertThat(Files.readAllBytes(old)).isEqualTo(before);
        assertThat(dir.toFile().list()).containsExactly("old.zip");
    }
}
