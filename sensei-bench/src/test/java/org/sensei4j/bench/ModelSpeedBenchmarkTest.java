package org.sensei4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.model.onnx.Int8Weights;

class ModelSpeedBenchmarkTest {

    @Test
    void tableHasEveryRowAndTheKernelOnnxRuntimeAndInt8RowsAreComparedWithTheirOwnBaselines() {
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
                        "NN (kernel)/13",
                        "SEnSeI+NN (kernel)/3",
                        "SEnSeI+NN (kernel)/8",
                        "SEnSeI+NN (kernel)/13",
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
                new ModelSpeedBenchmark.Row("NN (kernel)", 13, 10, 9, 11, 1),
                new ModelSpeedBenchmark.Row("SEnSeI+NN (kernel)", 13, 12, 11, 13, 1),
                new ModelSpeedBenchmark.Row("DLv3", 13, 100, 90, 110, 1),
                new ModelSpeedBenchmark.Row("SEnSeI+DLv3", 13, 120, 110, 130, 1),
                new ModelSpeedBenchmark.Row("DLv3 (ONNX Runtime)", 13, 50, 45, 55, 1),
                new ModelSpeedBenchmark.Row("SEnSeI+DLv3 (ONNX Runtime)", 13, 40, 35, 45, 1),
                new ModelSpeedBenchmark.Row("DLv3 (ONNX Runtime, int8)", 13, 25, 20, 30, 1),
                new ModelSpeedBenchmark.Row("SEnSeI+DLv3 (ONNX Runtime, int8)", 13, 20, 15, 25, 1));
        assertThat(ModelSpeedBenchmark.markdown(made))
                .contains("| SEnSeI+NN (kernel) | 13 | 12.0 | 11.0 | 13.0 | ×1.20 |  |")
                .contains("| SEnSeI+DLv3 | 13 | 120.0 | 110.0 | 130.0 | ×1.20 |  |")
                .contains("| SEnSeI+DLv3 (ONNX Runtime) | 13 | 40.0 | 35.0 | 45.0 | ×0.80 |  |")
                .contains("| DLv3 (ONNX Runtime, int8) | 13 | 25.0 | 20.0 | 30.0 | 1 | ×0.50 |")
                .contains("| SEnSeI+DLv3 (ONNX Runtime, int8) | 13 | 20.0 | 15.0 | 25.0 | ×0.80 | ×0.50 |");
    }

    @Test
    void theMachineLineNamesTheCpuAndItsInt8WeightRange(@TempDir Path dir) throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(
                cpuinfo,
                "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu avx2\n"
                        + "processor\t: 1\nmodel name\t: AMD EPYC 7B13\n");
        assertThat(ModelSpeedBenchmark.cpuModel(cpuinfo)).isEqualTo("AMD EPYC 7B13");
        Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t:\n");
        assertThat(ModelSpeedBenchmark.cpuModel(cpuinfo)).isEqualTo("CPU model unknown");
        assertThat(ModelSpeedBenchmark.cpuModel(dir.resolve("absent"))).isEqualTo("CPU model unknown");
        assertThat(ModelSpeedBenchmark.machine())
                .startsWith(Runtime.getRuntime().availableProcessors() + " cores (")
                .contains("), int8 weights " + Int8Weights.forThisMachine().description() + ", load average ");
    }
}
