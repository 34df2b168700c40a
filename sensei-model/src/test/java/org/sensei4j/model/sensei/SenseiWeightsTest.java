package org.sensei4j.model.sensei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.model.bundle.Provenance;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.head.HeadType;
import org.sensei4j.model.keras.KerasSenseiImporter;

class SenseiWeightsTest {

    private static float[] candidates(RecoveryModule recovery, NDManager m) {
        NDList in = new NDList(
                m.arange(64f).div(64f).reshape(1, 64, 1, 1),
                m.create(new float[] {0.1f, 0.2f, 0.3f, 1.0f, 1.1f, 1.3f}, new Shape(1, 2, 3)),
                m.create(
                        new float[] {0.1f, 0.2f, 0.3f, 1.0f, 1.1f, 1.3f, 2.0f, 2.1f, 2.2f, 0.5f, 0.6f, 0.8f},
                        new Shape(1, 4, 3)));
        return recovery.forward(new ParameterStore(m, false), in, false).get(0).toFloatArray();
    }

    @Test
    void aBundleWithRecoveryEntriesLoadsTheRecoveryModule(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            RecoveryModule recovery = RecoveryModule.published();
            recovery.initialize(m);
            Path bundle = dir.resolve("b");
            ModelBundle.save(
                    CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLOUD_CLEAR), m),
                    Provenance.untrained("test"),
                    bundle);
            assertThat(SenseiWeights.load(bundle, m, true).hasRecovery()).isFalse();

            Map<String, byte[]> entries = SenseiWeights.recoveryEntries(recovery);
            assertThat(entries).containsOnlyKeys(SenseiWeights.RECOVERY_JSON, SenseiWeights.RECOVERY_PARAMS);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                Files.write(bundle.resolve(e.getKey()), e.getValue());
            }
            KerasSenseiImporter.Imported loaded = SenseiWeights.load(bundle, m, true);
            assertThat(loaded.hasRecovery()).isTrue();
            assertThat(loaded.recovery().config()).isEqualTo(RecoveryConfig.published());
            assertThat(candidates(loaded.recovery(), m)).containsExactly(candidates(recovery, m));
            assertThat(SenseiWeights.load(bundle, m, false).hasRecovery()).isFalse();
            // the bundle still reads as an ordinary model bundle
            assertThat(ModelBundle.load(bundle, m).spec().name()).isEqualTo("sensei-nn");

            byte[] params = entries.get(SenseiWeights.RECOVERY_PARAMS);
            params[params.length - 1] ^= 1;
            Files.write(bundle.resolve(SenseiWeights.RECOVERY_PARAMS), params);
            assertThatThrownBy(() -> SenseiWeights.load(bundle, m, true))
                    .isInstanceOf(SenseiException.class)
                    .hasMessageContaining("corrupt recovery module")
                    .hasMessageContaining("does not match its checksum");
            Files.delete(bundle.resolve(SenseiWeights.RECOVERY_PARAMS));
            assertThatThrownBy(() -> SenseiWeights.load(bundle, m, true))
                    .hasMessageContaining("needs both recovery.json and recovery.params");
        }
    }
}
