package org.sensei4j.model.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;

class SnowTestTest {

    static final SnowTest T = SnowTest.DEFAULT;

    /** SWIR1 reflectance that gives {@code ndsi} with green {@code g}. */
    static float swir(double g, double ndsi) {
        return (float) (g * (1 - ndsi) / (1 + ndsi));
    }

    @Test
    void theEvidenceRisesFromNdsiLowToHigh() {
        assertThat(T.evidence(0.8f, swir(0.8, 0.5))).isZero();
        assertThat(T.evidence(0.8f, swir(0.8, 0.8))).isCloseTo(0, within(1e-5));
        assertThat(T.evidence(0.8f, swir(0.8, 0.825))).isCloseTo(0.5, within(1e-5));
        assertThat(T.evidence(0.8f, swir(0.8, 0.9))).isEqualTo(1);
        // water cloud (NDSI 0.1), rio-cloudmask's cirrus (NDSI 0.31): no evidence
        assertThat(T.evidence(0.6f, swir(0.6, 0.1))).isZero();
        assertThat(T.evidence(0.158f, 0.083f)).isZero();
        // a missing or non-positive band: no evidence
        assertThat(T.evidence(0.8f, Float.NaN)).isZero();
        assertThat(T.evidence(Float.NaN, 0.05f)).isZero();
        assertThat(T.evidence(0.8f, 0f)).isZero();
        assertThat(T.evidence(0f, 0.05f)).isZero();
    }

    @Test
    void loweringScalesTheCloudProbability() {
        assertThat(SnowTest.lower(0.9, 0)).isEqualTo(0.9);
        assertThat(SnowTest.lower(0.9, 0.5)).isCloseTo(0.45, within(1e-12));
        assertThat(SnowTest.lower(0.9, 1)).isZero();
    }

    @Test
    void aRampThatIsNotIncreasingInsideMinusOneToOneIsRefusedWithAnExample() {
        for (double[] bad : new double[][] {{0.85, 0.8}, {0.8, 0.8}, {-1.5, 0.8}, {0.8, 1.2}, {Double.NaN, 0.9}}) {
            assertThatThrownBy(() -> new SnowTest(bad[0], bad[1]))
                    .isInstanceOf(SenseiException.class)
                    .hasMessageStartingWith("snow_test needs -1 <= low < high <= 1 (NDSI)")
                    .hasMessageEndingWith("e.g. low 0.8, high 0.85");
        }
    }
}
