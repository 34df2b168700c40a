package org.sensei4j.io.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReferenceSpectraTest {

    @Test
    void curvePassesThroughAnchorsWithoutOvershoot() {
        SpectralCurve c = new SpectralCurve(400, 0.1, 500, 0.3, 600, 0.2, 700, 0.2, 800, 0.9);
        assertThat(c.at(400)).isEqualTo(0.1);
        assertThat(c.at(500)).isCloseTo(0.3, within(1e-12));
        assertThat(c.at(700)).isCloseTo(0.2, within(1e-12));
        assertThat(c.at(800)).isEqualTo(0.9);
        // constant outside the anchors
        assertThat(c.at(350)).isEqualTo(0.1);
        assertThat(c.at(2500)).isEqualTo(0.9);
        // between two anchors the curve stays within their values and is monotone where they are
        double prev = c.at(400);
        for (double nm = 401; nm <= 500; nm++) {
            double v = c.at(nm);
            assertThat(v).isBetween(0.1, 0.3).isGreaterThanOrEqualTo(prev);
            prev = v;
        }
        for (double nm = 600; nm <= 700; nm += 0.5) {
            assertThat(c.at(nm)).isCloseTo(0.2, within(1e-12)); // flat stays flat
        }
        for (double nm = 700; nm <= 800; nm += 0.5) {
            assertThat(c.at(nm)).isBetween(0.2, 0.9);
        }
        // smooth: no jump anywhere
        for (double nm = 400; nm < 800; nm += 0.25) {
            assertThat(Math.abs(c.at(nm + 0.25) - c.at(nm))).isLessThan(0.01);
        }
        assertThatThrownBy(() -> new SpectralCurve(500, 0.1, 400, 0.2)).hasMessageContaining("must increase");
        assertThatThrownBy(() -> new SpectralCurve(500, 0.1)).hasMessageContaining("two (nm, value) pairs");
    }

    @Test
    void curveIsMonotoneBetweenAnchorsOfEveryLibrarySpectrum() {
        Random random = new Random(11);
        for (SpectralCurve[] pair : ReferenceSpectra.SURFACE) {
            for (SpectralCurve c : pair) {
                for (int k = 0; k < 2000; k++) {
                    double nm = 400 + random.nextDouble() * 2100;
                    assertThat(c.at(nm)).isBetween(0.0, 1.0);
                }
            }
        }
    }

    @Test
    void surfaceSpectraHaveTheirTextbookFeatures() {
        SpectralCurve veg = ReferenceSpectra.VEGETATION_DENSE;
        assertThat(veg.at(665)).isLessThan(0.05);
        assertThat(veg.at(560)).isGreaterThan(veg.at(665)).isGreaterThan(veg.at(480)); // green peak
        assertThat(veg.at(700)).isBetween(0.06, 0.12); // the red edge starts at ~700 nm
        assertThat(veg.at(740)).isGreaterThan(0.3);
        assertThat(veg.at(865)).isCloseTo(0.4, within(0.02));
        assertThat(veg.at(1450)).isLessThan(veg.at(1300) - 0.1); // leaf water dips
        assertThat(veg.at(1940)).isLessThan(veg.at(1650) - 0.15);

        assertThat(ReferenceSpectra.SOIL_DRY.at(2200)).isGreaterThan(ReferenceSpectra.SOIL_DRY.at(500));
        assertThat(ReferenceSpectra.WATER_CLEAR.at(865)).isLessThan(0.005);
        assertThat(ReferenceSpectra.WATER_TURBID.at(1610)).isLessThan(0.005);
        assertThat(ReferenceSpectra.SNOW_FRESH.at(560)).isCloseTo(0.9, within(0.03));
        assertThat(ReferenceSpectra.SNOW_FRESH.at(1600)).isCloseTo(0.05, within(0.01));
        assertThat(ReferenceSpectra.URBAN_BRIGHT.at(1000)).isBetween(0.15, 0.32);

        // cloud: bright and flat in the visible, still bright at 1610 nm where snow is dark
        assertThat(ReferenceSpectra.THICK_CLOUD.at(450)).isBetween(0.6, 0.9);
        assertThat(ReferenceSpectra.THICK_CLOUD.at(1610)).isGreaterThan(0.55);
        assertThat(ReferenceSpectra.THICK_CLOUD.at(1450)).isLessThan(ReferenceSpectra.THICK_CLOUD.at(1300) - 0.1);
    }

    @Test
    void waterVapourHidesTheGroundAround1375nm() {
        assertThat(ReferenceSpectra.transmittance(1375, 0)).isLessThan(0.003);
        assertThat(ReferenceSpectra.transmittance(1350, 0)).isLessThan(0.03);
        assertThat(ReferenceSpectra.transmittance(1450, 0)).isLessThan(0.1);
        assertThat(ReferenceSpectra.transmittance(865, 0)).isGreaterThan(0.95);
        assertThat(ReferenceSpectra.transmittance(1610, 0)).isGreaterThan(0.95);
        assertThat(ReferenceSpectra.transmittance(945, 0)).isBetween(0.4, 0.7);
        // cirrus at 10 km is above nearly all the vapour
        assertThat(ReferenceSpectra.transmittance(1375, 10_000)).isGreaterThan(0.95);
        // a 2 km cloud top is partly above it: exp(−6.52 · e^−1) ≈ 0.09
        assertThat(ReferenceSpectra.transmittance(1385, 2000)).isCloseTo(Math.exp(-6.52 * Math.exp(-1)), within(1e-3));
        assertThat(ReferenceSpectra.rayleighPath(443)).isCloseTo(0.085, within(1e-12));
        assertThat(ReferenceSpectra.rayleighPath(886)).isCloseTo(0.085 / 16, within(1e-12));
    }

    @Test
    void bandMeanIsTheBoxcarAverage() {
        // linear function: the mean over (min, max) is the value at the midpoint
        assertThat(ReferenceSpectra.bandMean(nm -> 2 * nm + 1, 600, 700)).isCloseTo(1301, within(1e-9));
        // x²: mean over (0.., ..) = (b³ − a³) / (3 (b − a)); midpoint rule error (b−a)²/(12 n²) is tiny
        assertThat(ReferenceSpectra.bandMean(nm -> nm * nm, 500, 600)).isCloseTo((216e6 - 125e6) / 300.0, within(1e-2));
        // zero width: the value there
        assertThat(ReferenceSpectra.bandMean(nm -> nm / 1000, 865, 865)).isEqualTo(0.865);
        // a step at 650: half the band on each side
        assertThat(ReferenceSpectra.bandMean(nm -> nm < 650 ? 0 : 1, 600, 700)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void quantileThresholdsSelectTheRequestedCount() {
        Random random = new Random(2024);
        for (int trial = 0; trial < 200; trial++) {
            int m = 1 + random.nextInt(500);
            float[] a = new float[m + 3];
            for (int i = 0; i < m; i++) {
                a[i] = random.nextFloat();
            }
            float[] copy = a.clone();
            long count = random.nextInt(m + 3) - 1;
            float t = SceneLayers.thresholdAbove(a, m, count);
            int above = 0;
            for (int i = 0; i < m; i++) {
                above += copy[i] > t ? 1 : 0;
            }
            assertThat(above).as("m=%d count=%d", m, count).isEqualTo((int) Math.max(0, Math.min(m, count)));
            int k = random.nextInt(m);
            float[] sorted = Arrays.copyOf(copy, m);
            Arrays.sort(sorted);
            assertThat(SceneLayers.select(copy.clone(), m, k)).isEqualTo(sorted[k]);
        }
        assertThat(SceneLayers.thresholdAbove(new float[0], 0, 3)).isEqualTo(Float.POSITIVE_INFINITY);
    }
}
