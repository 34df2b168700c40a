package org.sensei4j.floor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sensei4j.train.sample.BandSubsetConfig;

class PixelBandSubsetTest {

    static int count(boolean[] kept) {
        int c = 0;
        for (boolean k : kept) {
            c += k ? 1 : 0;
        }
        return c;
    }

    @Test
    void theSameSeedDrawsTheSameSubsetsAnotherSeedOthers() {
        PixelBandSubset s = new PixelBandSubset(3, 0);
        SplittableRandom a = new SplittableRandom(42);
        SplittableRandom b = new SplittableRandom(42);
        SplittableRandom c = new SplittableRandom(43);
        int differ = 0;
        for (int i = 0; i < 500; i++) {
            boolean[] x = s.draw(6, a);
            assertThat(s.draw(6, b)).isEqualTo(x);
            differ += Arrays.equals(x, s.draw(6, c)) ? 0 : 1;
        }
        assertThat(differ).isGreaterThan(400);
    }

    @Test
    void countsAreUniformFromMinToAllAndEveryBandIsEquallyLikely() {
        PixelBandSubset s = new PixelBandSubset(3, 0);
        SplittableRandom r = new SplittableRandom(1);
        int n = 8000;
        int[] perCount = new int[7];
        int[] perBand = new int[6];
        for (int i = 0; i < n; i++) {
            boolean[] kept = s.draw(6, r);
            perCount[count(kept)]++;
            for (int b = 0; b < 6; b++) {
                perBand[b] += kept[b] ? 1 : 0;
            }
        }
        assertThat(perCount[0] + perCount[1] + perCount[2]).isZero();
        for (int c = 3; c <= 6; c++) {
            assertThat(perCount[c] / (double) n).as("share with %d bands", c).isBetween(0.23, 0.27);
        }
        // expected bands kept: mean of 3..6 = 4.5 of 6 → each band kept 75% of the time
        for (int b = 0; b < 6; b++) {
            assertThat(perBand[b] / (double) n).as("band %d kept", b).isBetween(0.73, 0.77);
        }
    }

    @Test
    void fewerBandsThanTheMinimumKeepAllAndMaxBandsCaps() {
        PixelBandSubset s = new PixelBandSubset(3, 4);
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 300; i++) {
            assertThat(s.draw(2, r)).containsExactly(true, true);
            assertThat(s.draw(3, r)).containsExactly(true, true, true);
            assertThat(count(s.draw(13, r))).isBetween(3, 4);
        }
    }

    @Test
    void followsTheBandSubsetOfTheConfigAndRejectsBadCounts() {
        assertThat(PixelBandSubset.of(BandSubsetConfig.defaults())).isEqualTo(new PixelBandSubset(3, 0));
        assertThat(PixelBandSubset.of(BandSubsetConfig.range(2, 5).withSyntheticBands(0.5, 0.5, 2, 3)))
                .isEqualTo(new PixelBandSubset(2, 5));
        assertThat(new PixelBandSubset(3, 0)).hasToString("3..all bands per pixel");
        assertThatThrownBy(() -> new PixelBandSubset(4, 3)).hasMessageContaining("max_bands 3 is below min_bands 4");
        assertThatThrownBy(() -> new PixelBandSubset(0, 0)).hasMessageContaining("min_bands 0 must be >= 1");
    }
}
