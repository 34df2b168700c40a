package org.sensei4j.io.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueNoiseTest {

    @Test
    void valuesLieInTheUnitIntervalAndAreDeterministic() {
        ValueNoise a = new ValueNoise(42, 64, 2, 0.5, 0, 1);
        ValueNoise b = new ValueNoise(42, 64, 2, 0.5, 0, 1);
        assertThat(a.octaves()).isEqualTo(6); // periods 64, 32, 16, 8, 4, 2
        float[] ra = new float[300];
        float[] rb = new float[300];
        double min = 1;
        double max = 0;
        for (int r = 0; r < 50; r++) {
            a.fillRow(0, r, ra, 0, 300);
            b.fillRow(0, r, rb, 0, 300);
            assertThat(ra).isEqualTo(rb);
            for (float v : ra) {
                assertThat(v).isBetween(0f, 1f);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        // fractal noise spans a good part of the interval
        assertThat(max - min).isGreaterThan(0.4);
    }

    @Test
    void rowsAgreeWithSinglePointsAndShiftedOrigins() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            double angle = trial % 2 == 0 ? 0 : random.nextDouble() * Math.PI;
            ValueNoise noise =
                    new ValueNoise(random.nextLong(), 10 + random.nextInt(100), 2, 0.5, angle, 1 + random.nextInt(4));
            int width = 40;
            float[] row = new float[width + 5];
            double y = random.nextInt(1000) - 500;
            double x0 = random.nextInt(1000) - 500;
            noise.fillRow(x0, y, row, 5, width);
            for (int i = 0; i < width; i++) {
                assertThat(noise.at(x0 + i, y)).isCloseTo(row[5 + i], within(1e-6f));
            }
            float[] shifted = new float[width];
            noise.fillRow(x0 + 7, y, shifted, 0, width - 7);
            for (int i = 0; i < width - 7; i++) {
                assertThat(shifted[i]).isCloseTo(row[5 + i + 7], within(1e-6f));
            }
        }
    }

    @Test
    void fieldsAreSpatiallyCoherentAndSeedsDiffer() {
        ValueNoise noise = new ValueNoise(1, 50, 2, 0.5, 0, 1);
        ValueNoise other = new ValueNoise(2, 50, 2, 0.5, 0, 1);
        float[] row = new float[1000];
        float[] otherRow = new float[1000];
        noise.fillRow(0, 3, row, 0, 1000);
        other.fillRow(0, 3, otherRow, 0, 1000);
        double neighbour = 0;
        double far = 0;
        double seeds = 0;
        for (int i = 0; i < 999; i++) {
            neighbour += Math.abs(row[i + 1] - row[i]);
            far += Math.abs(row[(i + 500) % 1000] - row[i]);
            seeds += Math.abs(otherRow[i] - row[i]);
        }
        // neighbours differ far less than distant pixels or another seed's field
        assertThat(neighbour).isLessThan(far / 4);
        assertThat(neighbour).isLessThan(seeds / 4);
    }

    @Test
    void stretchedFieldsAreLongerAlongTheirAxis() {
        // stretch 4 along the columns (angle 0): values change slower along a row than down a column
        ValueNoise noise = new ValueNoise(5, 40, 2, 0.5, 0, 4);
        double alongRow = 0;
        double alongColumn = 0;
        for (int k = 0; k < 200; k++) {
            alongRow += Math.abs(noise.at(k + 1, 17) - noise.at(k, 17));
            alongColumn += Math.abs(noise.at(17, k + 1) - noise.at(17, k));
        }
        assertThat(alongRow).isLessThan(alongColumn / 2);
    }
}
