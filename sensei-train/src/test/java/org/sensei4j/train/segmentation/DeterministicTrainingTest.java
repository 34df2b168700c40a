package org.sensei4j.train.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sensei4j.train.run.CsvLog;
import org.sensei4j.train.run.GcStress;

/**
 * The same config and seed give bit-identical checkpoints, whether or not garbage collections run between the
 * forward and backward passes (the use-after-free of number-operand arithmetic made them differ, or diverge).
 */
class DeterministicTrainingTest {

    @ParameterizedTest
    @ValueSource(strings = {TinyTrainConfigs.SENSEI_NN, TinyTrainConfigs.SENSEI_DLV3})
    void twoRunsGiveIdenticalCheckpointsWithAndWithoutGcStress(String model, @TempDir Path tmp) throws Exception {
        GcStress.assertRunsIdentical(
                tmp,
                SegmentationTrainer.CHECKPOINTS,
                dir -> new SegmentationTrainer(TinyTrainConfigs.unvalidated(dir, model, 2, 2), tmp).run(false));
        List<Map<String, String>> a = CsvLog.read(tmp.resolve("plain").resolve(SegmentationTrainer.STEPS));
        List<Map<String, String>> b = CsvLog.read(tmp.resolve("stressed").resolve(SegmentationTrainer.STEPS));
        assertThat(b).hasSize(4);
        assertThat(b)
                .extracting(r -> r.get("loss"))
                .isEqualTo(a.stream().map(r -> r.get("loss")).toList());
    }
}
