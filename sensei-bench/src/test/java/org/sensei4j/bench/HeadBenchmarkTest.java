package org.sensei4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.sensei4j.model.head.PixelMlp;

class HeadBenchmarkTest {

    @Test
    void timesEachRunAndLeavesNoArraysBehind() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PixelMlp net = PixelMlp.of(3, 4, 2);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 33, 33));
            int before = manager.getManagedArrays().size();
            double[] times = HeadBenchmark.timeMillis(net, manager, 3, 32, 1, 3);
            assertThat(times).hasSize(3).isSorted();
            assertThat(times[0]).isPositive();
            assertThat(manager.getManagedArrays()).hasSize(before);
            assertThatThrownBy(() -> HeadBenchmark.timeMillis(net, manager, 3, 32, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void medianAndPerMegapixel() {
        assertThat(HeadBenchmark.median(new double[] {1, 2, 9})).isEqualTo(2);
        assertThat(HeadBenchmark.median(new double[] {1, 2, 4, 9})).isEqualTo(3);
        HeadBenchmark.Result r = new HeadBenchmark.Result("NN", 13, 1000, 50, 40);
        assertThat(r.millisPerMegapixel()).isEqualTo(50);
        assertThat(r.minMillisPerMegapixel()).isEqualTo(40);
    }
}
