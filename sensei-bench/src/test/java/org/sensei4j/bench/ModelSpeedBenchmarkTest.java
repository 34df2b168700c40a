package org.sensei4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSpeedBenchmarkTest {

    @Test
    void tableHasEveryRowAndTheOnnxRuntimeAndInt8RowsAreComparedWithTheirOwnBaselines() {
        List<ModelSpeedBenchmark.Row> rows = ModelSpeedBenchmark.run(40, 0, 1, null);
        assertThat(rows)
                .extracting(r -> r.model() + "/" + r.bands())
                .containsExactly(
                        "NN/13",
                        "SEnSeI+NN/3",
                        "SEnSeI+NN/8",
                        "SEnSeI+NN/13",
                        "DLv3/13",
                        "SEnSeI+DLv3/3",
                        "SEnSeI+DLv3/8",
                        "SEnSeI+DLv3/13",
                        "DLv3 (ONNX Runtime)/13",
                        "DLv3 (ONNX Runtime, int8)/13",
                        "SEnSeI+DLv3 (ONNX Runtime)/3",
                        "SEnSeI+DLv3 (ONNX Runtime, int8)/3",
                        "SEnSeI+DLv3 (ONNX Runtime)/8",
                        "SEnSeI+DLv3 (ONNX Runtime, int8)/8",
                        "SEnSeI+DLv3 (ONNX Runtime)/13",
                        "SEnSeI+DLv3 (ONNX Runtime, int8)/13");
        assertThat(rows).allSatisfy(r -> assertThat(r.medianMsPerMegapixel()).isPositive());
        List<ModelSpeedBenchmark.Row> made = List.of(
                new ModelSpeedBenchmark.Row("DLv3", 13, 100, 90, 110, 1),
                new ModelSpeedBenchmark.Row("SEnSeI+DLv3", 13, 120, 110, 130, 1),
                new ModelSpeedBenchmark.Row("DLv3 (ONNX Runtime)", 13, 50, 45, 55, 1),
                new ModelSpeedBenchmark.Row("SEnSeI+DLv3 (ONNX Runtime)", 13, 40, 35, 45, 1),
                new ModelSpeedBenchmark.Row("DLv3 (ONNX Runtime, int8)", 13, 25, 20, 30, 1),
                new ModelSpeedBenchmark.Row("SEnSeI+DLv3 (ONNX Runtime, int8)", 13, 20, 15, 25, 1));
        assertThat(ModelSpeedBenchmark.markdown(made))
                .contains("| SEnSeI+DLv3 | 13 | 120.0 | 110.0 | 130.0 | ×1.20 |  |")
                .contains("| SEnSeI+DLv3 (ONNX Runtime) | 13 | 40.0 | 35.0 | 45.0 | ×0.80 |  |")
                .contains("| DLv3 (ONNX Runtime, int8) | 13 | 25.0 | 20.0 | 30.0 | 1 | ×0.50 |")
                .contains("| SEnSeI+DLv3 (ONNX Runtime, int8) | 13 | 20.0 | 15.0 | 25.0 | ×0.80 | ×0.50 |");
    }
}
