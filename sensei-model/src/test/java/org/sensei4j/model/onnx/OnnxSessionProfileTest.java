package org.sensei4j.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.model.SavedProperty;

/** {@code -Dsensei.onnx.profile=PREFIX}: each session writes ONNX Runtime's per-kernel profile when it closes. */
class OnnxSessionProfileTest {

    @Test
    void aProfiledSessionWritesItsKernelsTimesWhenItCloses(@TempDir Path dir) throws IOException {
        OnnxGraph g = new OnnxGraph("profiled");
        g.input("x", 1L, 2L, 3L, 3L);
        g.output(g.node("Relu", List.of("x")), 1L, 2L, 3L, 3L);
        byte[] model = g.toModelBytes();
        try (SavedProperty saved = new SavedProperty(OnnxSession.PROFILE_PROPERTY)) {
            saved.set(dir.resolve("tile").toString());
            try (OnnxSession s = new OnnxSession(model, 1)) {
                float[] y = s.run(new float[] {-1, 2, -3, 4, -5, 6, -7, 8, -9, 1, 0, -1, 2, 3, 4, 5, 6, 7}, 1, 2, 3, 3)
                        .values();
                assertThat(y[0]).isZero();
                assertThat(y[1]).isEqualTo(2f);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> profiles = files.toList();
            assertThat(profiles).hasSize(1);
            assertThat(profiles.get(0).getFileName().toString())
                    .startsWith("tile-")
                    .endsWith(".json");
            String json = Files.readString(profiles.get(0));
            assertThat(json).contains("\"op_name\" : \"Relu\"").contains("model_run");
        }
        // without the property, no file
        try (OnnxSession s = new OnnxSession(model, 1)) {
            s.run(new float[18], 1, 2, 3, 3);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(1);
        }
    }
}
