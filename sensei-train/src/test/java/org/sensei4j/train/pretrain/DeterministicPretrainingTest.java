package org.sensei4j.train.pretrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.train.run.CsvLog;
import org.sensei4j.train.run.GcStress;

/** Pretraining with the same config and seed gives bit-identical checkpoints, with or without GC stress. */
class DeterministicPretrainingTest {

    @Test
    void twoRunsGiveIdenticalCheckpointsWithAndWithoutGcStress(@TempDir Path tmp) throws Exception {
        GcStress.assertRunsIdentical(
                tmp, Pretrainer.CHECKPOINTS, dir -> new Pretrainer(TinyConfigs.tiny(dir, 2, 6, 32, "")).run(false));
        assertThat(CsvLog.read(tmp.resolve("stressed").resolve(Pretrainer.LOG))
                        .toString()
                        .length())
                .isPositive();
    }
}
