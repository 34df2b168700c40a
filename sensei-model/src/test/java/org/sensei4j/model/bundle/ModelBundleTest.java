package org.sensei4j.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.head.HeadType;

class ModelBundleTest {

    @Test
    void saveLoadRoundTripGivesIdenticalOutputs(@TempDir Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(123);
            CloudModel model =
                    CloudModel.create(ModelSpec.sensei(HeadType.DEEPLAB_V3_PLUS, ClassScheme.CLEAR_CLOUD_SHADOW), m);
            Provenance prov = new Provenance(
                    List.of("synthetic"),
                    List.of("sentinel2:all"),
                    123L,
                    "abc",
                    Map.of("oa", 91.5),
                    "2026-11-24T12:00:00Z",
                    null,
                    "test");
            NDArray values = m.randomUniform(0, 1, new Shape(1, 4, 40, 37));
            NDArray desc = m.create(
                    new float[] {0.1f, 0.2f, 0.3f, 0.5f, 0.6f, 0.7f, 1.0f, 1.1f, 1.2f, 2.0f, 2.1f, 2.2f},
                    new Shape(1, 4, 3));
            float[] before = model.forward(new ParameterStore(m, false), new NDList(values, desc), false)
                    .singletonOrThrow()
                    .toFloatArray();
            for (Path target : List.of(dir.resolve("bundle"), dir.resolve("bundle.zip"))) {
                ModelBundle.save(model, prov, target);
                try (NDManager other = NDManager.newBaseManager()) {
                    ModelBundle.Loaded loaded = ModelBundle.load(target, other);
                    assertThat(loaded.spec()).isEqualTo(model.spec());
                    assertThat(loaded.provenance()).isEqualTo(prov);
                    float[] after = loaded.model()
                            .forward(
                                    new ParameterStore(other, false),
                                    new NDList(values.duplicate().toDevice(values.getDevice(), true), desc),
                                    false)
                            .singletonOrThrow()
                            .toFloatArray();
                    assertThat(after).containsExactly(before);
                }
            }
            assertThat(dir.toFile().list()).containsExactlyInAnyOrder("bundle", "bundle.zip");
        }
    }

    @Test
    void corruptOrIncompatibleBundlesGiveClearErrors(@TempDir Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            CloudModel model = CloudModel.create(ModelSpec.architecture("nn", 4, ClassScheme.CLOUD_CLEAR), m);
            Path b = dir.resolve("b");
            ModelBundle.save(model, Provenance.untrained("test"), b);
            // truncated weights
            byte[] w = Files.readAllBytes(b.resolve(ModelBundle.WEIGHTS));
            Files.write(b.resolve(ModelBundle.WEIGHTS), Arrays.copyOf(w, w.length / 2));
            assertThatThrownBy(() -> ModelBundle.load(b, m))
                    .isInstanceOf(SenseiException.class)
                    .hasMessageContaining("does not match its checksum");
            // broken JSON
            Files.writeString(b.resolve(ModelBundle.MODEL_JSON), "{ not json");
            assertThatThrownBy(() -> ModelBundle.load(b, m)).hasMessageContaining("model.json is not valid JSON");
            // newer format
            ModelBundle.save(model, Provenance.untrained("test"), b);
            String json = Files.readString(b.resolve(ModelBundle.MODEL_JSON))
                    .replace("\"format_version\" : 1", "\"format_version\" : 99");
            Files.writeString(b.resolve(ModelBundle.MODEL_JSON), json);
            assertThatThrownBy(() -> ModelBundle.load(b, m)).hasMessageContaining("format version 99");
            // weights of another architecture, with a consistent checksum
            Path other = dir.resolve("other");
            ModelBundle.save(
                    CloudModel.create(ModelSpec.architecture("nn", 6, ClassScheme.CLOUD_CLEAR), m),
                    Provenance.untrained("x"),
                    other);
            ModelBundle.save(model, Provenance.untrained("test"), b);
            Files.copy(
                    other.resolve(ModelBundle.WEIGHTS),
                    b.resolve(ModelBundle.WEIGHTS),
                    StandardCopyOption.REPLACE_EXISTING);
            String fixed = Files.readString(b.resolve(ModelBundle.MODEL_JSON))
                    .replaceAll(
                            "\"weights_sha256\" : \"[0-9a-f]+\"",
                            "\"weights_sha256\" : \""
                                    + ModelBundle.sha256(Files.readAllBytes(b.resolve(ModelBundle.WEIGHTS))) + "\"");
            Files.writeString(b.resolve(ModelBundle.MODEL_JSON), fixed);
            assertThatThrownBy(() -> ModelBundle.load(b, m)).hasMessageContaining("do not fit the architecture");
            assertThatThrownBy(() -> ModelBundle.load(dir.resolve("missing"), m))
                    .hasMessageContaining("not found");
        }
    }
}
