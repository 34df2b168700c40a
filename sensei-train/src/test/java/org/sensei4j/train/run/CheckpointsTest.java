package org.sensei4j.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;

class CheckpointsTest {

    @Test
    void keepsTheNewestAndSkipsIncompleteOnes(@TempDir Path dir) throws Exception {
        Checkpoints c = new Checkpoints(dir.resolve("checkpoints"), 2);
        assertThat(c.latest()).isEmpty();
        for (int e = 1; e <= 3; e++) {
            c.save(e, Map.of("epoch", e), Map.of("model.params", new byte[] {(byte) e, 9}));
        }
        assertThat(c.epochs()).containsExactly(2, 3);
        Checkpoints.Saved latest = c.latest().orElseThrow();
        assertThat(latest.epoch()).isEqualTo(3);
        assertThat(latest.state().get("epoch").asInt()).isEqualTo(3);
        assertThat(latest.blob("model.params")).containsExactly(3, 9);
        assertThatThrownBy(() -> latest.blob("optimizer.state"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("has no optimizer.state");
        // a checkpoint directory without its state file (a crash mid-copy by hand) is passed over
        Files.createDirectories(dir.resolve("checkpoints/epoch-0004"));
        assertThat(c.latest().orElseThrow().epoch()).isEqualTo(3);
        // no temporary directories are left behind
        try (var list = Files.list(dir.resolve("checkpoints"))) {
            assertThat(list.map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(List.of("epoch-0002", "epoch-0003", "epoch-0004"));
        }
    }

    @Test
    void aCorruptNewestCheckpointFallsBackToTheOneBefore(@TempDir Path dir) throws Exception {
        Checkpoints c = new Checkpoints(dir.resolve("checkpoints"), 3);
        for (int e = 1; e <= 3; e++) {
            c.save(e, Map.of("epoch", e), Map.of("model.params", new byte[] {(byte) e, 9, 9, 9}));
        }
        // truncated blob (a disk that filled up, a copy cut short)
        Files.write(dir.resolve("checkpoints/epoch-0003/model.params"), new byte[] {3});
        assertThat(c.latest().orElseThrow().epoch()).isEqualTo(2);
        // garbage state file
        Files.write(dir.resolve("checkpoints/epoch-0002/state.json"), new byte[] {0, 1, 2, (byte) 0xFF});
        Checkpoints.Saved s = c.latest().orElseThrow();
        assertThat(s.epoch()).isEqualTo(1);
        assertThat(s.blob("model.params")).containsExactly(1, 9, 9, 9);
        // every checkpoint corrupt: the newest one's problem, named
        Files.delete(dir.resolve("checkpoints/epoch-0001/model.params"));
        assertThatThrownBy(c::latest)
                .isInstanceOf(SenseiException.class)
                .hasMessage("checkpoint " + dir.resolve("checkpoints/epoch-0003") + " is corrupt: model.params does"
                        + " not match its checksum (truncated or changed): delete that directory to resume from the"
                        + " one before, or start again");
    }
}
