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
        new Pretrainer(TinyConfigs.tiny(tmp.resolve("plain"), 2, 6, 32, "")).run(false);
        long collections;
        try (GcStress gc = GcStress.start()) {
            new Pretrainer(TinyConfigs.tiny(tmp.resolve("stressed"), 2, 6, 32, "")).run(false);
            collections = gc.collections();
        }
        assertThat(collections)
                .as("garbage collections during the stressed run")
                .isGreaterThan(4);
        GcStress.assertIdenticalCheckpoints(
                tmp.resolve("plain").resolve(Pretrainer.CHECKPOINTS),
                tmp.resolve("stressed").resolve(Pretrainer.CHECKPOINTS));
        assertThat(CsvLog.read(tmp.resolve("stressed").resolve(Pretrainer.LOG))
                        .toString()
                        .length())
                .isPositive();
    }
}
