package org.sensei4j.train.pretrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sensei4j.model.keras.KerasSenseiImporter;
import org.sensei4j.model.sensei.RecoveryModule;
import org.sensei4j.model.sensei.SenseiEncoder;

class PretrainingEvaluatorTest {

    static Path publishedWeights() {
        Path p = Path.of(System.getProperty("sensei.root", ".."))
                .toAbsolutePath()
                .resolve("../shared/conformance/sensei-v1/sensei-epoch043-loss0.198.hdf5")
                .normalize();
        Assumptions.assumeTrue(Files.exists(p), "../shared absent: skipping the published-weights evaluation");
        return p;
    }

    @Test
    void validationBankIsThePublishedOne() {
        float[][] bank = PretrainingSampler.validationBank();
        assertThat(bank).hasNumberOfRows(80);
        assertThat(bank[0]).containsExactly(new float[] {0.13f, 0.15f, 0.17f}, within(1e-6f));
        assertThat(bank[1]).containsExactly(new float[] {0.0f, 0.15f, 0.3f}, within(1e-6f));
        assertThat(bank[78][1]).isCloseTo(2.49f, within(1e-5f));
    }

    @Test
    void validationBatchDrawsDistinctRealAndFakeDescriptors() {
        PretrainingSampler.Batch b = new PretrainingSampler(7).validationBatch(50, 13);
        for (int s = 0; s < 50; s++) {
            Set<String> seen = new HashSet<>();
            for (int c = 0; c < 26; c++) {
                int o = (s * 26 + c) * 3;
                seen.add(b.candidateDescriptors()[o] + "/" + b.candidateDescriptors()[o + 2]);
                assertThat(b.candidateTargets()[s * 26 + c]).isEqualTo(c < 13 ? 1f : 0f);
            }
            assertThat(seen).hasSize(26);
            for (int k = 0; k < 13 * 3; k++) {
                assertThat(b.realDescriptors()[s * 39 + k]).isEqualTo(b.candidateDescriptors()[s * 78 + k]);
            }
        }
        for (float v : b.values()) {
            assertThat(v).isBetween(0f, 1.7f);
        }
    }

    @Test
    void samplingIsReproducibleWithASeed() {
        assertThat(new PretrainingSampler(3).trainingBatch(4, 5).candidateDescriptors())
                .containsExactly(new PretrainingSampler(3).trainingBatch(4, 5).candidateDescriptors());
        assertThat(new PretrainingSampler(3).trainingBatch(4, 5).values())
                .isNotEqualTo(new PretrainingSampler(4).trainingBatch(4, 5).values());
    }

    @Test
    void publishedWeightsScoreThePublishedValidationLoss() {
        Path weights = publishedWeights();
        try (NDManager manager = NDManager.newBaseManager()) {
            KerasSenseiImporter.Imported imported = KerasSenseiImporter.load(weights, manager);
            PretrainingEvaluator.Result r =
                    PretrainingEvaluator.evaluate(imported.encoder(), imported.recovery(), manager, 13, 2048, 1);
            System.out.println("published weights: " + r);
            assertThat(r.loss()).isCloseTo(0.181, within(0.005));
            assertThat(r.candidateAccuracy()).isCloseTo(0.70, within(0.03));
        }
    }

    @Test
    void untrainedModelScoresWorseThanThePublishedOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            SenseiEncoder encoder = SenseiEncoder.published();
            encoder.initialize(manager);
            RecoveryModule recovery = RecoveryModule.published();
            recovery.initialize(manager);
            PretrainingEvaluator.Result r = PretrainingEvaluator.evaluate(encoder, recovery, manager, 13, 512, 1);
            assertThat(r.loss()).isGreaterThan(0.2);
            assertThat(r.samples()).isEqualTo(512);
        }
    }
}
