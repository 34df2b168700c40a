package org.sensei4j.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The percentiles of an int8 calibration: order statistics equal to what a sorted copy has at the index. */
class ActivationRangesTest {

    @Test
    void orderStatisticsAreTheSortedValuesAtTheirIndex() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(trial < 150 ? 300 : 20_000);
            float[] v = new float[n];
            int kind = trial % 4;
            for (int i = 0; i < n; i++) {
                v[i] = switch (kind) {
                    case 0 -> (float) rnd.nextGaussian();
                    case 1 -> rnd.nextInt(5) - 2; // many ties
                    case 2 -> Math.max(0f, (float) rnd.nextGaussian()); // ReLU: a pile of zeros
                    default -> rnd.nextBoolean() ? -0.0f : 0.0f;
                };
            }
            float[] sorted = v.clone();
            Arrays.sort(sorted);
            float[] before = v.clone();
            int[] ks = {0, n - 1, rnd.nextInt(n), Math.min(n - 1, 10), Math.max(0, n - 11), n / 2};
            for (int k : ks) {
                float got = ActivationRanges.orderStatistic(v, k);
                assertThat(Float.floatToRawIntBits(got))
                        .as("trial %d, n %d, k %d", trial, n, k)
                        .isEqualTo(Float.floatToRawIntBits(sorted[k]));
            }
            assertThat(v).as("the input is left as it was").isEqualTo(before);
        }
        assertThatThrownBy(() -> ActivationRanges.orderStatistic(new float[3], 3))
                .hasMessage("order statistic 3 of 3 values");
    }
}
